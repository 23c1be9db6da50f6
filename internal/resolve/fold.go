package resolve

import (
	"unicode"
	"unicode/utf8"
)

// fold reduces text to the form quotes are matched in: lower case,
// typographic quotes made straight, ligatures spelt out ("ﬁ" as "fi"),
// runs of whitespace made one space, and
// hyphens and dashes dropped together with the whitespace around them, so
// that "cross-border", "cross- border" (hyphenation at a line end),
// "crossborder" and "cross – border" all fold alike. offsets[i] is the
// byte offset in s where folded byte i came from; offsets[len(folded)] is
// len(s), so folded ranges map back to ranges of s.
func fold(s string) (folded []byte, offsets []int32) {
	return foldTo(s, make([]int32, 0, len(s)+1))
}

// foldTo is fold, which appends the offsets to offsets unless it is nil.
func foldTo(s string, offsets []int32) ([]byte, []int32) {
	track := offsets != nil
	folded := make([]byte, 0, len(s))
	pendingSpace, spaceAt := false, 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isDash(r):
			pendingSpace = false
			i += size
			// Whitespace after a dash belongs to the dash.
			for i < len(s) {
				r2, size2 := utf8.DecodeRuneInString(s[i:])
				if !unicode.IsSpace(r2) {
					break
				}
				i += size2
			}
			// And whitespace before it: drop a space already written.
			if n := len(folded); n > 0 && folded[n-1] == ' ' {
				folded = folded[:n-1]
				if track {
					offsets = offsets[:n-1]
				}
			}
			continue
		case unicode.IsSpace(r) || r == 0:
			if !pendingSpace {
				spaceAt = i
			}
			pendingSpace = len(folded) > 0
			i += size
			continue
		}
		if pendingSpace {
			folded = append(folded, ' ')
			if track {
				offsets = append(offsets, int32(spaceAt))
			}
			pendingSpace = false
		}
		start := len(folded)
		if firstLigature <= r && r < firstLigature+rune(len(ligatures)) {
			folded = append(folded, ligatures[r-firstLigature]...)
		} else {
			folded = utf8.AppendRune(folded, foldRune(r))
		}
		if track {
			for range len(folded) - start {
				offsets = append(offsets, int32(i))
			}
		}
		i += size
	}
	if track {
		offsets = append(offsets, int32(len(s)))
	}
	return folded, offsets
}

// foldString is fold without the offsets.
func foldString(s string) string {
	f, _ := foldTo(s, nil)
	return string(f)
}

// ligatures spells out the typographic ligatures a PDF's text may keep,
// so that "oﬃcial" in a source matches "official" in a note. They are
// the code points from firstLigature on, in order: foldTo tests whether
// a rune is in that range, where a map lookup for every rune took a
// fifth of the time fold takes.
var ligatures = [...]string{"ff", "fi", "fl", "ffi", "ffl", "st", "st"}

// firstLigature is ﬀ, the first of the ligatures.
const firstLigature = '\ufb00'

func isDash(r rune) bool {
	switch r {
	case '-', '\u00ad', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\ufe58', '\ufe63', '\uff0d':
		return true
	}
	return false
}

func foldRune(r rune) rune {
	switch r {
	case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032', '`', '\u00b4':
		return '\''
	case '\u201c', '\u201d', '\u201e', '\u201f', '\u2033', '\u00ab', '\u00bb':
		return '"'
	}
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(r)
}

// Fold is text in the form quotes are matched in (see fold): a quote is
// in a passage when the passage's folded text contains the quote's.
func Fold(text string) string { return foldString(text) }
