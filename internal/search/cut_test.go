package search

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCut(t *testing.T) {
	for _, tc := range []struct {
		text  string
		limit int
		want  string
	}{
		{"short", 10, "short"},
		{"exactly ten", 11, "exactly ten"},
		{"one two three four five", 14, "one two…"},
		{"Kŭlob Kŭlob Kŭlob", 9, "Kŭlob…"},
		// One long word: cut inside it rather than keep nothing.
		{strings.Repeat("x", 30), 10, strings.Repeat("x", 7) + "…"},
	} {
		got := cut(tc.text, tc.limit)
		if got != tc.want {
			t.Errorf("cut(%q, %d) = %q, want %q", tc.text, tc.limit, got, tc.want)
		}
		if len(got) > tc.limit || !utf8.ValidString(got) {
			t.Errorf("cut(%q, %d) = %q: over the limit or not UTF-8", tc.text, tc.limit, got)
		}
	}
}

func TestFold(t *testing.T) {
	if got := string(appendFold([]byte("x"), "  a \n\t b\u2028c\xff  ")); got != "xa b c\ufffd" {
		t.Errorf("fold = %q", got)
	}
}
