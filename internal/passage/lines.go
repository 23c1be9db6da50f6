package passage

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// line is one body line and what the stages decided about it. Stages only
// ever add to these decisions, so their order in Normalise is the order of
// precedence.
type line struct {
	n    int    // 1-based body line number
	raw  string // as written, without its line ending, valid UTF-8
	text string // what the line contributes to a passage, spaces folded
	// lead is set when the raw line begins with white space: in text
	// extracted from a PDF that marks the first line of a page.
	lead bool

	// brk is set when a new page begins at the line: after a form
	// feed, a page marker, or where pages.go found a page break.
	brk  bool
	page int // printed number of the line's page; 0 while unknown
	// endPage is the page a paragraph ending on this line ends on, where
	// an extractor said so: a paragraph set on one line runs over pages.
	endPage int

	removed string // why cleaning dropped the line; "" while kept
	note    int    // 1 + index of the footnote holding the line; 0 if none
	heading int    // heading level; 0 for running text
	quote   bool   // part of a block quote
	item    bool   // begins a list item
	table   bool   // a row of a table
	start   bool   // begins a new passage
	join    bool   // continues the passage before it, whatever else says
	keep    bool   // a rule forbids removing it
}

// blank reports whether the line has no text; blank lines are never
// recorded anywhere.
func (l *line) blank() bool { return strings.TrimSpace(l.raw) == "" }

// body reports whether the line is kept as passage text.
func (l *line) body() bool { return !l.blank() && l.removed == "" && l.note == 0 }

// splitLines cuts a body into lines, accepting LF and CRLF endings and
// replacing invalid UTF-8 so that passage text is always valid. A form
// feed, which pdftotext writes where a page ends, marks the next line
// with text as a page start; typographic ligatures become their letters.
func splitLines(body string) []line {
	body = strings.ToValidUTF8(body, "\uFFFD")
	raws := strings.Split(body, "\n")
	if len(raws) > 0 && raws[len(raws)-1] == "" {
		raws = raws[:len(raws)-1]
	}
	lines := make([]line, len(raws))
	feed, seen := false, false // a feed is pending; a line with text came
	for i, raw := range raws {
		raw = strings.TrimSuffix(raw, "\r")
		lead, _ := utf8.DecodeRuneInString(raw)
		l := line{
			n:    i + 1,
			raw:  raw,
			text: spellLigatures(foldSpaces(raw)),
			lead: unicode.IsSpace(lead) && strings.TrimSpace(raw) != "",
		}
		// A feed with text after it starts this line's page; one with
		// none after it, the next line's.
		here, next := false, false
		if at := strings.LastIndexByte(raw, '\f'); at >= 0 {
			here = strings.TrimSpace(raw[at+1:]) != ""
			next = !here
		}
		if l.text != "" {
			l.brk = (feed || here) && seen
			feed, seen = false, true
		}
		feed = feed || next
		lines[i] = l
	}
	return lines
}

// foldSpaces is strings.Join(strings.Fields(s), " "): s with its runs of
// white space made one space and none at its ends. Most lines have
// nothing to fold, and are returned as they are rather than cut up and
// joined again.
func foldSpaces(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return strings.Join(strings.Fields(s), " ")
			}
			i += size - 1
			continue
		}
		// A space is kept only alone between two words.
		if c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' ') || c != ' ' && unicode.IsSpace(rune(c)) {
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return s
}

// ligatures spells out the typographic ligatures that PDFs keep in their
// text, so that passages read, and quotes match, as typed.
var ligatures = strings.NewReplacer(
	"\ufb00", "ff", "\ufb01", "fi", "\ufb02", "fl", "\ufb03", "ffi", "\ufb04", "ffl", "\ufb05", "st", "\ufb06", "st",
)

// spellLigatures is ligatures.Replace for a line of text. The replacer
// copies every string it is given, twice, and few lines hold a ligature:
// all of them (U+FB00 to U+FB06) are encoded starting with the bytes EF
// AC, so a line without those is returned as it is.
func spellLigatures(s string) string {
	if !strings.Contains(s, "\xef\xac") {
		return s
	}
	return ligatures.Replace(s)
}

// Characters that open or close a quotation or parenthesis around the
// first or last word of a line.
const (
	openers = "“\"‘'([«"
	closers = "”\"’')]»"
)

// endsSentence reports whether s ends with a full stop, question or
// exclamation mark, perhaps inside closing quotes or brackets and followed
// by a glued footnote number, but not with an abbreviation such as "U.S."
// or "e.g." that may sit mid-sentence.
func endsSentence(s string) bool {
	t := strings.TrimRight(s, "0123456789")
	if t != s && !strings.ContainsAny(lastRune(t), ".?!…”’\")") {
		return false // a number, not a footnote marker
	}
	t = strings.TrimRight(t, closers)
	switch lastRune(t) {
	case "?", "!", "…":
		return true
	case ".":
		return !abbreviation(t[strings.LastIndexByte(t, ' ')+1:])
	}
	return false
}

// abbreviations end with a full stop without ending a sentence.
var abbreviations = map[string]bool{
	"e.g.": true, "i.e.": true, "mr.": true, "mrs.": true, "ms.": true, "dr.": true,
	"no.": true, "nos.": true, "p.": true, "pp.": true, "vol.": true, "cf.": true,
	"st.": true, "col.": true, "gen.": true, "prof.": true, "al.": true, "vs.": true,
	"par.": true, "fig.": true, "ch.": true, "ed.": true, "eds.": true,
}

// abbreviation reports whether word (ending with ".") is a known
// abbreviation or initials such as "J." and "U.S.".
func abbreviation(word string) bool {
	word = strings.TrimLeft(word, openers)
	if abbreviations[strings.ToLower(word)] {
		return true
	}
	// Initials: one letter and a full stop, repeated.
	rs := []rune(word)
	if len(rs) < 2 || len(rs)%2 != 0 {
		return false
	}
	for i := 0; i < len(rs); i += 2 {
		if !unicode.IsLetter(rs[i]) || rs[i+1] != '.' {
			return false
		}
	}
	return true
}

// lastRune returns the last character of s, or "".
func lastRune(s string) string {
	_, size := utf8.DecodeLastRuneInString(s)
	return s[len(s)-size:]
}

// firstLetter returns the first letter or digit of s after any opening
// quotes or brackets, or 0.
func firstLetter(s string) rune {
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(s, openers))
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return r
	}
	return 0
}

// startsUpper reports whether s begins with a capital, as a sentence does.
func startsUpper(s string) bool { return unicode.IsUpper(firstLetter(s)) }

// startsLower reports whether s begins with a lower-case letter: it
// continues a sentence begun before it.
func startsLower(s string) bool { return unicode.IsLower(firstLetter(s)) }

// runes counts the characters of s.
func runes(s string) int { return utf8.RuneCountInString(s) }
