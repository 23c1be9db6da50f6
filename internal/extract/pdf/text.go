package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// normaliseGlyphs rewrites what a PDF's glyphs give that a reader would not
// type:
//
//   - the ligatures of the Unicode alphabetic presentation block (ﬁ ﬂ ﬀ ﬃ
//     ﬄ ﬅ ﬆ), and the private-use code points U+F001 and U+F002 that many
//     fonts give ﬁ and ﬂ, become their letters, so that "official" matches
//     a quotation typed by hand;
//   - the non-breaking hyphen (U+2011) becomes "-"; the hyphen U+2010,
//     which typesetters put where they break a word, stays until lines
//     are joined;
//   - the odd spaces of typesetting (no-break, thin, figure) become plain
//     spaces, and zero-width ones go;
//   - the private-use runes that mark superscripts in this package go.
//
// Soft hyphens are kept for the joining of lines to judge.
func normaliseGlyphs(s string) string {
	if !strings.ContainsFunc(s, needsGlyphFix) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case isLigature(r):
			b.WriteString(norm.NFKC.String(string(r)))
		case r == '\uf001':
			b.WriteString("fi")
		case r == '\uf002':
			b.WriteString("fl")
		case r == '\u2011':
			b.WriteByte('-')
		case r == '\u00a0' || r >= '\u2000' && r <= '\u200a' || r == '\u202f' || r == '\u205f' || r == '\t':
			b.WriteByte(' ')
		case r == '\u200b' || r == '\ufeff' || r == '\ue000' || r == '\ue001':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func needsGlyphFix(r rune) bool {
	return isLigature(r) || r == '\uf001' || r == '\uf002' || r >= '\u2000' && r <= '\u200b' || r == '\u2011' || r == '\u00a0' ||
		r == '\u202f' || r == '\u205f' || r == '\t' || r == '\ufeff' || r == '\ue000' || r == '\ue001'
}

// isLigature reports whether r is one of the Latin ligatures U+FB00-U+FB06.
func isLigature(r rune) bool { return r >= '\ufb00' && r <= '\ufb06' }

// collapseSpaces trims s and turns each run of white space into one
// space: justified lines come with the gaps of their justification.
func collapseSpaces(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// terminal reports whether s ends like a sentence or a clause that closes
// a paragraph: a full stop, question or exclamation mark or colon,
// possibly followed by closing quotes, brackets and footnote markers.
func terminal(s string) bool {
	for {
		s = strings.TrimRightFunc(s, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(closers, r) })
		i := strings.LastIndex(s, superOpen)
		if i < 0 || !strings.HasSuffix(s, superClose) {
			break
		}
		s = s[:i]
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?:…。！？", r)
}

// closers are the marks that may follow the end of a sentence.
const closers = `"'”’»)]`

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
