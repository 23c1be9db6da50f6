package markdown

import (
	"path/filepath"
	"testing"

	"github.com/yuin/goldmark/renderer/html"

	"github.com/dossier-dev/dossier/internal/corpus"
)

// The quick writer must write exactly what goldmark's does, for the web
// and for print.
func TestQuickWriterMatchesGoldmarks(t *testing.T) {
	ours, reference := New(), newMarkdown(html.DefaultWriter)
	docs := []string{
		"Plain words, then &amp; &copy; &#x22; &#34; &nosuch; & alone.",
		`Escapes: \*not emphasis\*, \\ backslash, \& and a \ before a space.`,
		"Quotes \"double\" and 'single', <angle> brackets, and a NUL: \x00 here.",
		"`code with <b> & \"quotes\"` and <span>raw html</span>",
		"[a link](https://example.org/?a=1&b=\"2\" \"title & <t>\")",
	}
	for _, dir := range []string{"../../content/notes", "../../content/themes", "../../content/entities"} {
		docs = append(docs, readAll(t, dir)...)
	}
	c, err := corpus.New(corpus.Options{Shipped: "../../content", Notes: 100, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	generated := t.TempDir()
	if err := c.Write(generated); err != nil {
		t.Fatal(err)
	}
	docs = append(docs, readAll(t, filepath.Join(generated, "notes"))...)
	for _, doc := range docs {
		for _, target := range []Target{{Root: "../../"}, {Print: true, Prefix: "doc--"}} {
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
				t.Errorf("the quick writer differs on:\n%.200s\n got %.300s\nwant %.300s", doc, got, want)
			}
		}
	}
}
