package passage

import (
	"strconv"
	"strings"
)

// Text extracted from a PDF runs its pages together. Where one ends, it
// may show a form feed, a page number, a running header or footer, or a
// page foot of footnotes (footnotes.go); a leading space is too weak a
// sign, since copy and paste drops it. Page numbers are told from other
// numbers by forming a sequence down the document, running heads by
// recurring next to page breaks or by repeating the title or the journal
// printed on the first page. Each line then gets the printed number of
// its page, counted on from the numbers the text shows.

// pageNumberRE matches a line that is only a page number: "12", "- 12 -",
// "Page 12 of 30", "p. 12", "| 12", "xii". The number is group 1 or, in
// Roman numerals, group 2.
var pageNumberRE = newLazyRegexp(`^(?:[-–—|·•]\s*)?(?:(?i:page|pg\.?|p\.)\s*)?(?:(\d{1,4})|([ivxlc]{1,7}))(?:\s*(?i:of|/)\s*\d{1,4})?(?:\s*[-–—|·•])?$`)

// A page is at least minPageLines lines long, so that numbers closer
// together in the text than that are not successive page numbers (table
// figures, a list of years).
const minPageLines = 8

// pageNumber is a line that may be a page number.
type pageNumber struct {
	i, num int
	// strong is set for a number in a form only page numbers take, or
	// standing alone between blank lines or next to a form feed.
	strong bool
}

// pageNumber reads line i as a page number.
func (d *doc) pageNumber(i int) (pageNumber, bool) {
	l := &d.lines[i]
	m := pageNumberRE.FindStringSubmatch(l.text)
	if m == nil || !l.body() {
		return pageNumber{}, false
	}
	p := pageNumber{i: i}
	if m[1] != "" {
		p.num, _ = strconv.Atoi(m[1])
		// A bare number of four digits is a year more often than a page.
		if m[1] == l.text && len(m[1]) == 4 || p.num == 0 {
			return p, false
		}
	} else if p.num = roman(m[2]); p.num == 0 {
		return p, false
	}
	p.strong = m[1] != l.text || d.isolated(i)
	return p, true
}

// isolated reports whether line i stands between blank lines or the ends
// of the body, or next to a page break.
func (d *doc) isolated(i int) bool {
	before := i == 0 || d.lines[i-1].blank() || d.lines[i].brk
	after := i+1 == len(d.lines) || d.lines[i+1].blank() || d.lines[i+1].brk
	return before && after
}

// roman returns the value of a lower-case Roman numeral, or 0.
func roman(s string) int {
	val := map[byte]int{'i': 1, 'v': 5, 'x': 10, 'l': 50, 'c': 100}
	n := 0
	for k := range len(s) {
		v := val[s[k]]
		if k+1 < len(s) && val[s[k+1]] > v {
			n -= v
		} else {
			n += v
		}
	}
	if n <= 0 || toRoman(n) != s {
		return 0
	}
	return n
}

// toRoman writes n (1 to 399) in lower-case Roman numerals.
func toRoman(n int) string {
	var b strings.Builder
	for _, r := range []struct {
		v int
		s string
	}{{100, "c"}, {90, "xc"}, {50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}} {
		for ; n >= r.v; n -= r.v {
			b.WriteString(r.s)
		}
	}
	return b.String()
}

// findPageNumbers removes the page numbers: the longest sequence of
// candidate lines whose numbers rise down the document at least a page's
// lines apart. A lone bare number is a page number only when it stands
// apart; a number that a glued footnote marker before it announces is a
// footnote label, left to footnotes.go. The page starts at its number
// when the numbers are printed at the tops of pages, after it when at
// the feet; anchors records the number of the page that starts or holds
// each.
func (d *doc) findPageNumbers() {
	markers := map[int]int{} // glued marker number -> first line
	for i := range d.lines {
		for _, m := range gluedNumbers(d.lines[i].text) {
			if _, ok := markers[m.num]; !ok {
				markers[m.num] = i
			}
		}
	}
	var cands []pageNumber
	for i := range d.lines {
		p, ok := d.pageNumber(i)
		if !ok {
			continue
		}
		if at, ok := markers[p.num]; ok && at < i && d.lines[i].text == strconv.Itoa(p.num) {
			continue
		}
		cands = append(cands, p)
	}
	chain := longestChain(cands)
	if len(chain) == 1 && !chain[0].strong {
		return
	}
	top := d.numbersAtTop(chain)
	for _, p := range chain {
		d.remove(p.i, "page number")
		start := p.i
		if !top {
			start = d.nextText(p.i)
		}
		if start >= 0 {
			d.lines[start].brk = true
		}
		d.anchors[p.i] = p.num
	}
}

