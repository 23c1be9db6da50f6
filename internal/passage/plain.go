package passage

import (
	"regexp"
	"strings"
)

// Plain text, such as a web article or a chapter copied from an e-book,
// separates paragraphs with blank lines and often puts a paragraph on one
// long line. Headings are numbered ("2.1 Cooperation Under ...") or, for a
// web article, the title on the first line.

// cleanPlain recognises the layout of blank-line separated text.
func (d *doc) cleanPlain() {
	first := true
	for i := range d.lines {
		if !d.lines[i].body() || !d.alone(i) {
			continue
		}
		if !d.numberedHeading(i) && first && title(d.lines[i].text) {
			d.lines[i].heading = 1
		}
		first = false
	}
	d.removeAuthorLine()
	d.blockBreaks()
}

// numberedHeadingRE matches "1 Introduction", "2.1 Cooperation ..." and
// "3. Multilateral cooperation"; the numbering gives the level.
var numberedHeadingRE = regexp.MustCompile(`^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+[` + openers + `]?\p{Lu}`)

// numberedHeading marks line i as a heading if it reads like a numbered
// one: short, numbered, and not ending like a sentence or a clause.
func (d *doc) numberedHeading(i int) bool {
	l := &d.lines[i]
	m := numberedHeadingRE.FindStringSubmatch(l.text)
	if m == nil || runes(l.text) > 100 || len(strings.Fields(l.text)) > 15 ||
		strings.ContainsAny(lastRune(l.text), ".,;:") {
		return false
	}
	l.heading = strings.Count(m[1], ".") + 1
	return true
}

// title reports whether s can be a document title: one short line that
// does not end like a sentence.
func title(s string) bool {
	return runes(s) <= 150 && !strings.ContainsAny(lastRune(s), ".,;:!?")
}

// alone reports whether line i stands alone between blank lines or the
// ends of the body.
func (d *doc) alone(i int) bool {
	return (i == 0 || d.lines[i-1].blank()) && (i+1 == len(d.lines) || d.lines[i+1].blank())
}

// blockBreaks starts a passage at each body line that follows a gap (a
// blank or removed line), except where the paragraph before stops
// mid-sentence and this one goes on in lower case: a paragraph split by a
// stray blank line.
func (d *doc) blockBreaks() {
	prev := -1
	for i := range d.lines {
		l := &d.lines[i]
		if !l.body() {
			continue
		}
		if prev >= 0 && i > prev+1 {
			p := &d.lines[prev]
			l.start = p.heading > 0 || l.heading > 0 || endsSentence(p.text) ||
				strings.HasSuffix(p.text, ":") || !startsLower(l.text)
		}
		prev = i
	}
}
