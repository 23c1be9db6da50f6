package cli

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// copySite copies testdata/site at the top of the repository, a small
// content tree, to a temp folder
// and returns its path.
func copySite(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	err := filepath.WalkDir("../../testdata/site", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("../../testdata/site", p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// snapshot reads every file under dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			data, _ := os.ReadFile(p)
			files[p] = string(data)
		}
		return nil
	})
	return files
}

func TestBuildWritesTheSiteLayout(t *testing.T) {
	content := copySite(t)
	out := filepath.Join(t.TempDir(), "site")
	code, stdout, stderr := run(t, "build", "--content", content, "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "built "+out) {
		t.Errorf("stdout = %q", stdout)
	}
	for _, p := range []string{
		"index.html", "404.html", "sitemap.xml", "feed.xml", "robots.txt",
		"themes/bases/index.html", "sources/tynan-2013/index.html", "sources/tynan-2013/original.txt",
		"notes/border-aid/index.html", "notes/second-note/index.html", "notes/index.html",
		"entities/kyrgyzstan/index.html", "entities/index.html", "sources/index.html", "timeline/index.html",
	} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Errorf("missing %s", p)
		}
	}
	original, _ := os.ReadFile(filepath.Join(out, "sources/tynan-2013/original.txt"))
	if !strings.HasPrefix(string(original), "ISSN 2330-717X\n") {
		t.Errorf("original.txt does not start with the verbatim body: %q", original[:40])
	}
	assets, _ := filepath.Glob(filepath.Join(out, "static", "style.*.css"))
	if len(assets) != 1 {
		t.Errorf("want one fingerprinted style.*.css, got %v", assets)
	}

	note, _ := os.ReadFile(filepath.Join(out, "notes/border-aid/index.html"))
	if bytes.Contains(note, []byte("alert(1)")) {
		t.Error("raw script or javascript: URL from Markdown reached the page")
	}
	if regexp.MustCompile(`href="/|src="/`).Match(note) {
		t.Error("a note page has a root-absolute link; links must be relative")
	}

	code, stdout, _ = run(t, "build", "--content", content, "--out", out)
	if code != 0 || !strings.Contains(stdout, "(0 written,") {
		t.Errorf("second build of unchanged content: exit %d, %q; want nothing written", code, stdout)
	}
}

