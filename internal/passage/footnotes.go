package passage

import (
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-dev/dossier/internal/site"
)

// A footnote marker is a number glued to the word or punctuation before it
// ("in 2014.1", "vulnerable.9", "Organisation,19", "Tajikistan.”8"). Years
// and other numbers can look the same ("2009-10", "1,200"), so a glued
// number only counts as a marker when it comes next in the sequence of
// labels, allowing for a marker or two lost in extraction.

// note is a footnote being collected.
type note struct {
	label string
}

// marker is a number glued after a word: its digits are text[start:end].
type marker struct {
	start, end, num int
}

// markerGap is how many labels may be skipped between two markers.
const markerGap = 2

// gluedNumbers finds the numbers in s that could be footnote markers.
func gluedNumbers(s string) []marker {
	var ms []marker
	for i := 1; i < len(s); i++ {
		if !isDigit(s[i]) || isDigit(s[i-1]) {
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j-i > 3 || s[i] == '0' || j < len(s) && s[j] != ' ' || !gluedAfter(s[:i]) {
			continue
		}
		n, _ := strconv.Atoi(s[i:j])
		ms = append(ms, marker{start: i, end: j, num: n})
	}
	return ms
}

// gluedAfter reports whether a number right after s is glued to a word:
// s ends with a word of three letters or more, or with punctuation that
// closes a word or sentence, but not a number's separator ("1,200",
// "8.5").
func gluedAfter(s string) bool {
	p, size := utf8.DecodeLastRuneInString(s)
	rest := s[:len(s)-size]
	before, _ := utf8.DecodeLastRuneInString(rest)
	switch {
	case unicode.IsLetter(p):
		letters := 0
		for t := s; t != ""; letters++ {
			r, size := utf8.DecodeLastRuneInString(t)
			if unicode.IsDigit(r) {
				return false // "2021e1" is not a word
			}
			if !unicode.IsLetter(r) {
				break
			}
			t = t[:len(t)-size]
		}
		return letters >= 3
	case p == '.':
		if unicode.IsDigit(before) {
			return yearBefore(rest)
		}
		return unicode.IsLetter(before) || isCloser(before)
	case p == ',' || p == ';' || p == ':':
		return unicode.IsLetter(before) || isCloser(before)
	case isCloser(p):
		return before != utf8.RuneError && !unicode.IsSpace(before)
	}
	return false
}

// yearBefore reports whether s ends with a four-digit number: "in 2014.1".
func yearBefore(s string) bool {
	n := 0
	for n < len(s) && isDigit(s[len(s)-1-n]) {
		n++
	}
	return n == 4 && (n == len(s) || !isDigit(s[len(s)-1-n]) && s[len(s)-1-n] != '.' && s[len(s)-1-n] != ',')
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isCloser(r rune) bool {
	switch r {
	case '”', '’', '"', '\'', ')', ']', '»':
		return true
	}
	return false
}

// markers finds the footnote markers of the passages' texts, passage by
// passage in document order, following the sequence of labels. A marker
// whose footnote was lost in extraction is removed too, without a
// reference.
type markers struct {
	next   int // the label expected next, from the first footnote's
	max    int // the highest footnote label
	labels map[int]bool
}

// newMarkers prepares to find markers for the given footnotes.
func newMarkers(notes []site.Footnote) *markers {
	m := &markers{labels: map[int]bool{}}
	for i, n := range notes {
		k, _ := strconv.Atoi(n.Label)
		m.labels[k] = true
		m.max = max(m.max, k)
		if i == 0 {
			m.next = k // the text may start mid-way through the notes
		}
	}
	return m
}

// find returns the edits that remove the markers in text and the footnote
// references, at offsets of the text before the edits.
func (m *markers) find(text string) (edits, []site.FootnoteRef) {
	var es edits
	var refs []site.FootnoteRef
	for _, g := range gluedNumbers(text) {
		if g.num < m.next || g.num > m.next+markerGap || g.num > m.max {
			continue
		}
		es = append(es, edit{pos: g.start, del: g.end - g.start})
		if m.labels[g.num] {
			refs = append(refs, site.FootnoteRef{At: g.start, Label: strconv.Itoa(g.num)})
		}
		m.next = g.num + 1
	}
	return es, refs
}
