package passage

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Text extracted from a PDF keeps few layout clues. Paragraphs are rarely
// separated by blank lines; a line that begins with a space starts a page,
// often mid-sentence; page feet hold footnotes, page numbers, a running
// footer and pull-quotes that repeat the body. cleanPDF reads those clues
// page foot by page foot, then finds block quotes and paragraph ends in
// the body lines that remain.

// cleanPDF recognises the layout of text extracted from a PDF.
func (d *doc) cleanPDF() {
	d.removeRepeated()
	d.pageFeet()
	d.stripTrailingPageNumbers()
	d.removePullQuotes()
	d.blockQuotes()
	d.pdfBreaks()
}

var (
	// issn matches a running footer naming the journal's ISSN.
	issn = regexp.MustCompile(`ISSN:?\s*\d{4}-\d{3}[\dXx]`)
	// loneNumber matches a page number or a footnote label on its own line.
	loneNumber = regexp.MustCompile(`^\d{1,4}$`)
	// labelledNote matches a footnote that starts on its label's line:
	// "10 Moscow accused ...".
	labelledNote = regexp.MustCompile(`^(\d{1,3})\s+([` + openers + `]?\p{Lu}.*)$`)
	// trailingPageNumber matches a page number printed after a citation
	// that ends a page: "2009) 4".
	trailingPageNumber = regexp.MustCompile(`\)\s+\d{1,3}$`)
)

// removeRepeated removes running headers: short lines that recur on three
// or more pages, page numbers aside.
func (d *doc) removeRepeated() {
	count := map[string]int{}
	key := func(l *line) string {
		if !l.body() || runes(l.text) > 100 || loneNumber.MatchString(l.text) || endsSentence(l.text) {
			return ""
		}
		return strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return '#'
			}
			return r
		}, l.text)
	}
	for i := range d.lines {
		if k := key(&d.lines[i]); k != "" {
			count[k]++
		}
	}
	for i := range d.lines {
		if k := key(&d.lines[i]); k != "" && count[k] >= 3 {
			d.remove(i, "running header")
		}
	}
}

// feet walks the page feet: it tells footnote labels from page numbers
// and collects footnote text up to the next page.
type feet struct {
	d *doc
	// glued maps each number written glued to a word ("in 2014.1") to the
	// first line it appears on: a footnote needs such a marker before it.
	glued map[int]int
	last  int // label of the last footnote
}

// pageFeet removes footers and page numbers, recognises numbered headings
// and collects footnotes.
func (d *doc) pageFeet() {
	f := feet{d: d, glued: map[int]int{}}
	for i := range d.lines {
		for _, m := range gluedNumbers(d.lines[i].text) {
			if _, ok := f.glued[m.num]; !ok {
				f.glued[m.num] = i
			}
		}
	}
	prev := -1 // the last body line, which a page start continues
	for i := 0; i < len(d.lines); i++ {
		l := &d.lines[i]
		if !l.body() {
			continue
		}
		switch {
		case issn.MatchString(l.text) && runes(l.text) < 150:
			d.remove(i, "running footer")
		case loneNumber.MatchString(l.text):
			if n, _ := strconv.Atoi(l.text); f.isLabel(n, i) && f.noteFollows(i) {
				i = f.block(i, n, "", prev)
			} else {
				d.remove(i, "page number")
			}
		case (i == 0 || d.lines[i-1].blank()) && d.numberedHeading(i):
			prev = i
		default:
			if m := labelledNote.FindStringSubmatch(l.text); m != nil {
				if n, _ := strconv.Atoi(m[1]); f.isLabel(n, i) {
					i = f.block(i, n, m[2], prev)
					continue
				}
			}
			prev = i
		}
	}
}

// isLabel reports whether n, found on line i, can label the next footnote:
// it follows the last label, directly or after footnotes lost in
// extraction whose markers appear in the text before.
func (f *feet) isLabel(n, i int) bool {
	if n <= f.last || n > f.last+20 {
		return false
	}
	at, ok := f.glued[n]
	return n == f.last+1 || ok && at < i
}

// noteFollows reports whether a lone number on line i has footnote text
// after it, rather than a page start: a page number is followed by a line
// beginning with a space.
func (f *feet) noteFollows(i int) bool {
	j := f.d.nextBody(i)
	return j >= 0 && !f.d.lines[j].lead && !loneNumber.MatchString(f.d.lines[j].text)
}

