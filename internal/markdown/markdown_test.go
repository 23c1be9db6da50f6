package markdown

import (
	"bytes"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/dossier-dev/dossier/internal/wikilink"
)

func render(t *testing.T, src string, target Target) string {
	t.Helper()
	m := New()
	out, err := m.Render([]byte(src), m.Parse([]byte(src)), target)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestUntrustedContentIsDefused(t *testing.T) {
	html := render(t, "<script>alert(1)</script>\n\nA [link](javascript:alert(2)) and <img src=x onerror=alert(3)>.\n", Target{})
	for _, bad := range []string{"<script", "alert(1)", "javascript:", "onerror"} {
		if strings.Contains(html, bad) {
			t.Errorf("rendered HTML holds %q:\n%s", bad, html)
		}
	}
}

func TestExtensions(t *testing.T) {
	src := "## A heading\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~gone~~ \"quoted\"[^1]\n\nTerm\n: Definition\n\n[^1]: A note.\n"
	html := render(t, src, Target{})
	for _, want := range []string{
		`<h2 id="a-heading">`, "<table>", `type="checkbox"`, "<del>gone</del>", "&ldquo;quoted&rdquo;",
		`id="fn:1"`, "<dl>", "<dd>Definition</dd>",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("rendered HTML lacks %q:\n%s", want, html)
		}
	}
}

func TestCodeIsHighlightedWithClassesOnce(t *testing.T) {
	m := New()
	src := []byte("```go\nfunc main() {}\n```\n")
	first, _ := m.Render(src, m.Parse(src), Target{})
	if !strings.Contains(string(first), `class="hl-`) || strings.Contains(string(first), "style=") {
		t.Errorf("code not highlighted with classes:\n%s", first)
	}
	second, _ := m.Render(src, m.Parse(src), Target{})
	if string(first) != string(second) {
		t.Error("the cached highlighting differs from the first")
	}
	css := string(m.CodeCSS())
	if !strings.Contains(css, ".hl-") || !strings.Contains(css, "prefers-color-scheme: dark") {
		t.Errorf("code stylesheet lacks classes or a dark variant:\n%.300s", css)
	}
}

// One parsed document renders for the web and for print at once, as the
// pages of a build do: run with -race, this shows rendering only reads it.
func TestRenderOneDocumentConcurrently(t *testing.T) {
	for _, src := range []string{
		"# Title\n\nSee [[a]] and [[b#\"words\"]][^1].\n\n```go\nx := 1\n```\n\n- In a list:\n\n  ```sh\n  ls\n  ```\n\n[^1]: And [[a]].\n",
		"No heading. See [[a]], [[b#\"words\"]] and [the top](#top)[^1].\n\n[^1]: And [[a]].\n",
	} {
		renderConcurrently(t, []byte(src))
	}
}

func renderConcurrently(t *testing.T, src []byte) {
	m := New()
	doc := m.Parse(src)
	links := wikilink.Links{
		{Href: "notes/a/", PrintHref: "#note-a", Title: "A"},
		{Href: "sources/b/#p-1", PrintHref: "#src-b-p-1", Title: "B", Mark: "B ¶1"},
		{Href: "notes/a/", PrintHref: "#note-a", Title: "A"},
	}
	targets := []Target{
		{Root: "../../", Links: links},
		{Print: &Print{Prefix: "note-x--", Shift: 1}, Links: links},
	}
	want := make([]string, len(targets))
	for i, target := range targets {
		want[i] = render(t, string(src), target)
	}
	if want[0] == want[1] {
		t.Fatal("web and print render the same")
	}
	var wg sync.WaitGroup
	for range 8 {
		for i, target := range targets {
			wg.Go(func() {
				got, err := m.Render(src, doc, target)
				if err != nil || got != want[i] {
					t.Errorf("concurrent rendering %d = %q, %v; want %q", i, got, err, want[i])
				}
			})
		}
	}
	wg.Wait()
}

