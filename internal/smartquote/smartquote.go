// Package smartquote turns the straight quotes of plain text into
// typographic ones, as goldmark's typographer does for Markdown: titles,
// summaries and quoted sentences then read like the note bodies beside
// them.
package smartquote

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Curl returns s with each straight double quote made an opening or a
// closing one, and each straight single quote an opening one or an
// apostrophe, by what stands before it: an opening quote follows the
// start, a space, an opening bracket, a dash or another opening quote.
func Curl(s string) string {
	if !strings.ContainsAny(s, `"'`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	prev := rune(-1)
	for _, r := range s {
		switch r {
		case '"':
			if opens(prev) {
				r = '“'
			} else {
				r = '”'
			}
		case '\'':
			if opens(prev) {
				r = '‘'
			} else {
				r = '’'
			}
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// opens reports whether a quote after r opens a quotation.
func opens(r rune) bool {
	switch {
	case r < 0, unicode.IsSpace(r), r == utf8.RuneError:
		return true
	case strings.ContainsRune("([{“‘–—-/", r):
		return true
	}
	return false
}
