package view

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dossier-dev/dossier/internal/view/csstest"
)

func TestCSSString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", `""`},
		{"UNCLASSIFIED // FOR TRAINING", `"UNCLASSIFIED \2f\2f  FOR TRAINING"`},
		{"TLP:AMBER", `"TLP\3a AMBER"`},
		{"TLP:AMBER+STRICT", `"TLP\3a AMBER\2bSTRICT"`},
		{"OFFICIAL-SENSITIVE: PERSONAL", `"OFFICIAL-SENSITIVE\3a  PERSONAL"`},
		{`say "no"`, `"say \22no\22"`},
		{"it's", `"it\27s"`},
		{`a\b`, `"a\5c b"`},
		// A hex digit or a space after an escape is set off by a space.
		{`"a" "0`, `"\22 a\22  \22 0"`},
		{"line\nbreak\r\n", `"line\a break\d\a"`},
		{"tab\tform\f", `"tab\9 form\c"`},
		{"СЕКРЕТНО", `"\421\415\41a\420\415\422\41d\41e"`},
		{"émoji 🛡", `"\e9moji \1f6e1"`},
		{"</style><script>x</script>", `"\3c\2fstyle\3e\3cscript\3ex\3c\2fscript\3e"`},
		{"a;b{c}d*e/*", `"a\3b b\7b c\7d d\2a e\2f\2a"`},
		{"nul\x00", `"nul\fffd"`},
		{"bad\xffutf8", `"bad\fffdutf8"`},
		{"\u2028\u00a0", `"\2028\a0"`},
	}
	for _, tt := range tests {
		got := string(CSSString(tt.in))
		if got != tt.want {
			t.Errorf("CSSString(%q) = %s, want %s", tt.in, got, tt.want)
		}
		back, err := csstest.Unquote(got)
		if err != nil {
			t.Errorf("CSSString(%q) = %s: %v", tt.in, got, err)
		}
		if want := readBack(tt.in); back != want {
			t.Errorf("CSSString(%q) reads back as %q, want %q", tt.in, back, want)
		}
	}
}

// FuzzCSSString checks that any text comes back from its CSS string as
// it was, and cannot end the string or the <style> element early.
func FuzzCSSString(f *testing.F) {
	for _, s := range []string{"TLP:AMBER", `"\'`, "</style>", "СЕКРЕТНО\n", "\x00\xff", "\xa2\xd0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := string(CSSString(s))
		if strings.ContainsAny(got, "<>'\n\r\f") || strings.Count(got, `"`) != 2 {
			t.Fatalf("CSSString(%q) = %s", s, got)
		}
		back, err := csstest.Unquote(got)
		if err != nil {
			t.Fatalf("CSSString(%q) = %s: %v", s, got, err)
		}
		if want := readBack(s); back != want {
			t.Fatalf("CSSString(%q) = %s reads back as %q", s, got, back)
		}
	})
}

// readBack is s as a CSS reader gives it back: a NUL, and each byte of
// invalid UTF-8, made U+FFFD.
func readBack(s string) string {
	return strings.Map(func(r rune) rune {
		if r == 0 {
			return utf8.RuneError
		}
		return r
	}, s)
}