// longestChain returns the longest run of candidates with rising numbers
// at least minPageLines lines a page apart; among equals, the one with
// most strong members, then the first.
func longestChain(cands []pageNumber) []pageNumber {
	if len(cands) == 0 {
		return nil
	}
	type best struct{ n, strong, prev int }
	bs := make([]best, len(cands))
	top := 0
	for j, c := range cands {
		bs[j] = best{n: 1, prev: -1}
		if c.strong {
			bs[j].strong = 1
		}
		for i := range j {
			p := cands[i]
			pages := c.num - p.num
			if pages <= 0 || c.i-p.i < pages*minPageLines {
				continue
			}
			n, strong := bs[i].n+1, bs[i].strong+bs[j].strong
			if n > bs[j].n || n == bs[j].n && strong > bs[j].strong {
				bs[j] = best{n: n, strong: strong, prev: i}
			}
		}
		if b := bs[j]; b.n > bs[top].n || b.n == bs[top].n && b.strong > bs[top].strong {
			top = j
		}
	}
	var chain []pageNumber
	for k := top; k >= 0; k = bs[k].prev {
		chain = append([]pageNumber{cands[k]}, chain...)
	}
	return chain
}

// numbersAtTop tells whether the page numbers are printed at the tops of
// pages: a number right after a form feed says so, one right before a
// form feed or at the very end of the text says they are at the feet.
// With neither sign, tops: a text cut from a document ends without the
// last page's number more often than it starts with the first's.
func (d *doc) numbersAtTop(chain []pageNumber) bool {
	votes := 0
	last := d.prevText(len(d.lines))
	for _, p := range chain {
		switch next := d.nextText(p.i); {
		case d.lines[p.i].brk:
			votes++
		case next >= 0 && d.lines[next].brk, p.i == last:
			votes--
		}
	}
	return votes >= 0
}

// nextText returns the first line after i with text, or -1.
func (d *doc) nextText(i int) int {
	for j := i + 1; j < len(d.lines); j++ {
		if !d.lines[j].blank() {
			return j
		}
	}
	return -1
}

// prevText returns the last line before i with text, or -1.
func (d *doc) prevText(i int) int {
	for j := i - 1; j >= 0; j-- {
		if !d.lines[j].blank() {
			return j
		}
	}
	return -1
}

// nearBreak reports whether line i is among the first or last few lines
// with text of its page, where running heads sit.
func (d *doc) nearBreak(i int) bool {
	const reach = 3
	j := i
	for k := 0; k < reach && j >= 0; k++ {
		if d.lines[j].brk || d.anchors[j] > 0 && j != i {
			return true
		}
		j = d.prevText(j)
	}
	if j < 0 {
		return true
	}
	j = i
	for k := 0; k < reach; k++ {
		if j = d.nextText(j); j < 0 || d.lines[j].brk || d.anchors[j] > 0 {
			return true
		}
	}
	return false
}

