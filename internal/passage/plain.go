package passage

import (
	"strings"
)

// Plain text, such as a web article, a chapter copied from an e-book or
// a press release, separates paragraphs with blank lines, and puts a
// paragraph on one long line or wraps it. Headings stand alone between
// blank lines (headings.go).

// cleanPlain recognises the layout of blank-line separated text.
func (d *doc) cleanPlain() {
	d.titleZone()
	d.removeAuthorLine()
	d.blockHeadings()
	d.lists()
	d.blockBreaks()
}

// numberedHeadingRE matches "1 Introduction", "2.1 Cooperation ..." and
// "3. Multilateral cooperation"; the numbering gives the level.
var numberedHeadingRE = newLazyRegexp(`^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+[` + openers + `]?\p{Lu}`)

// numbered reports whether s starts like a numbered heading. The
// pattern is run only on a line that starts with a digit.
func numbered(s string) bool {
	return s != "" && '0' <= s[0] && s[0] <= '9' && numberedHeadingRE.MatchString(s)
}

// numberedHeading marks line i as a heading if it reads like a numbered
// one: short, numbered, and not ending like a sentence or a clause.
func (d *doc) numberedHeading(i int) bool {
	l := &d.lines[i]
	m := numberedHeadingRE.FindStringSubmatch(l.text)
	words := strings.Fields(l.text)
	if m == nil || runes(l.text) > 100 || len(words) > 15 ||
		strings.ContainsAny(lastRune(l.text), ".,;:") || functionWords[strings.ToLower(words[len(words)-1])] {
		return false
	}
	l.heading = strings.Count(m[1], ".") + 1
	return true
}

// lists marks the list items, each of which starts a passage.
func (d *doc) lists() {
	for i := range d.lines {
		if l := &d.lines[i]; l.body() && l.heading == 0 && !l.quote && startsList(l.text) {
			l.item, l.start = true, true
		}
	}
}

// blockBreaks starts a passage at each body line that follows a blank
// line, except where the paragraph before stops mid-sentence and this one
// goes on in lower case: a paragraph split by a stray blank line. A line
// removed between two lines of a paragraph (a page marker) does not part
// them.
func (d *doc) blockBreaks() {
	prev := -1
	for i := range d.lines {
		l := &d.lines[i]
		if !l.body() {
			continue
		}
		if prev >= 0 && d.blankBetween(prev, i) {
			p := &d.lines[prev]
			l.start = p.heading > 0 || l.heading > 0 || endsSentence(p.text) ||
				strings.HasSuffix(p.text, ":") || !startsLower(l.text)
		}
		prev = i
	}
}

// blankBetween reports whether a blank line lies between lines i and j.
func (d *doc) blankBetween(i, j int) bool {
	for k := i + 1; k < j; k++ {
		if d.lines[k].blank() {
			return true
		}
	}
	return false
}
