package markdown

import (
	"testing"

	"github.com/dossier-dev/dossier/internal/wikilink"
)

// The print edition's rendering: ids prefixed, headings moved down, in-page
// links to the document's own headings prefixed and the others mapped.
func TestPrint(t *testing.T) {
	at := func(href string) string { return "../notes/x/index.html" + href }
	links := wikilink.Links{{Href: "notes/y/", PrintHref: "#note-y", Title: "Y"}}
	for _, c := range []struct {
		name, in string
		print    Print
		want     string
	}{
		{"heading moved down and id prefixed", "## Aims\n", Print{Prefix: "n--", Shift: 1},
			"<h3 id=\"n--aims\">Aims</h3>\n"},
		{"level stops at h6", "##### A\n", Print{Prefix: "n--", Shift: 3},
			"<h6 id=\"n--a\">A</h6>\n"},
		{"link to a heading of the document, before it", "[see](#aims)\n\n## Aims\n", Print{Prefix: "n--"},
			"<p><a href=\"#n--aims\">see</a></p>\n<h2 id=\"n--aims\">Aims</h2>\n"},
		{"other in-page link mapped", "[x](#passage-x-1 \"T & t\")\n", Print{Prefix: "n--", At: at},
			"<p><a href=\"../notes/x/index.html#passage-x-1\" title=\"T &amp; t\">x</a></p>\n"},
		{"other in-page link kept without At", "[x](#passage-x-1)\n", Print{Prefix: "n--"},
			"<p><a href=\"#passage-x-1\">x</a></p>\n"},
		{"outside links untouched", "[x](https://example.org/#aims)\n\n## Aims\n", Print{Prefix: "n--", At: at},
			"<p><a href=\"https://example.org/#aims\">x</a></p>\n<h2 id=\"n--aims\">Aims</h2>\n"},
		{"wikilink's print href mapped", "[[y]]\n", Print{Prefix: "n--", At: at},
			"<p><a class=\"wikilink\" href=\"../notes/x/index.html#note-y\">Y</a></p>\n"},
		{"footnote ids prefixed", "A[^1].\n\n[^1]: B.\n", Print{Prefix: "n--"},
			"<p>A<sup id=\"n--fnref:1\"><a href=\"#n--fn:1\" class=\"footnote-ref\" role=\"doc-noteref\">1</a></sup>.</p>\n" +
				"<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n<li id=\"n--fn:1\">\n" +
				"<p>B.&#160;<a href=\"#n--fnref:1\" class=\"footnote-backref\" role=\"doc-backlink\">&#x21a9;&#xfe0e;</a></p>\n</li>\n</ol>\n</div>\n"},
	} {
		if got := render(t, c.in, Target{Links: links, Print: &c.print}); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

// A renderer used for print and given back renders the next document for
// the web as if new.
func TestPooledRendererForgetsThePrintOptions(t *testing.T) {
	m := New()
	src := []byte("## Aims\n\nA[^1] [[y]] [see](#aims).\n\n[^1]: B.\n")
	doc := m.Parse(src)
	links := wikilink.Links{{Href: "notes/y/", PrintHref: "#note-y", Title: "Y"}}
	web := Target{Root: "../", Links: links}
	want, err := m.Render(src, doc, web)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, err := m.Render(src, doc, Target{Links: links, Print: &Print{Prefix: "n--", Shift: 2}}); err != nil {
			t.Fatal(err)
		}
		if got, _ := m.Render(src, doc, web); got != want {
			t.Fatalf("web rendering after print:\n got %s\nwant %s", got, want)
		}
	}
}
