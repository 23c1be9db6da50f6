package markdown

import (
	"testing"

	"github.com/yuin/goldmark/renderer/html"
)

// The quick writer must write exactly what goldmark's does, for the web
// and for print.
func TestQuickWriterMatchesGoldmark(t *testing.T) {
	sameRendering(t, "the quick writer", New(), newMarkdown(html.DefaultWriter, withMergedText))
}

// sameRendering fails t when ours renders a document differently from
// reference, for the web or for print. The documents are the shipped
// dossier's and some that test HTML escaping.
func sameRendering(t *testing.T, what string, ours, reference *Markdown) {
	t.Helper()
	docs := []string{
		"Plain words, then &amp; &copy; &#x22; &#34; &nosuch; & alone.",
		`Escapes: \*not emphasis\*, \\ backslash, \& and a \ before a space.`,
		"Quotes \"double\" and 'single', <angle> brackets, and a NUL: \x00 here.",
		"`code with <b> & \"quotes\"` and <span>raw html</span>",
		"[a link](https://example.org/?a=1&b=\"2\" \"title & <t>\")",
		"a\\  \n\\<b and a\\  \n\\*c*",
		"one, two - three. Four... five -- six --- seven; \"eight\" 'nine'",
	}
	docs = append(docs, realDocuments(t, 100, 3)...)
	for _, doc := range docs {
		for _, target := range []Target{{Root: "../../"}, {Print: &Print{Prefix: "doc--", Shift: 1}}} {
			src := []byte(doc)
			got, err := ours.Render(src, ours.Parse(src), target)
			if err != nil {
				t.Fatal(err)
			}
			want, err := reference.Render(src, reference.Parse(src), target)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("%s differs on:\n%.200s\n got %.300s\nwant %.300s", what, doc, got, want)
			}
		}
	}
}
