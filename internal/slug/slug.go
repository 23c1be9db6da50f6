// Package slug makes slugs from titles: the names of notes' files and of
// headings' anchors. A slug is lower-case ASCII letters and digits, its
// words joined by single hyphens.
//
// Letters keep their base letter. Accents and other marks are dropped by
// Unicode's decomposition (NFKD) and the removal of the marks it splits
// off, so that "Kŭlob" is "kulob", "Šymkent" "symkent" and a ligature
// "ﬁ" "fi". Cyrillic is romanised first, by the table in romanisation.go,
// as are the few Latin letters that decompose into no base letter (ø, ł,
// ß, ...). Letters of other scripts are dropped, like punctuation.
package slug

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Make returns the slug of title, at most limit bytes long: a longer slug
// is cut at a word's end, or within its first word when that alone is
// longer. It is "" when title has no letter or digit that can be written
// in ASCII.
func Make(title string, limit int) string {
	var romanised strings.Builder
	// NFC first, so that a letter the table knows, such as й, is one
	// rune however it was typed.
	for _, r := range norm.NFC.String(strings.ToLower(title)) {
		if latin, ok := romanisation[r]; ok {
			romanised.WriteString(latin)
		} else {
			romanised.WriteRune(r)
		}
	}
	// A Transformer keeps state: one per call.
	stripMarks := transform.Chain(norm.NFKD, runes.Remove(runes.In(unicode.Mn)))
	plain, _, _ := transform.String(stripMarks, romanised.String())

	var b strings.Builder
	b.Grow(len(plain))
	hyphen := false
	for _, r := range plain {
		switch {
		case 'a' <= r && r <= 'z' || '0' <= r && r <= '9':
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			hyphen = false
		case isApostrophe(r):
			// An apostrophe joins a word rather than parting two:
			// "The CSTO’s" is "the-cstos".
		default:
			hyphen = true
		}
	}
	s := b.String()
	if len(s) > limit {
		s = s[:limit]
		if i := strings.LastIndexByte(s, '-'); i > 0 {
			s = s[:i]
		}
	}
	return s
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', 'ʼ', 'ʻ':
		return true
	}
	return false
}
