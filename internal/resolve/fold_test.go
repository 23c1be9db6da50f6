package resolve

import (
	"strings"
	"testing"
)

// Text extracted from a PDF may keep typographic ligatures; a note quotes
// the words as typed, and both fold alike.
func TestFoldLigatures(t *testing.T) {
	for _, c := range []struct{ quote, text string }{
		{"official statements", "the oﬃcial statements of"},
		{"ﬁrst flows", "the first ﬂows"},
		{"staff", "sta\ufb00"},
	} {
		if q, text := foldString(c.quote), foldString(c.text); !strings.Contains(text, q) {
			t.Errorf("fold(%q) = %q not in fold(%q) = %q", c.quote, q, c.text, text)
		}
	}
	// Each byte of a spelt-out ligature maps back to the ligature.
	folded, offsets := fold("oﬃce")
	if string(folded) != "office" || offsets[1] != 1 || offsets[3] != 1 || offsets[4] != 4 || int(offsets[6]) != len("oﬃce") {
		t.Errorf("fold = %q, offsets %v", folded, offsets)
	}
}
