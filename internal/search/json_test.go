package search

import (
	"bytes"
	"testing"
)

// FuzzAppendJSON checks that the shards' strings are written as marshal
// writes them: the page's index must not change with the way it is made.
func FuzzAppendJSON(f *testing.F) {
	for _, s := range []string{
		"", "plain words", "</script><!-- & \" \\ '", "\x00\x01\x1f\b\f\n\r\t\x7f",
		"\u2028\u2029", "Kŭlob 😀 \uE000 \uFFFF", "\xff\xfe", "a\xe2\x80", "\xe2\x80\xa8x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := marshal(s)
		if got := appendJSON([]byte("x"), s); !bytes.Equal(got[1:], want) {
			t.Errorf("appendJSON(%q) = %s, want %s", s, got[1:], want)
		}
		if got := appendJSON(nil, []byte(s)); !bytes.Equal(got, want) {
			t.Errorf("appendJSON([]byte(%q)) = %s, want %s", s, got, want)
		}
	})
}
