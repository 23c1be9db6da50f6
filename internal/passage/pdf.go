package passage

import (
	"slices"
	"strconv"
	"strings"
)

// Text extracted from a PDF keeps few layout clues. Paragraphs are rarely
// separated by blank lines; page feet hold footnotes, page numbers, a
// running footer and pull-quotes that repeat the body, and the next page
// often goes on mid-sentence. cleanPDF reads the page feet, then finds
// block quotes and paragraph ends in the body lines that remain.

// cleanPDF recognises the layout of text extracted from a PDF.
func (d *doc) cleanPDF() {
	d.pageFeet()
	d.stripTrailingPageNumbers()
	d.removePullQuotes()
	d.titleZone()
	d.lineHeadings()
	d.lists()
	d.blockQuotes()
	d.pdfBreaks()
}

var (
	// loneNumber matches a footnote label on its own line.
	loneNumber = newLazyRegexp(`^\d{1,4}$`)
	// labelledNote matches a footnote that starts on its label's line:
	// "10 Moscow accused ...".
	labelledNote = newLazyRegexp(`^(\d{1,3})\s+([` + openers + `]?\p{Lu}.*)$`)
	// trailingPageNumber matches a page number printed after a citation
	// that ends a page: "2009) 4".
	trailingPageNumber = newLazyRegexp(`\)\s+\d{1,3}$`)
)

// feet walks the page feet: it tells footnote labels from other numbers
// and collects footnote text up to where the body goes on.
type feet struct {
	d *doc
	// glued maps each number written glued to a word ("in 2014.1") to the
	// first line it appears on: a footnote needs such a marker before it.
	glued map[int]int
	last  int // label of the last footnote
	width int // the median line width
	// pending is the footnote, 1-based, that a page break cut
	// mid-sentence, to be continued at the next foot; 0 if none.
	pending int
}