// BenchmarkRender renders a note with links, a footnote and a table for
// the web: the renderer made for each rendering is part of the cost.
func BenchmarkRender(b *testing.B) {
	m := New()
	var sb strings.Builder
	for range 10 {
		sb.WriteString("A paragraph that cites [[b#\"words\"]] and links [[a]], with *emphasis* and a footnote.[^1]\n\n")
	}
	sb.WriteString("| a | b |\n|---|---|\n| 1 | 2 |\n\n[^1]: A note.\n")
	src := []byte(sb.String())
	doc := m.Parse(src)
	links := make(wikilink.Links, 20)
	for i := range links {
		links[i] = &wikilink.Link{Href: "notes/a/", Title: "A", Mark: "B ¶1"}
	}
	target := Target{Root: "../../", Links: links}
	for b.Loop() {
		if _, err := m.Render(src, doc, target); err != nil {
			b.Fatal(err)
		}
	}
}

func TestHeadings(t *testing.T) {
	m := New()
	src := []byte("# Title\n\nText.\n\n## The *base* and `code`\n\n### \"Quoted\" [[kant|Kant]] and [[x]]\n\n> ## In a quote\n")
	got := Headings(src, m.Parse(src))
	want := []Heading{
		{1, "title", "Title"},
		{2, "the-base-and-code", "The base and code"},
		{3, "quoted-kantkant-and-x", "“Quoted” Kant and x"},
		{2, "in-a-quote", "In a quote"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Headings = %+v\nwant %+v", got, want)
	}
}

// Heading ids are kept beside the AST, not as attributes: they must be
// the ids goldmark's parser.WithAutoHeadingID gives, in documents whose
// ids collide, headings that are empty, setext, nested, in other scripts,
// or in footnotes, which goldmark moves to the end, or drops when nothing
// refers to them, after it has numbered their headings.
func TestHeadingIDsAreGoldmarksAutoIDs(t *testing.T) {
	auto := goldmark.New(goldmark.WithExtensions(gfm, extension.Footnote, extension.Typographer, extension.DefinitionList, wikilink.Extension),
		goldmark.WithParserOptions(parser.WithAutoHeadingID())).Parser()
	m := New()
	for _, doc := range []string{
		"# Title\n\n## Title\n\n## Title\n\n### title-1\n\n## Title-1\n",
		"##\n\n#\n\n## \n\n# heading\n",
		"Setext heading\n===\n\nAnother one\nover two lines\n---\n\n# Setext heading\n",
		"- item\n\n  ## In a list\n\n> ## In a quote\n>\n> > ### Deeper\n\n## In a list\n",
		"## Kŭlob and Қулоб\n\n## 201st Division, 2004–2042!\n\n## ???\n\n## ???\n",
		"## *Emphasis* and `code` and [[kant|Kant]]\n\n## Trailing hashes ##\n\n## Escaped \\# hash\n",
		"Text[^1].\n\n## Before\n\n[^1]: A note.\n\n## After\n",
		"Text[^a].\n\n[^a]:\n    ## Intro\n\n    More.\n\n## Intro\n",
		"[^unused]:\n    ## Notes\n\n## Notes\n\nSee [the notes](#notes-1).\n",
	} {
		src := []byte(doc)
		var want []string
		_ = ast.Walk(auto.Parse(text.NewReader(src)), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if h, ok := n.(*ast.Heading); ok && entering {
				id, _ := h.AttributeString("id")
				want = append(want, string(id.([]byte)))
			}
			return ast.WalkContinue, nil
		})
		var got []string
		for _, h := range Headings(src, m.Parse(src)) {
			got = append(got, h.ID)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: ids %q, want goldmark's %q", doc, got, want)
		}
		html := render(t, doc, Target{})
		for _, id := range want {
			if !strings.Contains(html, ` id="`+id+`"`) {
				t.Errorf("%q: the rendering has no heading id %q:\n%s", doc, id, html)
			}
		}
	}
}

// The styles copied into styles/ must be chroma's own (a newer chroma may
// change them: copy them again), so that the site's code looks as it did
// when it took them from chroma's styles package.
func TestStylesAreChromas(t *testing.T) {
	c := newCodeRenderer()
	for name, ours := range map[string]*chroma.Style{"github": lightStyle, "github-dark": darkStyle} {
		var got, want bytes.Buffer
		if err := c.formatter.WriteCSS(&got, ours); err != nil {
			t.Fatal(err)
		}
		if err := c.formatter.WriteCSS(&want, styles.Get(name)); err != nil {
			t.Fatal(err)
		}
		if styles.Get(name).Name != name || got.String() != want.String() {
			t.Errorf("style %s differs from chroma's:\n%s\nwant\n%s", name, got.String(), want.String())
		}
	}
}
