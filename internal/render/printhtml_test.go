package render

import (
	"os"
	"regexp"
	"strconv"
	"testing"

	"github.com/dossier-dev/dossier/internal/load"
	"github.com/dossier-dev/dossier/internal/markdown"
	"github.com/dossier-dev/dossier/internal/passage"
	"github.com/dossier-dev/dossier/internal/resolve"
)

func TestPrintHTML(t *testing.T) {
	at := func(href string) string { return "../notes/x/index.html" + href }
	for _, c := range []struct {
		name, in string
		shift    int
		want     string
	}{
		{"heading moved down and id prefixed", `<h2 id="aims">Aims</h2>`, 1,
			`<h3 id="n--aims">Aims</h3>`},
		{"heading without id", `<h1>Title</h1>`, 2, `<h3>Title</h3>`},
		{"level stops at h6", `<h5 id="a">A</h5><h6>B</h6>`, 3, `<h6 id="n--a">A</h6><h6>B</h6>`},
		{"attributes after the id kept", `<h2 id="a" class="x">A</h2>`, 0, `<h2 id="n--a" class="x">A</h2>`},
		{"link to a heading of the document", `<p><a href="#aims">see</a></p><h2 id="aims">Aims</h2>`, 0,
			`<p><a href="#n--aims">see</a></p><h2 id="n--aims">Aims</h2>`},
		{"other in-page link mapped", `<a class="cite" href="#passage-x-1">x</a>`, 0,
			`<a class="cite" href="../notes/x/index.html#passage-x-1">x</a>`},
		{"outside links untouched", `<a href="https://example.org/#top">x</a>`, 0, `<a href="https://example.org/#top">x</a>`},
		{"not headings", `<hr><header><head>`, 1, `<hr><header><head>`},
		{"escaped text untouched", `<p>&lt;h2 id=&quot;a&quot;&gt; href=&quot;#a&quot;</p>`, 1,
			`<p>&lt;h2 id=&quot;a&quot;&gt; href=&quot;#a&quot;</p>`},
		{"two hrefs in one tag", `<link href="#a" data-x href="#b">`, 0,
			`<link href="../notes/x/index.html#a" data-x href="../notes/x/index.html#b">`},
		{"unclosed tag kept", `<p>a <a href="#x"`, 0, `<p>a <a href="#x"`},
	} {
		if got := printHTML(c.in, c.shift, "n--", at); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
}

// The regular expressions printHTML replaced are the specification: on
// every document of the shipped dossier rendered for print, both give the
// same HTML.
func TestPrintHTMLMatchesRegexpReference(t *testing.T) {
	idx, md := shippedIndex(t)
	at := func(href string) string { return "../../x.html" + href }
	for _, p := range idx.Parsed {
		html, err := md.Render(p.Src, p.AST, markdown.Target{Print: true, Prefix: "doc--"})
		if err != nil {
			t.Fatal(err)
		}
		for shift := range 3 {
			if got, want := printHTML(string(html), shift, "doc--", at), printHTMLReference(string(html), shift, "doc--", at); got != want {
				t.Errorf("%s, shift %d: printHTML differs from the reference", p.Doc.Path, shift)
			}
		}
	}
}

// shippedIndex loads, cleans, parses and resolves the shipped dossier,
// as a build does up to rendering.
func shippedIndex(t *testing.T) (*resolve.Index, *markdown.Markdown) {
	t.Helper()
	c, diags := load.Load(os.DirFS("../../content"), "../../content")
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	for _, s := range c.Sources {
		s.Normalised = passage.Normalise(s.Body, s.Rules)
	}
	md := markdown.New()
	parsed := resolve.Documents(c)
	for _, p := range parsed {
		p.AST = md.Parse(p.Src)
	}
	idx, diags := resolve.Resolve(c, parsed, nil)
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	return idx, md
}

var (
	headingOpen  = regexp.MustCompile(`<h([1-6])( id="([^"]*)")?`)
	headingClose = regexp.MustCompile(`</h([1-6])>`)
	inPageHref   = regexp.MustCompile(`href="#([^"]*)"`)
)

func printHTMLReference(html string, shift int, prefix string, at func(string) string) string {
	headings := map[string]bool{}
	html = headingOpen.ReplaceAllStringFunc(html, func(s string) string {
		m := headingOpen.FindStringSubmatch(s)
		level, _ := strconv.Atoi(m[1])
		tag := "<h" + strconv.Itoa(min(level+shift, 6))
		if m[2] == "" {
			return tag
		}
		headings[m[3]] = true
		return tag + ` id="` + prefix + m[3] + `"`
	})
	html = headingClose.ReplaceAllStringFunc(html, func(s string) string {
		level, _ := strconv.Atoi(s[3:4])
		return "</h" + strconv.Itoa(min(level+shift, 6)) + ">"
	})
	return inPageHref.ReplaceAllStringFunc(html, func(s string) string {
		id := s[len(`href="#`) : len(s)-1]
		if headings[id] {
			return `href="#` + prefix + id + `"`
		}
		return `href="` + at("#"+id) + `"`
	})
}