// block collects the footnotes of a page foot that starts on line i with
// label n (and text, when the label shares its line) and returns the last
// line it consumed. prev is the last body line before the foot.
func (f *feet) block(i, n int, text string, prev int) int {
	d := f.d
	f.add(i, n, text)
	hasText := text != ""
	j := i + 1
	for ; j < len(d.lines); j++ {
		l := &d.lines[j]
		if l.blank() {
			if hasText {
				return j // a blank line after a note ends the foot
			}
			continue
		}
		if !l.body() {
			continue
		}
		if issn.MatchString(l.text) && runes(l.text) < 150 {
			d.remove(j, "running footer")
			continue
		}
		if loneNumber.MatchString(l.text) {
			if n, _ := strconv.Atoi(l.text); f.isLabel(n, j) && f.noteFollows(j) {
				f.add(j, n, "")
				hasText = false
				continue
			}
			d.remove(j, "page number")
			return j
		}
		if m := labelledNote.FindStringSubmatch(l.text); m != nil {
			if n, _ := strconv.Atoi(m[1]); f.isLabel(n, j) {
				f.add(j, n, m[2])
				hasText = true
				continue
			}
		}
		if l.lead && hasText {
			// Either the next page starts here, or a note whose label
			// was lost does: the page start is the line that reads on
			// from the body line before the foot.
			if prev < 0 || continues(d.lines[prev].text, l.text) || !d.leadSoon(j) {
				return j - 1
			}
			f.add(j, f.last+1, l.text)
			continue
		}
		f.extend(j, l.text)
		hasText = true
	}
	return j - 1
}

// add starts footnote n on line i.
func (f *feet) add(i, n int, text string) {
	f.d.notes = append(f.d.notes, note{label: strconv.Itoa(n)})
	f.last = n
	f.d.lines[i].note = len(f.d.notes)
	f.d.lines[i].text = text
}

// extend adds line i to the current footnote.
func (f *feet) extend(i int, text string) {
	f.d.lines[i].note = len(f.d.notes)
	f.d.lines[i].text = text
}

// continues reports whether next reads on from prev: a sentence left open
// goes on in lower case, a finished one is followed by a capital.
func continues(prev, next string) bool {
	if endsSentence(prev) {
		return !startsLower(next)
	}
	return !startsUpper(next)
}

// leadSoon reports whether another page-start line follows line i closely,
// before any blank line.
func (d *doc) leadSoon(i int) bool {
	for j := i + 1; j < len(d.lines) && j <= i+8; j++ {
		if d.lines[j].blank() {
			return false
		}
		if d.lines[j].lead {
			return true
		}
	}
	return false
}

// stripTrailingPageNumbers cuts page numbers printed at the end of a body
// line.
func (d *doc) stripTrailingPageNumbers() {
	for i := range d.lines {
		if l := &d.lines[i]; l.body() {
			if loc := trailingPageNumber.FindStringIndex(l.text); loc != nil {
				l.text = l.text[:loc[0]+1]
			}
		}
	}
}

// bodyLines returns the indexes of the body lines in order.
func (d *doc) bodyLines() []int {
	var b []int
	for i := range d.lines {
		if d.lines[i].body() {
			b = append(b, i)
		}
	}
	return b
}

// removePullQuotes removes runs of three or more short lines whose text
// also occurs in the body: a pull-quote repeats a sentence in large type.
func (d *doc) removePullQuotes() {
	b := d.bodyLines()
	if len(b) == 0 {
		return
	}
	lengths := make([]int, len(b))
	var all strings.Builder
	at := make([]int, len(b)+1) // where each body line starts in all
	for k, i := range b {
		lengths[k] = runes(d.lines[i].text)
		at[k] = all.Len()
		all.WriteString(fold(d.lines[i].text))
	}
	at[len(b)] = all.Len()
	slices.Sort(lengths)
	short := lengths[len(lengths)/2] * 2 / 5
	text := all.String()
	for k := 0; k < len(b); {
		e := k
		for e < len(b) && runes(d.lines[b[e]].text) <= short && d.lines[b[e]].heading == 0 &&
			(e == k || b[e] == b[e-1]+1) {
			e++
		}
		if e-k >= 3 {
			quote := text[at[k]:at[e]]
			if len(quote) >= 15 && (strings.Contains(text[:at[k]], quote) || strings.Contains(text[at[e]:], quote)) {
				for _, i := range b[k:e] {
					d.remove(i, "pull-quote")
				}
			}
		}
		k = max(e, k+1)
	}
}

