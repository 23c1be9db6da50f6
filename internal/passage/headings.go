package passage

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// In text, a heading is a short line set apart: between blank lines, or
// after a finished sentence and before a capital, as a hard-wrapped
// paragraph never has one. It starts with a capital or a section number,
// does not end like a sentence or a clause, and is in title case or
// capitals unless it is a few words long. A heading too long for a line
// runs on to the next, which it leaves mid-phrase. At the top, before the
// first paragraph, the title and a subtitle may be longer and in sentence
// case. List items and footnotes are never headings: they are taken
// first, or start with a marker no heading has.

// Heading sizes: words in a heading line, in a title, in a heading that
// runs over lines.
const (
	headingWords    = 12
	titleWords      = 24
	multiLineWords  = 24
	shortHeadingMax = 6
)

// functionWords end a line that a heading or title continues after.
var functionWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "of": true, "in": true, "on": true,
	"to": true, "for": true, "with": true, "by": true, "at": true, "from": true, "as": true, "its": true,
}

// listMarker matches the marker that starts a list item: a bullet or
// dash, "(a)", "a)", "(iv)", "1)" or "1.".
var listMarker = newLazyRegexp(`^(?:[•▪◦‣∙·*–-]\s+|\((?:[a-z]|[ivx]{1,4}|\d{1,2})\)\s+|(?:[a-z]|\d{1,2})\)\s+|\d{1,2}\.\s+)`)

// startsList reports whether s starts with a list marker. The pattern is
// run only on a line whose first character can start one.
func startsList(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return (r == '(' || 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || strings.ContainsRune("•▪◦‣∙·*–-", r)) &&
		listMarker.MatchString(s)
}

// headingLike reports whether s can be a heading of at most max words,
// in title case or capitals unless it is short.
func headingLike(s string, max int) bool {
	if !headingShape(s, max) {
		return false
	}
	words := strings.Fields(s)
	return len(words) <= shortHeadingMax || capitals(s) || titleCase(words) || numbered(s)
}

// headingShape reports whether s is shaped like a heading of at most max
// words, whatever its case: it starts with a capital or a section
// number, not a list marker, and does not end like a sentence or clause.
// The tests that need no copy of the words come first, as most lines
// fail one of them.
func headingShape(s string, max int) bool {
	if strings.ContainsAny(lastRune(s), ".,;:!?)-–—") || runes(s) > max*9 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	numbered := numbered(s)
	if !unicode.IsUpper(r) && !numbered || !numbered && startsList(s) {
		return false
	}
	words := strings.Fields(s)
	return len(words) > 0 && len(words) <= max && !functionWords[strings.ToLower(words[len(words)-1])]
}

// capitals reports whether every letter of s is a capital.
func capitals(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 0
}

// titleCase reports whether most of the longer words are capitalised.
func titleCase(words []string) bool {
	long, upper := 0, 0
	for _, w := range words {
		if runes(w) < 4 {
			continue
		}
		long++
		if startsUpper(w) || firstLetter(w) != 0 && unicode.IsDigit(firstLetter(w)) {
			upper++
		}
	}
	return long > 0 && upper*10 >= long*7
}

// runsOn reports whether a heading line s is continued on the next line,
// next: it ends mid-phrase.
func runsOn(s, next string) bool {
	words := strings.Fields(s)
	return len(words) > 0 && (strings.HasSuffix(s, ",") || functionWords[strings.ToLower(words[len(words)-1])] ||
		startsLower(next) && !endsSentence(s))
}

// gapBefore reports whether body line i is set apart from the body line
// before it, prev: by a blank or removed line, or a page break.
func (d *doc) gapBefore(prev, i int) bool {
	if prev < 0 || d.lines[i].brk {
		return true
	}
	for k := prev + 1; k < i; k++ {
		if d.lines[k].blank() || d.lines[k].removed != "" || d.lines[k].brk {
			return true
		}
	}
	return false
}

