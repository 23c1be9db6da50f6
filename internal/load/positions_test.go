package load

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// failing is a content folder whose named files cannot be read: the
// error is the one a confined folder gives for a link out of it.
type failing struct {
	fstest.MapFS
	errs map[string]error
}

func (f failing) ReadFile(name string) ([]byte, error) {
	if err, ok := f.errs[name]; ok {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return f.MapFS.ReadFile(name)
}

func (f failing) ReadDir(name string) ([]fs.DirEntry, error) {
	if err, ok := f.errs[name]; ok {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
	}
	return f.MapFS.ReadDir(name)
}

// aliasBomb is front matter whose aliases expand to 9^6 values.
const aliasBomb = "---\n" +
	"title: &a [x, x, x, x, x, x, x, x, x]\n" +
	"summary: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" +
	"author: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n" +
	"date: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n" +
	"confidence: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n" +
	"themes: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n" +
	"---\n"

// Every diagnostic of the loader reads path:line:col, at the place to
// fix: the YAML node or character at fault, not where yaml.v3 noticed;
// 1:1 for a problem with a whole file.
func TestDiagnosticPositions(t *testing.T) {
	outside := errors.New("symlink points outside the content folder, to /proc/self/environ")
	tests := []struct {
		name string
		fsys fs.FS
		want []string
	}{
		{"unclosed quote, noticed at the end of the front matter",
			fstest.MapFS{"notes/a.md": {Data: []byte("---\ntitle: T\nsummary: \"open\nauthor: A\ndate: 2020\n---\n")}},
			[]string{`c/notes/a.md:3:10: invalid front matter: found unexpected end of stream`}},
		{"unclosed quote on the first line, which yaml.v3 counts as none",
			fstest.MapFS{"notes/a.md": {Data: []byte("---\ntitle: 'open\nauthor: A\n---\n")}},
			[]string{`c/notes/a.md:2:8: invalid front matter: found unexpected end of stream`}},
		{"a second colon",
			fstest.MapFS{"notes/a.md": {Data: []byte("---\ntitle: T\nthemes: csto: x\n---\n")}},
			[]string{`c/notes/a.md:3:13: invalid front matter: mapping values are not allowed in this context`}},
		{"a list item in a mapping, which yaml.v3 puts a line early",
			fstest.MapFS{"notes/a.md": {Data: []byte("---\ntitle: T\n- x\n---\n")}},
			[]string{`c/notes/a.md:3:1: invalid front matter: did not find expected key`}},
		{"unknown alias",
			fstest.MapFS{"notes/a.md": {Data: []byte("---\ntitle: T\nsummary: a *b c\nauthor: *b\n---\n")}},
			[]string{`c/notes/a.md:4:9: invalid front matter: unknown anchor 'b' referenced`}},
		{"wrong type in a flow list",
			fstest.MapFS{"notes/a.md": {Data: []byte("---\ntitle: T\nthemes: [csto, [bases]]\n---\n")}},
			[]string{`c/notes/a.md:3:16: invalid front matter: cannot unmarshal a list into string`}},
		{"wrong type through an alias, reported where it is used",
			fstest.MapFS{"notes/a.md": {Data: []byte("---\ntitle: T\nthemes: &t [csto]\nsummary: *t\n---\n")}},
			[]string{`c/notes/a.md:4:10: invalid front matter: cannot unmarshal a list into string`}},
		{"repeated key, with the first one's file line",
			fstest.MapFS{"notes/a.md": {Data: []byte("---\ntitle: T\ndate: 2020\ntitle: U\n---\n")}},
			[]string{`c/notes/a.md:4:1: invalid front matter: mapping key "title" already defined at line 2`}},
		{"unknown field in an event",
			fstest.MapFS{"notes/a.md": {Data: []byte("---\ntitle: T\nevents:\n  - {date: 2020, text: x, cite: y, where: z}\n---\n")}},
			[]string{`c/notes/a.md:4:36: invalid front matter: unknown field "where"`}},
		{"NUL byte on its own line",
			fstest.MapFS{"notes/a.md": {Data: []byte("---\ntitle: T\ndate: 2020\nsummary: a\x00b\n---\n")}},
			[]string{`c/notes/a.md:4:11: invalid front matter: control characters are not allowed`}},
		{"NUL byte in dossier.yaml",
			fstest.MapFS{"dossier.yaml": {Data: []byte("title: T\nsubtitle: \x00\n")}},
			[]string{`c/dossier.yaml:2:11: invalid front matter: control characters are not allowed`}},
		{"alias bomb: one diagnostic per place, at once",
			fstest.MapFS{"notes/a.md": {Data: []byte(aliasBomb)}},
			[]string{
				`c/notes/a.md:2:8: invalid front matter: cannot unmarshal a list into string`,
				`c/notes/a.md:3:10: invalid front matter: cannot unmarshal a list into string`,
				`c/notes/a.md:4:9: invalid front matter: cannot unmarshal a list into string`,
				`c/notes/a.md:5:7: invalid front matter: cannot unmarshal a list into string`,
				`c/notes/a.md:6:13: invalid front matter: cannot unmarshal a list into string`,
				`c/notes/a.md:7:10: invalid front matter: cannot unmarshal a list into string`,
			}},
		{"front matter that is not a mapping",
			fstest.MapFS{"notes/a.md": {Data: []byte("---\n\n  - a\n---\n")}},
			[]string{`c/notes/a.md:3:3: front matter must be a YAML mapping of field: value`}},
		{"timeline that is not a list",
			fstest.MapFS{"timeline.yaml": {Data: []byte("# events\ndate: 2020\n")}},
			[]string{`c/timeline.yaml:2:1: invalid front matter: cannot unmarshal a mapping into []load.eventFront`}},
		{"bad file name",
			fstest.MapFS{"notes/A b.md": {Data: []byte("---\ntitle: T\n---\n")}},
			[]string{`c/notes/A b.md:1:1: bad file name "A b.md": a slug is lowercase letters, digits and single hyphens`}},
		{"duplicate slug of a source in .md and .txt names both files",
			fstest.MapFS{
				"sources/x.md":  {Data: []byte("---\ntitle: X\n---\nText.\n")},
				"sources/x.txt": {Data: []byte("---\ntitle: X\n---\nText.\n")},
			},
			[]string{`c/sources/x.txt:1:1: duplicate slug "x": already used by c/sources/x.md`}},
		{"duplicate slug across kinds names both files",
			fstest.MapFS{
				"notes/x.md":    {Data: []byte("---\ntitle: X\n---\n")},
				"entities/x.md": {Data: []byte("---\ntitle: X\n---\n")},
			},
			[]string{`c/entities/x.md:1:1: duplicate slug "x": already used by c/notes/x.md`}},
		{"a file the folder refuses, with the folder's reason",
			failing{fstest.MapFS{"index.md": {Data: []byte("secret")}}, map[string]error{"index.md": outside}},
			[]string{`c/index.md:1:1: cannot read: symlink points outside the content folder, to /proc/self/environ`}},
		{"a folder the folder refuses",
			failing{fstest.MapFS{"notes/a.md": {Data: []byte("---\ntitle: A\n---\n")}}, map[string]error{"notes": outside}},
			[]string{`c/notes:1:1: cannot read folder: symlink points outside the content folder, to /proc/self/environ`}},
		{"symlink loop", loopFolder(t),
			[]string{`c/notes/loop.md:1:1: cannot read: too many levels of symbolic links`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, diags := Load(withConfig(tt.fsys), "c")
			if got := diagStrings(diags); !slices.Equal(got, tt.want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("took %s", d)
			}
		})
	}
}

// loopFolder is a content folder holding a note that is a symlink to
// itself.
func loopFolder(t *testing.T) fs.FS {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "notes"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("loop.md", filepath.Join(dir, "notes", "loop.md")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	if err := os.WriteFile(filepath.Join(dir, ConfigFile), []byte("title: T\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return os.DirFS(dir)
}