func TestBadContentExitsOneWithPositionsAndKeepsOutput(t *testing.T) {
	tests := []struct {
		name, file, content, want string
	}{
		{"quote not found", "notes/second-note.md", "---\ntitle: T\n---\n[[tynan-2013#\"pact signed in Moscow\"]]\n",
			`notes/second-note.md:4:1: quote not found in tynan-2013: "pact signed in Moscow" (closest: "pact signed in" in ¶2)`},
		{"ambiguous quote", "notes/second-note.md", "---\ntitle: T\n---\nIt says [[tynan-2013#\"Kyrgyz\"]].\n",
			`notes/second-note.md:4:9: quote ambiguous in tynan-2013: "Kyrgyz" is in ¶`},
		{"unknown slug", "notes/second-note.md", "---\ntitle: T\n---\n\nSee [[border-aide]].\n",
			`notes/second-note.md:5:5: unknown link target "border-aide" (did you mean "border-aid"?)`},
		{"unknown theme", "notes/second-note.md", "---\ntitle: T\nthemes: [base]\n---\n",
			`notes/second-note.md:3:10: unknown theme "base" (did you mean "bases"?)`},
		{"malformed wikilink", "notes/second-note.md", "---\ntitle: T\n---\n[[tynan-2013#\"open\n",
			`notes/second-note.md:4:1: malformed wikilink`},
		{"invalid front matter", "notes/second-note.md", "---\ntitle: T\nthemes: bases: x\n---\n",
			`notes/second-note.md:3:14: invalid front matter: mapping values are not allowed in this context`},
		{"not UTF-8", "notes/second-note.md", "---\ntitle: T\n---\nna\xefve\n",
			`notes/second-note.md:4:3: file is not valid UTF-8`},
		{"bad file name", "notes/Second.md", "---\ntitle: T\n---\n",
			`notes/Second.md:1:1: bad file name "Second.md"`},
		{"duplicate slug", "entities/border-aid.md", "---\ntitle: T\n---\n",
			`entities/border-aid.md:1:1: duplicate slug "border-aid"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			content := copySite(t)
			out := filepath.Join(t.TempDir(), "site")
			if code, _, stderr := run(t, "build", "--content", content, "--out", out); code != 0 {
				t.Fatalf("first build: exit %d: %s", code, stderr)
			}
			before := snapshot(t, filepath.Dir(out))
			if err := os.WriteFile(filepath.Join(content, tt.file), []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			code, _, stderr := run(t, "build", "--content", content, "--out", out)
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			if !strings.Contains(stderr, filepath.ToSlash(content)+"/"+tt.want) {
				t.Errorf("stderr:\n%s\nwant a line containing:\n%s/%s", stderr, content, tt.want)
			}
			after := snapshot(t, filepath.Dir(out))
			if len(after) != len(before) {
				t.Errorf("output has %d files after the failed build, %d before", len(after), len(before))
			}
			for p, data := range before {
				if after[p] != data {
					t.Errorf("%s changed by a failed build", p)
				}
			}
		})
	}
}

func TestUsageErrorsExitTwo(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"publish"},
		{"build", "--no-such-flag"},
		{"build", "extra"},
		{"check", "--content"},
		{"new", "draft", "Title"},
		{"new", "note"},
	} {
		if code, _, stderr := run(t, args...); code != 2 || stderr == "" {
			t.Errorf("%q: exit %d, stderr %q; want exit 2 with a message", args, code, stderr)
		}
	}
}

func TestCheckListsRemovedLines(t *testing.T) {
	content := copySite(t)
	code, stdout, stderr := run(t, "check", "--content", content, "-v")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := content + "/sources/tynan-2013.txt:36: removed (web boilerplate): Leave a Reply"
	if !strings.Contains(stdout, want) {
		t.Errorf("stdout:\n%s\nwant line %q", stdout, want)
	}
	if !strings.Contains(stdout, "ok: 1 sources, 2 notes, 1 themes, 1 entities, 6 citations, 1 events") {
		t.Errorf("stdout lacks the summary: %s", stdout)
	}
	if strings.Contains(stdout, "runs on html/template") {
		t.Errorf("a built-in template is reported slow:\n%s", stdout)
	}
}

// A template tmplexec does not run still works, on html/template, and
// check -v says which and why.
func TestCheckNamesSlowTemplates(t *testing.T) {
	content := copySite(t)
	templates := filepath.Join(filepath.Dir(content), "templates")
	os.MkdirAll(templates, 0o755)
	os.WriteFile(filepath.Join(templates, "note.html"), []byte(`{{define "main"}}<h1>{{.Title | urlquery}}</h1>{{end}}`), 0o644)
	code, stdout, stderr := run(t, "check", "--content", content, "--templates", templates, "-v")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := filepath.Join(templates, "note.html") + " (with base.html and partials.html): runs on html/template, more slowly: "
	if !strings.Contains(stdout, want) || !strings.Contains(stdout, `function "urlquery"`) {
		t.Errorf("stdout:\n%s\nwant a line starting %q and naming urlquery", stdout, want)
	}
	if n := strings.Count(stdout, "runs on html/template"); n != 1 {
		t.Errorf("%d templates reported slow, want 1:\n%s", n, stdout)
	}
}

func TestNewNoteRefusesToOverwrite(t *testing.T) {
	content := copySite(t)
	code, stdout, stderr := run(t, "new", "note", "The CSTO’s 2022 Mission", "--content", content)
	path := filepath.Join(content, "notes", "the-cstos-2022-mission.md")
	if code != 0 || strings.TrimSpace(stdout) != path {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	data, _ := os.ReadFile(path)
	if !strings.Contains(string(data), "title: \"The CSTO’s 2022 Mission\"\n") {
		t.Errorf("new note:\n%s", data)
	}
	if code, _, _ := run(t, "check", "--content", content); code != 0 {
		t.Errorf("check fails on the new note's template: exit %d", code)
	}
	os.WriteFile(path, []byte("edited"), 0o644)
	code, _, stderr = run(t, "new", "note", "The CSTO’s 2022 Mission", "--content", content)
	if code != 1 || !strings.Contains(stderr, "already exists") {
		t.Errorf("second new: exit %d, %q; want exit 1, already exists", code, stderr)
	}
	if data, _ := os.ReadFile(path); string(data) != "edited" {
		t.Error("new overwrote an existing note")
	}
}

func TestBaseURLMakesPublishingFilesAbsolute(t *testing.T) {
	content := copySite(t)
	out := filepath.Join(t.TempDir(), "site")
	if code, _, stderr := run(t, "build", "--content", content, "--out", out, "--base-url", "https://example.org/brief/"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for file, want := range map[string]string{
		"sitemap.xml": "<loc>https://example.org/brief/notes/border-aid/</loc>",
		"feed.xml":    `<link href="https://example.org/brief/notes/border-aid/index.html"></link>`,
		"robots.txt":  "Sitemap: https://example.org/brief/sitemap.xml",
	} {
		data, _ := os.ReadFile(filepath.Join(out, file))
		if !strings.Contains(string(data), want) {
			t.Errorf("%s lacks %s:\n%s", file, want, data)
		}
	}
	page, _ := os.ReadFile(filepath.Join(out, "notes/border-aid/index.html"))
	if strings.Contains(string(page), "https://example.org") {
		t.Error("a page links absolutely; only publishing files should")
	}
	if code, _, _ := run(t, "build", "--content", content, "--out", out, "--base-url", "example.org"); code != 2 {
		t.Errorf("a relative --base-url gave exit %d, want 2", code)
	}
}