// removeRepeated removes running headers and footers. A short line that
// recurs, its digits aside (page numbers, dates), on three or more pages
// is one wherever it sits; one that recurs twice is one when both sit at
// page breaks. A line next to a page number that repeats the words at
// the top of the document (its title, journal or series) is one too: a
// running head shows once in a text of a few pages.
func (d *doc) removeRepeated() {
	key := func(l *line) string {
		if !l.body() || runes(l.text) > 100 || endsSentence(l.text) || pageNumberRE.MatchString(l.text) {
			return ""
		}
		return strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return '#'
			}
			return r
		}, l.text)
	}
	at := map[string][]int{}
	for i := range d.lines {
		if k := key(&d.lines[i]); k != "" {
			at[k] = append(at[k], i)
		}
	}
	for i := range d.lines {
		is := at[key(&d.lines[i])]
		if len(is) < 2 {
			continue
		}
		near := true
		for _, j := range is {
			near = near && d.nearBreak(j)
		}
		if len(is) >= 3 || near {
			d.remove(i, d.runningReason(i))
		}
	}
	head := d.headWords()
	for i := range d.anchors {
		for _, j := range []int{d.prevText(i), d.nextText(i)} {
			if j < 0 {
				continue
			}
			if t := d.lines[j].text; d.lines[j].body() && key(&d.lines[j]) != "" && !numbered(t) &&
				!startsLower(t) && len(strings.Fields(t)) <= headingWords && repeats(t, head) {
				d.remove(j, d.runningReason(j))
			}
		}
	}
}

// runningReason says whether line i heads or foots its page.
func (d *doc) runningReason(i int) string {
	if next := d.nextText(i); next < 0 || d.lines[next].brk {
		return "running footer"
	}
	for j := d.nextText(i); j >= 0 && d.lines[j].removed != ""; j = d.nextText(j) {
		if d.lines[j].brk {
			return "running footer"
		}
	}
	return "running header"
}

// headLines is how many lines with text at the top of a document hold its
// title, authors and the journal or series it appeared in.
const headLines = 5

// headWords returns the words of the document's first lines, folded.
func (d *doc) headWords() map[string]bool {
	ws := map[string]bool{}
	for i, n := 0, 0; i < len(d.lines) && n < headLines; i++ {
		if d.lines[i].blank() {
			continue
		}
		n++
		for _, w := range strings.Fields(d.lines[i].text) {
			ws[fold(w)] = true
		}
	}
	return ws
}

// repeats reports whether most words of s, two at least, are among the
// head words.
func repeats(s string, head map[string]bool) bool {
	found, total := 0, 0
	for _, w := range strings.Fields(s) {
		f := fold(w)
		if f == "" {
			continue
		}
		total++
		if head[f] {
			found++
		}
	}
	return found >= 2 && found*4 >= total*3
}

// numberPages gives each line the printed number of its page. Pages run
// from one break to the next; the page numbers found anchor the count,
// which goes on by one a page on both sides of each, and never reaches
// the next anchor's number from below. Without anchors, a text that
// shows page breaks has its pages counted from 1; one that shows none,
// no page numbers.
func (d *doc) numberPages() {
	seg := make([]int, len(d.lines))
	s, breaks := 0, 0
	for i := range d.lines {
		if d.lines[i].brk && i > 0 {
			s++
			breaks++
		}
		seg[i] = s
	}
	anchor := map[int]int{} // page index -> printed number
	for i, num := range d.anchors {
		if _, ok := anchor[seg[i]]; !ok || num < anchor[seg[i]] {
			anchor[seg[i]] = num
		}
	}
	if len(anchor) == 0 {
		if breaks == 0 {
			return
		}
		anchor[0] = 1
	}
	nums := make([]int, s+1)
	last, lastNum := -1, 0
	for p := 0; p <= s; p++ {
		if n, ok := anchor[p]; ok {
			last, lastNum = p, n
		}
		if last >= 0 {
			nums[p] = lastNum + p - last
		}
	}
	next, nextNum := -1, 0
	for p := s; p >= 0; p-- {
		if n, ok := anchor[p]; ok {
			next, nextNum = p, n
		}
		if next < 0 {
			continue
		}
		if back := nextNum - (next - p); nums[p] == 0 || nums[p] >= nextNum && p != next {
			nums[p] = max(back, 0)
		}
	}
	for i := range d.lines {
		d.lines[i].page = nums[seg[i]]
	}
}