var (
	// citationEnd matches a parenthesised citation closing a line: a
	// block quote's source.
	citationEnd = regexp.MustCompile(`(?:^|[.?!…”’"]\s*)\(([^()]*)\)$`)
	// year matches a year or "n. d." inside a citation.
	year = regexp.MustCompile(`\b(?:1[5-9]|20)\d\d[a-z]?\b|n\.\s?d\.`)
	// quoteIntro matches the end of a line that introduces a block quote.
	quoteIntro = regexp.MustCompile(`(?::|\bthat(?: the| a| an)?)$`)
)

// quoteSpan is how many lines back from its citation a block quote's
// introduction may be.
const quoteSpan = 12

// blockQuotes marks block quotes. A quote is introduced by a line ending
// with ":" or "that" and ends with a parenthesised citation such as
// "(Ivanov & Shulman, 2012)" on its own; one introduced by ":" and a
// capitalised line may end with a short line and no citation.
func (d *doc) blockQuotes() {
	b := d.bodyLines()
	text := func(k int) string { return d.lines[b[k]].text }
	usable := func(k int) bool { return d.lines[b[k]].heading == 0 && !d.lines[b[k]].quote }
	mark := func(from, to int) {
		for k := from; k <= to; k++ {
			d.lines[b[k]].quote = true
		}
		d.lines[b[from]].start = true
	}
	for k := range b {
		if !usable(k) {
			continue
		}
		joined := text(k)
		if k > 0 {
			joined = text(k-1) + " " + joined
		}
		m := citationEnd.FindStringSubmatch(joined)
		if m == nil || !year.MatchString(m[1]) {
			continue
		}
		for s := k - 1; s >= 0 && s >= k-quoteSpan && usable(s); s-- {
			if quoteIntro.MatchString(text(s)) {
				mark(s+1, k)
				break
			}
		}
	}
	width := d.medianWidth(b)
	for s := 0; s+1 < len(b); s++ {
		if !usable(s) || !strings.HasSuffix(text(s), ":") || !usable(s+1) || !startsUpper(text(s+1)) {
			continue
		}
		for e := s + 1; e < len(b) && e <= s+quoteSpan && usable(e); e++ {
			if endsSentence(text(e)) && runes(text(e)) < width*3/4 {
				mark(s+1, e)
				break
			}
		}
	}
}

// medianWidth is the median length of the given lines, in characters.
func (d *doc) medianWidth(b []int) int {
	if len(b) == 0 {
		return 0
	}
	ws := make([]int, len(b))
	for k, i := range b {
		ws[k] = runes(d.lines[i].text)
	}
	slices.Sort(ws)
	return ws[len(ws)/2]
}

// pdfBreaks starts a new paragraph after a block quote, and where a
// sentence ends on a short line and the next line begins with a capital.
// A sentence that happens to end at the right margin says little: within
// a paragraph that happens about once in fifteen lines, while a paragraph
// rarely ends on a full line. Some physical lines hold two visual lines
// (the extractor joined them where it removed a hyphen), so a line's
// length is taken modulo the column width.
func (d *doc) pdfBreaks() {
	b := d.bodyLines()
	width := max(d.medianWidth(b), 1)
	short := func(s string) bool {
		n := runes(s)
		for n > width*112/100 {
			n -= width
		}
		return n < width*88/100
	}
	for k := 1; k < len(b); k++ {
		prev, cur := &d.lines[b[k-1]], &d.lines[b[k]]
		if prev.quote && cur.quote {
			continue
		}
		if prev.quote || endsSentence(prev.text) && startsUpper(cur.text) && (short(prev.text) || d.onlyBlanks(b[k-1], b[k])) {
			cur.start = true
		}
	}
}

// onlyBlanks reports whether lines i and j are separated by blank lines
// only, and at least one: a paragraph break the extractor kept.
func (d *doc) onlyBlanks(i, j int) bool {
	for k := i + 1; k < j; k++ {
		if !d.lines[k].blank() {
			return false
		}
	}
	return j > i+1
}