// pageFeet recognises numbered headings and collects footnotes. A foot
// starts at a footnote label that comes next in the sequence; it ends
// where the body reads on from where it stopped above the foot, at a
// blank line or at a page break. A page start is set where the body
// resumes.
func (d *doc) pageFeet() {
	f := feet{d: d, glued: map[int]int{}, width: max(d.medianWidth(d.textLines()), 1)}
	for i := range d.lines {
		for _, m := range gluedNumbers(d.lines[i].text) {
			if _, ok := f.glued[m.num]; !ok {
				f.glued[m.num] = i
			}
		}
	}
	prev := -1 // the last body line, which the next page continues
	for i := 0; i < len(d.lines); i++ {
		l := &d.lines[i]
		if f.pending > 0 && (l.brk || i == len(d.lines)-1) {
			f.continued(i+btoi(!l.brk), prev)
		}
		if !l.body() {
			continue
		}
		switch {
		case loneNumber.MatchString(l.text):
			n, _ := strconv.Atoi(l.text)
			if !f.isLabel(n, i) {
				// A number alone between lines of text is a page
				// number; among other numbers, a table's figure.
				if d.amongNumbers(i) {
					prev = i
				} else {
					d.remove(i, "page number")
				}
				continue
			}
			f.continued(i, prev)
			if f.noteFollows(i, prev) {
				i = f.block(i, n, "", prev)
				continue
			}
			// The label of a note lost in extraction: the page ends here.
			d.remove(i, "footnote label")
			f.last = n
			if j := d.nextBody(i); j >= 0 {
				d.lines[j].brk = true
			}
		case (i == 0 || d.lines[i-1].blank()) && d.numberedHeading(i):
			prev = i
		default:
			if m := labelledNote.FindStringSubmatch(l.text); m != nil {
				if n, _ := strconv.Atoi(m[1]); f.isLabel(n, i) {
					f.continued(i, prev)
					i = f.block(i, n, m[2], prev)
					continue
				}
			}
			prev = i
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// textLines returns the indexes of the lines with text.
func (d *doc) textLines() []int {
	var b []int
	for i := range d.lines {
		if !d.lines[i].blank() {
			b = append(b, i)
		}
	}
	return b
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

// noteFollows reports whether a lone label on line i has footnote text
// after it: the next line neither is a number nor reads on from the body
// line prev.
func (f *feet) noteFollows(i, prev int) bool {
	j := f.d.nextBody(i)
	if j < 0 || loneNumber.MatchString(f.d.lines[j].text) {
		return false
	}
	return prev < 0 || !readsOn(f.d.lines[prev].text, f.d.lines[j].text)
}

// readsOn reports whether next goes on with the sentence that prev left
// unfinished.
func readsOn(prev, next string) bool {
	return !endsSentence(prev) && startsLower(next)
}

// block collects the footnotes of a page foot that starts on line i with
// label n (and text, when the label shares its line) and returns the last
// line it consumed. prev is the last body line before the foot.
func (f *feet) block(i, n int, text string, prev int) int {
	d := f.d
	f.add(i, n, text)
	hasText := text != ""
	last := i // the last line of the current note
	j := i + 1
	for ; j < len(d.lines); j++ {
		l := &d.lines[j]
		if l.brk {
			f.cut(last)
			return j - 1
		}
		if l.blank() {
			if hasText {
				f.cut(last)
				return j // a blank line after a note ends the foot
			}
			continue
		}
		if !l.body() {
			continue
		}
		if loneNumber.MatchString(l.text) {
			if n, _ := strconv.Atoi(l.text); f.isLabel(n, j) && f.noteFollows(j, prev) {
				f.add(j, n, "")
				last, hasText = j, false
				continue
			}
			d.remove(j, "page number")
			if k := d.nextText(j); k >= 0 {
				d.lines[k].brk = true
			}
			f.cut(last)
			return j
		}
		if m := labelledNote.FindStringSubmatch(l.text); m != nil {
			if n, _ := strconv.Atoi(m[1]); f.isLabel(n, j) {
				f.add(j, n, m[2])
				last, hasText = j, true
				continue
			}
		}
		if hasText && !f.goesOn(last, j, prev) {
			if f.lostLabel(j, prev) {
				f.add(j, f.last+1, l.text)
				last = j
				continue
			}
			l.brk = true
			f.cut(last)
			return j - 1
		}
		f.extend(j, l.text)
		last, hasText = j, true
	}
	f.cut(last)
	return j - 1
}

// goesOn reports whether line j continues the note whose last line is
// line last, rather than the body line prev on the next page. A line
// that reads on from one and not the other belongs with it; one that
// reads on from both, or from neither, goes with a note left unfinished,
// unless the note's line stops well short of the margin.
//
// The foot ends at a page break, a blank line or a number that is no
// label, which is a page number.
func (f *feet) goesOn(last, j, prev int) bool {
	note, next := f.d.lines[last].text, f.d.lines[j].text
	body := prev >= 0 && readsOn(f.d.lines[prev].text, next)
	open := !endsSentence(note) && runes(note) >= f.width*6/10
	switch readsOn(note, next) {
	case body:
		// A leading space, which a PDF's first line may keep, settles
		// a line that reads on from both.
		return open && !(body && f.d.lines[j].lead)
	default:
		return !body
	}
}

// amongNumbers reports whether the lines with text next to line i hold
// numbers too.
func (d *doc) amongNumbers(i int) bool {
	for _, j := range []int{d.prevText(i), d.nextText(i)} {
		if j >= 0 && strings.ContainsAny(d.lines[j].text, "0123456789") && len(strings.Fields(d.lines[j].text)) <= 3 {
			return true
		}
	}
	return false
}

// lostLabel reports whether line j starts a note whose label was lost in
// extraction: its marker is in the text above, and the line does not go
// on from the body line prev.
func (f *feet) lostLabel(j, prev int) bool {
	at, ok := f.glued[f.last+1]
	return ok && at < j && (prev < 0 || !continues(f.d.lines[prev].text, f.d.lines[j].text))
}

// cut records whether the note ending on line last stops mid-sentence at
// the page foot, to go on at the next one.
func (f *feet) cut(last int) {
	f.pending = 0
	if l := &f.d.lines[last]; l.note > 0 && l.text != "" && !endsSentence(l.text) {
		f.pending = l.note
	}
}

// continued gives the note cut at the last foot the lines just before
// line i (the next foot's first label, or the next page break) that read
// on from it and not from the body line before them.
func (f *feet) continued(i, prev int) {
	if f.pending == 0 {
		return
	}
	d := f.d
	note := ""
	for k := range d.lines {
		if d.lines[k].note == f.pending && d.lines[k].text != "" {
			note = d.lines[k].text
		}
	}
	from := -1
	for k, steps := d.prevText(i), 0; k >= 0 && steps < 6 && d.lines[k].body(); k, steps = d.prevText(k), steps+1 {
		before := d.prevText(k)
		if readsOn(note, d.lines[k].text) && (before < 0 || !readsOn(d.lines[before].text, d.lines[k].text)) {
			from = k
			break
		}
	}
	if from >= 0 {
		for k := from; k < i; k++ {
			if d.lines[k].body() {
				d.lines[k].note = f.pending
			}
		}
	}
	f.pending = 0
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
	citationEnd = newLazyRegexp(`(?:^|[.?!…”’"]\s*)\(([^()]*)\)$`)
	// year matches a year or "n. d." inside a citation.
	year = newLazyRegexp(`\b(?:1[5-9]|20)\d\d[a-z]?\b|n\.\s?d\.`)
	// quoteIntro matches the end of a line that introduces a block quote.
	quoteIntro = newLazyRegexp(`(?::|\bthat(?: the| a| an)?)$`)
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
