package passage

import (
	"testing"

	"github.com/dossier-dev/dossier/internal/site"
)

// A paragraph an extractor wrote on one line, running over a page break,
// says where it ends; that is its last page, and not part of its text.
func TestMarkdownParagraphContinuesOnAPage(t *testing.T) {
	body := "<!-- page 4 -->\n\nText that runs on. <!-- continues on page 5 -->\n\n<!-- page 5 -->\n\nNext one.\n"
	n := Normalise(body, site.CleaningRules{Format: "markdown"})
	want := []struct {
		text  string
		pages site.PageRange
	}{{"Text that runs on.", site.PageRange{First: 4, Last: 5}}, {"Next one.", site.PageRange{First: 5, Last: 5}}}
	if len(n.Passages) != len(want) {
		t.Fatalf("passages %+v", n.Passages)
	}
	for i, w := range want {
		if p := n.Passages[i]; p.Text != w.text || p.Pages != w.pages {
			t.Errorf("passage %d: %q %+v, want %q %+v", i, p.Text, p.Pages, w.text, w.pages)
		}
	}
}