// titleZone marks the headings at the top of the text, before its first
// paragraph: the title, at level 1, and any subtitle or section heading
// under it, at level 2. The names under the title are a byline.
func (d *doc) titleZone() {
	b := d.bodyLines()
	width := d.medianWidth(b)
	titled := false
	for k := 0; k < len(b); k++ {
		l := &d.lines[b[k]]
		if l.heading > 0 || l.quote || l.item {
			continue
		}
		if titled && names(l.text) && d.lines[b[k-1]].heading > 0 {
			d.remove(b[k], "byline")
			continue
		}
		// A title may run over several lines.
		e := k
		text := l.text
		for e+1 < len(b) && runsOn(d.lines[b[e]].text, d.lines[b[e+1]].text) && !d.gapBefore(b[e], b[e+1]) &&
			len(strings.Fields(text+" "+d.lines[b[e+1]].text)) <= titleWords {
			e++
			text += " " + d.lines[b[e]].text
		}
		if !headingShape(text, titleWords) || numbered(text) && titled {
			if endsSentence(text) || e+1 < len(b) && !d.gapBefore(b[e], b[e+1]) && !headingShape(d.lines[b[e+1]].text, titleWords) {
				return // the first paragraph
			}
			k = e
			continue
		}
		// A title stands apart from what follows, or stops short of the
		// margin: a full line that runs on is a paragraph's first.
		if e+1 < len(b) && !d.gapBefore(b[e], b[e+1]) && !headingShape(d.lines[b[e+1]].text, titleWords) &&
			runes(d.lines[b[e]].text) >= width*7/10 {
			return
		}
		level := 2
		if !titled {
			level, titled = 1, true
		}
		for j := k; j <= e; j++ {
			d.lines[b[j]].heading = level
			d.lines[b[j]].join = j > k
		}
		k = e
	}
}

// lineHeadings marks the headings of hard-wrapped text: lines set apart
// by a finished sentence or a gap before and a capital after, reading
// as headings, perhaps over two lines.
func (d *doc) lineHeadings() {
	b := d.bodyLines()
	for k := 0; k < len(b); k++ {
		i := b[k]
		l := &d.lines[i]
		if l.heading > 0 || l.quote || l.item || l.note > 0 {
			continue
		}
		if k > 0 {
			p := &d.lines[b[k-1]]
			if !d.gapBefore(b[k-1], i) && !endsSentence(p.text) && p.heading == 0 {
				continue
			}
		}
		e := k
		if e+1 < len(b) && runsOn(l.text, d.lines[b[e+1]].text) && !d.gapBefore(i, b[e+1]) &&
			len(strings.Fields(l.text+" "+d.lines[b[e+1]].text)) <= multiLineWords {
			e++
		}
		text := l.text
		if e > k {
			text += " " + d.lines[b[e]].text
		}
		max := headingWords
		if e > k {
			max = multiLineWords
		}
		if e+1 >= len(b) || !headingLike(text, max) || !startsUpper(d.lines[b[e+1]].text) && !d.gapBefore(b[e], b[e+1]) {
			continue
		}
		if !d.numberedHeading(i) {
			l.heading = 2
		}
		for j := k + 1; j <= e; j++ {
			d.lines[b[j]].heading, d.lines[b[j]].join = l.heading, true
		}
		k = e
	}
}

// blockHeadings marks the headings of text whose paragraphs are parted
// by blank lines: a paragraph of one line, or of two where the first
// runs on, that reads as a heading and has a paragraph after it.
func (d *doc) blockHeadings() {
	for i := range d.lines {
		l := &d.lines[i]
		if !l.body() || l.heading > 0 || l.item || i > 0 && !d.lines[i-1].blank() {
			continue
		}
		e := i
		if e+1 < len(d.lines) && d.lines[e+1].body() && runsOn(l.text, d.lines[e+1].text) {
			e++
		}
		if e+1 < len(d.lines) && !d.lines[e+1].blank() || d.nextBody(e) < 0 {
			continue
		}
		max, text := headingWords, l.text
		if e > i {
			max, text = multiLineWords, text+" "+d.lines[e].text
		}
		if !headingLike(text, max) {
			continue
		}
		if !d.numberedHeading(i) {
			l.heading = 2
		}
		for j := i + 1; j <= e; j++ {
			d.lines[j].heading, d.lines[j].join = l.heading, true
		}
	}
}
