//go:build unix

package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/internal/site"
)

// secret is in every file outside the site's folders: no build may
// publish it, nor print it.
const secret = "SECRET-d41d8cd98f"

// scratch is a site in a temp folder: content/ (a copy of
// testdata/site), templates/, static/ with style.css and images/a.png,
// and beside them outside/, which holds secret.md, secret.txt and a
// folder dir/ with c.css, all holding the secret.
type scratch struct {
	dir, content, templates, static, outside string
}

func newScratch(t *testing.T) scratch {
	t.Helper()
	dir := t.TempDir()
	s := scratch{
		dir:       dir,
		content:   filepath.Join(dir, "content"),
		templates: filepath.Join(dir, "templates"),
		static:    filepath.Join(dir, "static"),
		outside:   filepath.Join(dir, "outside"),
	}
	err := filepath.WalkDir("../../testdata/site", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel("../../testdata/site", p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		s.write(t, filepath.Join("content", rel), string(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(s.templates, 0o755)
	s.write(t, "static/style.css", "body { color: navy; }\n")
	s.write(t, "static/images/a.png", "PNG")
	s.write(t, "outside/secret.md", "---\ntitle: Secret\n---\n"+secret+"\n")
	s.write(t, "outside/secret.txt", secret)
	s.write(t, "outside/dir/c.css", secret)
	return s
}

// write writes data to rel, a path under the scratch folder.
func (s scratch) write(t *testing.T, rel, data string) {
	t.Helper()
	p := filepath.Join(s.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// link makes the symlink rel, a path under the scratch folder, pointing
// to target as written; "$DIR" in target is the scratch folder.
func (s scratch) link(t *testing.T, rel, target string) {
	t.Helper()
	p := filepath.Join(s.dir, filepath.FromSlash(rel))
	os.Remove(p)
	if err := os.Symlink(strings.ReplaceAll(target, "$DIR", s.dir), p); err != nil {
		t.Fatal(err)
	}
}

// mkfifo makes the named pipe rel, a path under the scratch folder.
func (s scratch) mkfifo(t *testing.T, rel string) {
	t.Helper()
	if err := syscall.Mkfifo(filepath.Join(s.dir, filepath.FromSlash(rel)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// move renames rel to newRel, both under the scratch folder.
func (s scratch) move(t *testing.T, rel, newRel string) {
	t.Helper()
	if err := os.Rename(filepath.Join(s.dir, rel), filepath.Join(s.dir, newRel)); err != nil {
		t.Fatal(err)
	}
}

func (s scratch) options() Options {
	return Options{Content: s.content, Templates: s.templates, Static: s.static, StableAssetNames: true}
}

// wantDiag is an expected diagnostic: at path (under the scratch
// folder), saying msg. Diagnostics made here are compared whole. Load
// words its own ("cannot read: ..."), so for content only the path and
// the end of the message, the symlink's part, are compared.
type wantDiag struct {
	path, msg string
}

func TestSymlinks(t *testing.T) {
	cases := []struct {
		name  string
		setup func(t *testing.T, s scratch)
		// diags are what the build reports; none means it succeeds and
		// makes the files in files (site path -> text it contains).
		diags []wantDiag
		files map[string]string
	}{
		{
			name: "content: file link inside",
			setup: func(t *testing.T, s scratch) {
				s.move(t, "content/notes/border-aid.md", "content/shared.md")
				s.link(t, "content/notes/border-aid.md", "../shared.md")
			},
			files: map[string]string{"notes/border-aid/index.html": "Russian border aid to Kyrgyzstan"},
		},
		{
			name: "content: folder link inside",
			setup: func(t *testing.T, s scratch) {
				os.MkdirAll(filepath.Join(s.content, "archive"), 0o755)
				s.move(t, "content/notes", "content/archive/notes")
				s.link(t, "content/notes", "archive/notes")
			},
			files: map[string]string{"notes/border-aid/index.html": "Russian border aid to Kyrgyzstan"},
		},
		{
			name:  "content: file link outside",
			setup: func(t *testing.T, s scratch) { s.link(t, "content/notes/leak.md", "../../outside/secret.md") },
			diags: []wantDiag{{"content/notes/leak.md", "symlink points outside the content folder, to $DIR/outside/secret.md"}},
		},
		{
			name: "content: summary linked to the environment",
			setup: func(t *testing.T, s scratch) {
				s.link(t, "content/index.md", "/proc/self/environ")
			},
			diags: []wantDiag{{"content/index.md", "symlink points outside the content folder, to /proc/self/environ"}},
		},
		{
			name: "content: folder link outside",
			setup: func(t *testing.T, s scratch) {
				os.RemoveAll(filepath.Join(s.content, "themes"))
				s.write(t, "outside/themes/bases.md", "---\ntitle: Bases\n---\n"+secret+"\n")
				s.link(t, "content/themes", "$DIR/outside/themes")
			},
			// The theme dossier.yaml names is then missing, as it is.
			diags: []wantDiag{
				{"content/dossier.yaml", `theme "bases" has no file themes/bases.md`},
				{"content/themes", "symlink points outside the content folder, to $DIR/outside/themes"},
			},
		},
		{
			name: "content: loop",
			setup: func(t *testing.T, s scratch) {
				s.link(t, "content/notes/a.md", "b.md")
				s.link(t, "content/notes/b.md", "a.md")
			},
			diags: []wantDiag{{"content/notes/a.md", "symlink loop"}, {"content/notes/b.md", "symlink loop"}},
		},
		{
			name:  "static: file link inside",
			setup: func(t *testing.T, s scratch) { s.link(t, "static/copy.css", "style.css") },
			files: map[string]string{"static/copy.css": "color: navy", "static/style.css": "color: navy"},
		},
		{
			name:  "static: folder link inside",
			setup: func(t *testing.T, s scratch) { s.link(t, "static/img", "images") },
			files: map[string]string{"static/img/a.png": "PNG", "static/images/a.png": "PNG"},
		},
		{
			name:  "static: absolute link to /etc/passwd",
			setup: func(t *testing.T, s scratch) { s.link(t, "static/x.txt", "/etc/passwd") },
			diags: []wantDiag{{"static/x.txt", "static/x.txt:1:1: symlink points outside the static folder, to /etc/passwd"}},
		},
		{
			name:  "static: file link outside",
			setup: func(t *testing.T, s scratch) { s.link(t, "static/images/s.txt", "../../outside/secret.txt") },
			diags: []wantDiag{{"static/images/s.txt", "static/images/s.txt:1:1: symlink points outside the static folder, to $DIR/outside/secret.txt"}},
		},
		{
			name:  "static: folder link outside",
			setup: func(t *testing.T, s scratch) { s.link(t, "static/vendor", "$DIR/outside/dir") },
			diags: []wantDiag{{"static/vendor", "static/vendor:1:1: symlink points outside the static folder, to $DIR/outside/dir"}},
		},
		{
			name: "static: loop",
			setup: func(t *testing.T, s scratch) {
				s.link(t, "static/l1", "l2")
				s.link(t, "static/l2", "l1")
			},
			diags: []wantDiag{{"static/l1", "static/l1:1:1: symlink loop"}, {"static/l2", "static/l2:1:1: symlink loop"}},
		},
		{
			name:  "static: folder link to a folder it is in",
			setup: func(t *testing.T, s scratch) { s.link(t, "static/images/up", "..") },
			diags: []wantDiag{{"static/images/up", "static/images/up:1:1: symlink loop"}},
		},
		{
			name:  "static: named pipe",
			setup: func(t *testing.T, s scratch) { s.mkfifo(t, "static/p") },
			diags: []wantDiag{{"static/p", "static/p:1:1: cannot read: not a regular file or folder"}},
		},
		{
			name:  "content: named pipe",
			setup: func(t *testing.T, s scratch) { s.mkfifo(t, "content/notes/p.md") },
			diags: []wantDiag{{"content/notes/p.md", "not a regular file or folder"}},
		},
		{
			name: "templates: file link inside",
			setup: func(t *testing.T, s scratch) {
				s.write(t, "templates/mine.html", `{{define "main"}}<article>Mine: {{.Title}}</article>{{end}}`)
				s.link(t, "templates/note.html", "mine.html")
			},
			files: map[string]string{"notes/border-aid/index.html": "Mine: Russian border aid to Kyrgyzstan"},
		},
		{
			name:  "templates: file link outside",
			setup: func(t *testing.T, s scratch) { s.link(t, "templates/base.html", "$DIR/outside/secret.txt") },
			diags: []wantDiag{{"templates/base.html", "templates/base.html:1:1: symlink points outside the templates folder, to $DIR/outside/secret.txt"}},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newScratch(t)
			c.setup(t, s)
			for _, oneShot := range []bool{true, false} {
				opts := s.options()
				opts.OneShot = oneShot
				res, diags, err := New(opts).Build()
				if err != nil {
					t.Fatal(err)
				}
				checkSymlinkBuild(t, s, res, diags, c.diags, c.files)
			}
		})
	}
}

// checkSymlinkBuild checks a build's result against the expected
// diagnostics or files, and that the secret is nowhere in it.
func checkSymlinkBuild(t *testing.T, s scratch, res *Result, diags site.Diagnostics, want []wantDiag, files map[string]string) {
	t.Helper()
	if strings.Contains(diags.Error(), secret) {
		t.Errorf("a diagnostic shows the secret:\n%v", diags)
	}
	if res != nil {
		for p, data := range res.Files {
			if strings.Contains(string(data), secret) {
				t.Errorf("%s publishes the secret", p)
			}
		}
	}
	if len(want) == 0 {
		if len(diags) > 0 || res == nil {
			t.Fatalf("build failed:\n%v", diags)
		}
		for p, text := range files {
			if !strings.Contains(string(res.Files[p]), text) {
				t.Errorf("%s does not contain %q", p, text)
			}
		}
		return
	}
	if res != nil {
		t.Error("the build succeeded")
	}
	if len(diags) != len(want) {
		t.Fatalf("got %d diagnostics, want %d:\n%v", len(diags), len(want), diags)
	}
	for i, w := range want {
		d := diags[i]
		path := filepath.Join(s.dir, filepath.FromSlash(w.path))
		msg := strings.ReplaceAll(w.msg, "$DIR", s.dir)
		if strings.HasPrefix(w.path, "content/") {
			if d.Pos.Path != path || !strings.HasSuffix(d.Message, msg) {
				t.Errorf("diagnostic %d is\n\t%v\nwant one at %s ending %q", i, d, path, msg)
			}
			continue
		}
		if got, want := d.Error(), s.dir+"/"+msg; got != want {
			t.Errorf("diagnostic %d is\n\t%s\nwant\n\t%s", i, got, want)
		}
	}
}

// TestSymlinksAfterAnEdit rebuilds as dossier serve does, with the
// Builder of the last build told which paths the watcher saw change: a
// link made since is refused the same way, and an edit to the target of
// a link inside the folder, which the watcher reports under the
// target's name only, reaches the page of the link.
func TestSymlinksAfterAnEdit(t *testing.T) {
	s := newScratch(t)
	s.move(t, "content/notes/border-aid.md", "content/shared.md")
	s.link(t, "content/notes/border-aid.md", "../shared.md")
	// Files written moments ago are read again whatever they are told;
	// files an hour old are trusted to be unchanged unless named.
	hourAgo := time.Now().Add(-time.Hour)
	filepath.WalkDir(s.content, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			err = os.Chtimes(p, hourAgo, hourAgo)
		}
		return err
	})
	b := New(s.options())
	if _, diags, err := b.Build(); err != nil || len(diags) > 0 {
		t.Fatalf("build: %v %v", err, diags)
	}
	steps := []struct {
		name string
		// edit changes the scratch tree and returns the paths the
		// watcher reports.
		edit    func(t *testing.T) []string
		diags   []wantDiag
		page    string // the note's page contains it
		missing string // and not this
	}{
		{
			name: "target of a link inside edited",
			edit: func(t *testing.T) []string {
				data, _ := os.ReadFile(filepath.Join(s.content, "shared.md"))
				s.write(t, "content/shared.md", strings.Replace(string(data), "the aid is real but modest", "the aid is EDITED", 1))
				return []string{filepath.Join(s.content, "shared.md")}
			},
			page:    "the aid is EDITED",
			missing: "the aid is real but modest",
		},
		{
			name: "static link outside added",
			edit: func(t *testing.T) []string {
				s.link(t, "static/x.txt", "/etc/passwd")
				return []string{filepath.Join(s.static, "x.txt")}
			},
			diags: []wantDiag{{"static/x.txt", "static/x.txt:1:1: symlink points outside the static folder, to /etc/passwd"}},
		},
		{
			name: "static link removed, content link outside added",
			edit: func(t *testing.T) []string {
				os.Remove(filepath.Join(s.static, "x.txt"))
				s.link(t, "content/notes/leak.md", "$DIR/outside/secret.md")
				return []string{filepath.Join(s.content, "notes/leak.md"), filepath.Join(s.static, "x.txt")}
			},
			diags: []wantDiag{{"content/notes/leak.md", "symlink points outside the content folder, to $DIR/outside/secret.md"}},
		},
		{
			name: "content link outside removed",
			edit: func(t *testing.T) []string {
				os.Remove(filepath.Join(s.content, "notes/leak.md"))
				return []string{filepath.Join(s.content, "notes/leak.md")}
			},
			page: "the aid is EDITED",
		},
	}
	for _, step := range steps {
		res, diags, err := b.buildAfter(step.edit(t))
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		t.Run(step.name, func(t *testing.T) {
			checkSymlinkBuild(t, s, res, diags, step.diags, nil)
			if step.page == "" {
				return
			}
			page := string(res.Files["notes/border-aid/index.html"])
			if !strings.Contains(page, step.page) || step.missing != "" && strings.Contains(page, step.missing) {
				t.Errorf("the note's page is stale: it lacks %q or has %q", step.page, step.missing)
			}
		})
	}
}
