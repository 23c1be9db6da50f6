package corpus

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestHugoLinks(t *testing.T) {
	pages := map[string]hugoPage{
		"comillas-2015": {section: "sources", title: "Comillas 2015", cite: "Comillas 2015"},
		"csto":          {section: "themes", title: "CSTO and multilateral security"},
		"russia":        {section: "entities", title: "Russia"},
	}
	for _, tc := range []struct{ in, want string }{
		{"See [[note-00012]].", "See [note-00012](/notes/note-00012/)."},
		{`as [[comillas-2015#"largest grouping of forces"]] shows`, `as “largest grouping of forces” ([Comillas 2015](/sources/comillas-2015/)) shows`},
		{`[[comillas-2015#"largest grouping"|the 201st base]]`, `the 201st base ([Comillas 2015](/sources/comillas-2015/))`},
		{"[[csto]] and [[russia|Moscow]]", "[CSTO and multilateral security](/themes/csto/) and [Moscow](/entities/russia/)"},
		{"- [[note-00001]]: a [[note-00002|label]]", "- [note-00001](/notes/note-00001/): a [label](/notes/note-00002/)"},
		{"no links [here]", "no links [here]"},
	} {
		if got := hugoLinks(tc.in, pages); got != tc.want {
			t.Errorf("hugoLinks(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

// TestWriteHugo writes a small corpus as a Hugo site and checks that each
// note keeps the dossier note's front matter and prose with no wikilink
// left. If hugo is on PATH it also builds the site and checks a page.
func TestWriteHugo(t *testing.T) {
	c, err := New(Options{Shipped: "../../content", Notes: 20, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := c.WriteHugo(dir); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{
		"hugo.toml", "layouts/_default/baseof.html", "layouts/_default/single.html",
		"layouts/_default/list.html", "layouts/partials/nav.html", "content/_index.md",
		"content/sources/comillas-2015.md", "content/themes/csto/_index.md", "content/entities/russia.md",
	} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	md, _ := filepath.Glob(filepath.Join(dir, "content", "*", "*.md"))
	for _, f := range md {
		data, _ := os.ReadFile(f)
		if strings.Contains(string(data), "[[") {
			t.Errorf("%s: wikilink left in %q", f, data)
		}
	}
	for i := range 20 {
		data, err := os.ReadFile(filepath.Join(dir, "content", "notes", Slug(i)+".md"))
		if err != nil {
			t.Fatal(err)
		}
		wantFront, wantBody := splitFrontMatter(c.Note(i))
		front, body := splitFrontMatter(string(data))
		if front != wantFront {
			t.Errorf("note %d: front matter %q, want %q", i, front, wantFront)
		}
		// Same prose: the paragraphs, headings and code are line for line
		// those of the dossier note.
		if n, want := strings.Count(body, "\n"), strings.Count(wantBody, "\n"); n != want {
			t.Errorf("note %d: %d lines, want %d", i, n, want)
		}
		if !strings.Contains(body, "```go\n") || !strings.Contains(body, "[^1]: ") {
			t.Errorf("note %d: code block or footnote missing:\n%s", i, body)
		}
	}

	hugo, err := exec.LookPath("hugo")
	if err != nil {
		t.Skip("hugo is not on PATH (apt-get install -y hugo); not building the site")
	}
	out := filepath.Join(t.TempDir(), "public")
	cmd := exec.Command(hugo, "--source", dir, "--destination", out, "--quiet")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, b)
	}
	page, err := os.ReadFile(filepath.Join(out, "notes", Slug(3), "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<nav aria-label="Main">`, "<h1>Generated note 3 on", `<pre tabindex="0" class="chroma">`, `href="/sources/`, `href="/notes/note-000`, `class="footnotes"`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("notes/%s/index.html lacks %q", Slug(3), want)
		}
	}
	for _, f := range []string{"index.xml", "sitemap.xml", "robots.txt", "404.html"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "notes", "index.xml")); err == nil {
		t.Error("hugo wrote a feed for the notes section; dossier writes one feed only")
	}
	built, _ := filepath.Glob(filepath.Join(out, "notes", "note-*", "index.html"))
	if len(built) != 20 {
		t.Errorf("hugo built %d note pages, want 20", len(built))
	}
	list, err := os.ReadFile(filepath.Join(out, "themes", "csto", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(list), `href="/notes/`) {
		t.Errorf("themes/csto/index.html lists no notes")
	}
}
