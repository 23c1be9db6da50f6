package load

import (
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadReportsEveryProblemWithItsPosition(t *testing.T) {
	fsys := fstest.MapFS{
		"dossier.yaml":        {Data: []byte("title: T\nthemes: [csto, drugs]\n")},
		"themes/csto.md":      {Data: []byte("---\ntitle: CSTO\nterms: [CSTO]\n---\nOverview.\n")},
		"notes/ok.md":         {Data: []byte("---\ntitle: Fine\ndate: 2024-01-02\nthemes: [csto]\n---\nBody.\n")},
		"notes/bad-yaml.md":   {Data: []byte("---\ntitle: Broken\nthemes: csto: x\n---\nBody.\n")},
		"notes/wrong-type.md": {Data: []byte("---\ntitle: [a, b]\n---\n")},
		"notes/unknown.md":    {Data: []byte("---\ntitle: X\ncolour: red\n---\n")},
		"notes/no-title.md":   {Data: []byte("---\ndate: 2024\n---\n")},
		"notes/bad-date.md":   {Data: []byte("---\ntitle: X\ndate: 24 May\n---\n")},
		"notes/latin1.md":     {Data: []byte("---\ntitle: X\n---\nCaf\xe9\n")},
		"notes/Bad_Name.md":   {Data: []byte("---\ntitle: X\n---\n")},
		"notes/open.md":       {Data: []byte("---\ntitle: X\n")},
		"entities/ok.md":      {Data: []byte("---\ntitle: Duplicate of a note's slug\n---\n")},
		"notes/events.md":     {Data: []byte("---\ntitle: X\nevents:\n  - date: 2013-13\n    text: T\n    cite: '[[a]]'\n  - text: no date\n    cite: '[[a]]'\n---\n")},
	}
	_, diags := Load(withConfig(fsys), "content")
	diags.Sort()
	want := []string{
		`content/dossier.yaml:2:16: theme "drugs" has no file themes/drugs.md`,
		`content/entities/ok.md:1:1: duplicate slug "ok": already used by content/notes/ok.md`,
		`content/notes/Bad_Name.md:1:1: bad file name "Bad_Name.md": a slug is lowercase letters, digits and single hyphens`,
		`content/notes/bad-date.md:3:7: invalid date "24 May": write YYYY, YYYY-MM or YYYY-MM-DD`,
		`content/notes/bad-yaml.md:3:13: invalid front matter: mapping values are not allowed in this context`,
		`content/notes/events.md:4:11: invalid event date "2013-13": write YYYY, YYYY-MM or YYYY-MM-DD`,
		`content/notes/events.md:7:5: event needs "date"`,
		`content/notes/latin1.md:4:4: file is not valid UTF-8`,
		`content/notes/no-title.md:2:1: front matter needs "title"`,
		`content/notes/open.md:1:1: front matter is not closed: no line "---" after the opening one`,
		`content/notes/unknown.md:3:1: invalid front matter: unknown field "colour"`,
		`content/notes/wrong-type.md:2:8: invalid front matter: cannot unmarshal a list into string`,
	}
	if len(diags) != len(want) {
		t.Errorf("got %d diagnostics, want %d:\n%s", len(diags), len(want), diags.Error())
	}
	for i := range min(len(diags), len(want)) {
		if diags[i].Error() != want[i] {
			t.Errorf("diagnostic %d:\n got %s\nwant %s", i, diags[i].Error(), want[i])
		}
	}
}

func TestLoadKeepsBodyAndItsFirstLine(t *testing.T) {
	fsys := fstest.MapFS{
		"sources/s.txt": {Data: []byte("---\ntitle: unknown\ncite: S 2020\ncleaning:\n  drop: [8]\n---\n first line\r\nsecond\n")},
	}
	c, diags := Load(withConfig(fsys), "content")
	if len(diags) > 0 {
		t.Fatal(diags.Error())
	}
	s := c.Sources[0]
	if s.Body != " first line\nsecond\n" || s.BodyLine != 7 || s.Meta.Cite != "S 2020" || len(s.Rules.Drop) != 1 {
		t.Errorf("source = %+v", s)
	}
}

func TestValidSlug(t *testing.T) {
	for s, want := range map[string]bool{"comillas-2015": true, "a": true, "a--b": false, "-a": false, "a-": false, "A": false, "a_b": false, "": false, "é": false} {
		if ValidSlug(s) != want {
			t.Errorf("ValidSlug(%q) = %v", s, !want)
		}
	}
}

func TestLoadMissingFolder(t *testing.T) {
	_, diags := Load(os.DirFS("testdata/no-such-folder"), "no-such-folder")
	if len(diags) != 1 || diags[0].Error() != "no-such-folder:1:1: no content folder here: no such file or directory" {
		t.Errorf("diagnostics = %v", diags)
	}
}

// Front matter is decoded from its parsed YAML, which cannot reject
// unknown fields by itself: they must still be found at any depth, in
// ,inline structs, behind merge keys and in timeline.yaml.
func TestLoadRejectsUnknownFieldsAnywhere(t *testing.T) {
	fsys := fstest.MapFS{
		"sources/s.txt":   {Data: []byte("---\ntitle: S\ncite: S 2020\ncolor: red\ncleaning:\n  drop: [3]\n  keep_all: true\n---\nText.\n")},
		"notes/events.md": {Data: []byte("---\ntitle: E\nevents:\n  - date: 2013\n    text: T\n    cite: x\n    where: Moscow\n---\n")},
		"notes/alias.md":  {Data: []byte("---\ntitle: &t A\nsummary: *t\n---\n")},
		"notes/merge.md":  {Data: []byte("---\n<<: {title: M, colour: red}\n---\n")},
		"timeline.yaml":   {Data: []byte("- date: 2013\n  text: T\n  cite: x\n  where: y\n")},
	}
	c, diags := Load(withConfig(fsys), "content")
	diags.Sort()
	want := []string{
		`content/notes/events.md:7:5: invalid front matter: unknown field "where"`,
		`content/notes/merge.md:2:16: invalid front matter: unknown field "colour"`,
		`content/sources/s.txt:4:1: invalid front matter: unknown field "color"`,
		`content/sources/s.txt:7:3: invalid front matter: unknown field "keep_all"`,
		`content/timeline.yaml:4:3: invalid front matter: unknown field "where"`,
	}
	if got := strings.Split(diags.Error(), "\n"); !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", diags.Error(), strings.Join(want, "\n"))
	}
	if len(c.Notes) != 1 || c.Notes[0].Summary != "A" {
		t.Errorf("notes = %+v, want alias.md with the title as summary", c.Notes)
	}
}

// withConfig adds a dossier.yaml to a test's content folder when it has
// none, since a folder without one is an error of its own.
func withConfig(fsys fs.FS) fs.FS {
	switch m := fsys.(type) {
	case fstest.MapFS:
		if _, ok := m[ConfigFile]; !ok {
			m = maps.Clone(m)
			m[ConfigFile] = &fstest.MapFile{Data: []byte("title: T\n")}
		}
		return m
	case failing:
		m.MapFS = withConfig(m.MapFS).(fstest.MapFS)
		return m
	}
	return fsys
}

func TestAFolderWithoutDossierYAMLIsAnError(t *testing.T) {
	for name, fsys := range map[string]fstest.MapFS{
		"empty":          {},
		"notes, no yaml": {"notes/a.md": {Data: []byte("---\ntitle: A\n---\n")}},
	} {
		_, diags := Load(fsys, "c")
		want := "c/dossier.yaml:1:1: missing: a content folder holds a dossier.yaml (dossier init starts a dossier with one)"
		if len(diags) != 1 || diags[0].Error() != want {
			t.Errorf("%s: diagnostics %v, want %s", name, diags, want)
		}
	}
}
