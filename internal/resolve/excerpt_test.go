package resolve

import (
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/site"
	"github.com/dossier-dev/dossier/internal/wikilink"
)

func TestExcerpt(t *testing.T) {
	long := strings.Repeat("word ", 60)
	for _, c := range []struct {
		name, text, words string
		want              wikilink.Excerpt
	}{
		{"the sentence around the words", "First one. The base is the largest grouping abroad. Third one.", "largest grouping",
			wikilink.Excerpt{Before: "The base is the ", Words: "largest grouping", After: " abroad."}},
		{"words at the start and end", "Largest grouping.", "Largest grouping.",
			wikilink.Excerpt{Words: "Largest grouping."}},
		{"words across sentences", "A b. C d. E f. G h.", "d. E",
			wikilink.Excerpt{Before: "C ", Words: "d. E", After: " f."}},
		{"words ending a sentence", "A b. C d. E f.", "C d.",
			wikilink.Excerpt{Words: "C d."}},
		{"long context cut at words", long + "the words " + long, "the words",
			wikilink.Excerpt{Before: "… " + strings.Repeat("word ", 32), Words: "the words", After: strings.TrimRight(" "+strings.Repeat("word ", 32), " ") + " …"}},
	} {
		i := strings.Index(c.text, c.words)
		got := excerpt(c.text, site.Span{Start: i, End: i + len(c.words)})
		if got != c.want {
			t.Errorf("%s:\n got %+q\nwant %+q", c.name, got, c.want)
		}
	}
}
