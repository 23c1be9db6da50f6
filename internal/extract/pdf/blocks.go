package pdf

import (
	"cmp"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The body lines of all pages, in reading order, are cut into blocks:
// paragraphs, headings, list items, block quotes and tables. A line
// starts a new block after a wider vertical gap than the text's leading,
// when it is indented past the line before (a first-line indent), when
// the line before ends short of the column's edge by more than this
// line's first word, when the font changes size or weight, or when it
// starts with a list marker. At a change of column or page the text runs
// on, unless the two lines differ in style or indent, or the line before
// ends a sentence and this one starts with a capital; even then it runs
// on where paragraphs start indented and this line is not, or where the
// line before fills a justified column.

type kind int

const (
	paragraph kind = iota
	heading
	item
	quote
	table
)

// A block is one passage of the output.
type block struct {
	kind  kind
	level int // of a heading, 1-6
	lines []line
	rows  [][]string // of a table
}

func (b *block) first() line { return b.lines[0] }
func (b *block) last() line  { return b.lines[len(b.lines)-1] }

// analysis holds a document while it is being cut into blocks.
type analysis struct {
	lay    *layout
	body   [][]line  // per page, the lines that are not footnotes
	notes  [][]*note // per page, the notes that start on it
	blocks []*block
	vocab  vocabulary
	// leading is the usual gap between two lines of a paragraph, in units
	// of their font size.
	leading              float64
	bodyBold, bodyItalic bool
	// justified is set when most body lines fill their column, and
	// indents when paragraphs start with an indented line.
	justified, indents bool
}

func analyse(lay *layout) *analysis {
	a := &analysis{lay: lay}
	a.splitNotes()
	a.keyNotes()
	a.measure()
	a.vocab = newVocabulary(a)
	a.segment()
	a.classify()
	return a
}

// measure finds the body text's leading, whether it is set in bold or
// italic, against which headings and quotations stand out, whether it is
// justified and whether its paragraphs start indented.
func (a *analysis) measure() {
	var gaps []float64
	var bold, italic, full, indented, total int
	for _, ls := range a.body {
		for i, l := range ls {
			if l.font != a.lay.bodyFont {
				continue
			}
			total++
			if l.bold {
				bold++
			}
			if l.italic {
				italic++
			}
			if l.right >= l.colRight-0.3*l.size {
				full++
			}
			// A paragraph's indented first line: a full line between two
			// at the column's edge, the one before not a list item's.
			if i > 0 && i+1 < len(ls) && ls[i-1].col == l.col && ls[i+1].col == l.col &&
				l.left >= l.textLeft+0.8*l.size && l.left <= l.textLeft+3*l.size && l.right >= l.colRight-0.5*l.size &&
				math.Abs(ls[i-1].left-l.textLeft) < 0.3*l.size && math.Abs(ls[i+1].left-l.textLeft) < 0.3*l.size &&
				listMarker(ls[i-1].text) == "" {
				indented++
			}
			if i > 0 && ls[i-1].col == l.col && ls[i-1].font == l.font && l.top > ls[i-1].bottom-1 {
				gaps = append(gaps, (l.top-ls[i-1].bottom)/l.size)
			}
		}
	}
	a.bodyBold, a.bodyItalic = bold*2 > total, italic*2 > total
	a.justified, a.indents = full*2 > total, indented >= 2
	if len(gaps) == 0 {
		a.leading = 0.3
		return
	}
	slices.Sort(gaps)
	a.leading = gaps[len(gaps)/4]
}

// headingStyle reports whether a line is set like a heading: larger than
// the body, or bold where the body is not and not much smaller.
func (a *analysis) headingStyle(l line) bool {
	if !strings.ContainsFunc(l.text, unicode.IsLetter) {
		return false
	}
	body := a.lay.bodySize
	return l.size >= 1.12*body || l.bold && !a.bodyBold && l.size >= 0.85*body
}

// segment cuts the body lines into blocks.
func (a *analysis) segment() {
	var all []line
	for _, ls := range a.body {
		all = append(all, ls...)
	}
	tables := findTables(all, a.lay.bodySize)
	// pending is a block that a column or page left open, which the text
	// may take up again after a full-width table or figure caption.
	var cur, pending *block
	for i := 0; i < len(all); i++ {
		if t, ok := tables[i]; ok {
			a.blocks = append(a.blocks, t)
			cur = nil
			i += len(t.lines) - 1
			continue
		}
		l := all[i]
		newCol := i > 0 && all[i-1].col != l.col
		if pending != nil && newCol && a.runsOn(pending, pending.last(), l) {
			pending.lines = append(pending.lines, l)
			cur, pending = pending, nil
			continue
		}
		if cur == nil || a.breaks(cur, cur.last(), l) {
			switch {
			case cur != nil && newCol && cur.kind != heading:
				pending = cur
			case l.size >= 0.9*a.lay.bodySize:
				pending = nil
			}
			cur = &block{kind: paragraph}
			if listMarker(l.text) != "" && !a.headingStyle(l) {
				cur.kind = item
			}
			a.blocks = append(a.blocks, cur)
		}
		cur.lines = append(cur.lines, l)
	}
}

// breaks reports whether line l starts a new block after prev, the last
// line of block cur.
func (a *analysis) breaks(cur *block, prev, l line) bool {
	em := l.size
	if prev.col != l.col {
		return !a.runsOn(cur, prev, l)
	}
	if a.headingStyle(prev) != a.headingStyle(l) || prev.bold != l.bold {
		return true
	}
	gap := l.top - prev.bottom
	if gap > (a.leading+0.4)*min(prev.size, l.size) {
		return true
	}
	// A change of size starts a block, unless the line keeps to the
	// paragraph's leading after a full line: a phrase set in another
	// font (code, say) that fills a line.
	if !sameSize(prev, l) && (prev.size > 1.2*l.size || l.size > 1.2*prev.size || gap > (a.leading+0.15)*prev.size || short(prev, l)) {
		return true
	}
	if a.headingStyle(l) {
		// A heading's lines are one heading, unless the first word of a
		// line would have fitted on the line before within the width
		// of the line itself: two lines set one above the other.
		return prev.right-prev.left+firstWordWidth(l)+0.5*em <= l.right-l.left
	}
	if listMarker(l.text) != "" && (cur.kind == item || terminal(prev.text) || short(prev, l)) {
		return true
	}
	if cur.kind == item {
		// An item's lines hang to the right of its marker.
		return l.left <= cur.first().left+0.3*em
	}
	if l.left-prev.left >= 0.8*em && l.left >= l.textLeft+0.8*em {
		return true
	}
	if prev.left-l.left >= 0.8*em && len(cur.lines) > 1 && cur.first().left-l.left >= 0.8*em {
		// The end of an indented block.
		return true
	}
	return short(prev, l) && !hyphenated(prev.text)
}

// short reports whether prev ends so far short of the right edge that
// the first word of l would have fitted after it: prev ends a paragraph.
// The edge is that of the box prev is set in. A centred line much
// narrower than its column stands alone.
func short(prev, l line) bool {
	if centred(prev) && prev.right-prev.left < 0.6*(prev.colRight-prev.colLeft) {
		return true
	}
	right := max(prev.boxRight, l.right)
	return right-prev.right > firstWordWidth(l)+0.5*l.size
}

// firstWordWidth estimates the width of a line's first word and the
// space after it, from the line's width per letter.
func firstWordWidth(l line) float64 {
	word, _, _ := strings.Cut(strings.TrimSpace(plain(l.text)), " ")
	n := utf8.RuneCountInString(l.text)
	if n == 0 {
		return 0
	}
	return (l.right - l.left) * float64(utf8.RuneCountInString(word)+1) / float64(n)
}

// centred reports whether a line stands in from both edges of its column
// by about as much.
func centred(l line) bool {
	left, right := l.left-l.colLeft, l.colRight-l.right
	return left > l.size && right > l.size && left-right < 1.5*l.size && right-left < 1.5*l.size
}

// indented reports whether all lines of a block stand in from where the
// text of their column starts.
func indented(b *block, em float64) bool {
	for _, l := range b.lines {
		if l.left-l.textLeft < 0.6*em {
			return false
		}
	}
	return true
}

// runsOn reports whether l, the first line of a column or page, goes on
// with cur, whose last line prev ended the column or page before.
func (a *analysis) runsOn(cur *block, prev, l line) bool {
	em := l.size
	if cur.kind == heading || cur.kind == table || a.headingStyle(prev) || a.headingStyle(l) || listMarker(l.text) != "" {
		return false
	}
	if !sameSize(prev, l) || prev.italic != l.italic || prev.bold != l.bold {
		return false
	}
	indent := l.left - l.textLeft
	switch {
	case cur.kind == item && len(cur.lines) > 1:
		hang := cur.lines[1].left - cur.lines[1].textLeft
		if indent < hang-0.5*em || indent > hang+0.5*em {
			return false
		}
	case cur.kind == item || indented(cur, em):
		if indent < 0.5*em {
			return false
		}
	case indent > 0.5*em:
		return false
	}
	if hyphenated(prev.text) || !terminal(prev.text) || unicode.IsLower(firstRune(l.text)) {
		return true
	}
	// A sentence that ends where the column does: the paragraph runs on
	// where paragraphs start indented and this line is not, or where the
	// text is justified and the line before fills its column, as the last
	// line of a paragraph seldom does.
	return a.indents || a.justified && prev.right >= prev.colRight-0.5*em
}

func sameSize(x, y line) bool {
	return x.size <= 1.08*y.size && y.size <= 1.08*x.size
}

// hyphenated reports whether a line ends with a hyphen after a letter.
func hyphenated(s string) bool {
	t := strings.TrimRight(s, " ")
	if !strings.HasSuffix(t, "-") && !strings.HasSuffix(t, breakHyphen) && !strings.HasSuffix(t, softHyphen) {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(t, " -"+breakHyphen+softHyphen))
	return unicode.IsLetter(r)
}

// The hyphens a line may end with besides "-": the soft hyphen, which
// only marks where a word may break, and U+2010, which typesetters (and
// Chromium, for a soft hyphen) draw where they break a word.
const (
	softHyphen  = "\u00ad"
	breakHyphen = "\u2010"
)

var (
	// bullet matches a list item's bullet.
	bullet = regexp.MustCompile(`^([•◦▪▫‣⁃∙●○■□►▸➢✓✔–—*-])\s+\S`)
	// enumerator matches a list item's number or letter: "3.", "3)",
	// "(3)", "(c)", "c)", "iv.".
	enumerator = regexp.MustCompile(`^(\d{1,3}[.)]|\((?:\d{1,3}|[a-z]|[ivx]{1,4})\)|(?:[a-z]|[ivx]{1,4})[.)])\s+\S`)
)

// listMarker returns the marker a line starts with, if it starts a list
// item, or "".
func listMarker(s string) string {
	if m := bullet.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	if m := enumerator.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return ""
}

// classify decides what each block is: a heading (set like one, short,
// not ending like a sentence, and not a table's caption), a block quote
// (indented and set apart), a list item or a paragraph; and gives each
// heading its level by the rank of its style.
func (a *analysis) classify() {
	em := a.lay.bodySize
	for i, b := range a.blocks {
		switch {
		case b.kind == table:
		case (a.headingStyle(b.first()) || a.italicHeading(i)) && a.headingLike(b) && !(i+1 < len(a.blocks) && a.blocks[i+1].kind == table):
			b.kind = heading
		case b.kind == paragraph && a.quoted(b, em):
			b.kind = quote
		}
	}
	a.levels()
}

// italicHeading reports whether block i is a lone line in italics, where
// the body is not, and not smaller than the body, set apart from the
// block before it: a heading that only its slant marks.
func (a *analysis) italicHeading(i int) bool {
	b := a.blocks[i]
	l := b.first()
	if b.kind != paragraph || len(b.lines) != 1 || !l.italic || a.bodyItalic || l.size < 0.97*a.lay.bodySize || terminal(l.text) || i == 0 {
		return false
	}
	prev := a.blocks[i-1].last()
	return prev.col != l.col || l.top-prev.bottom > (a.leading+0.4)*l.size
}

// headingLike reports whether a block is short enough, and ends unlike a
// sentence, to be a heading.
func (a *analysis) headingLike(b *block) bool {
	text := strings.TrimSpace(joinPlain(b.lines))
	if len(b.lines) > 3 || utf8.RuneCountInString(text) > 160 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(text)
	return !strings.ContainsRune(".,;", r)
}

// quoted reports whether a paragraph is a block quote: all its lines
// indented, and set in a smaller or italic font, or indented on the right
// too. A lone centred line is not a quote.
func (a *analysis) quoted(b *block, em float64) bool {
	if !indented(b, em) {
		return false
	}
	distinct := b.first().size < 0.95*a.lay.bodySize || b.first().italic && !a.bodyItalic
	if len(b.lines) == 1 {
		l := b.first()
		return distinct && l.colRight-l.right > 0.6*em && !centred(l)
	}
	if distinct {
		return true
	}
	for _, l := range b.lines[:len(b.lines)-1] {
		if l.colRight-l.right < 0.6*em {
			return false
		}
	}
	return true
}

// levels ranks heading styles, largest and boldest first, and gives
// headings their levels from the rank: the document title, set largest,
// gets level 1.
func (a *analysis) levels() {
	type style struct {
		size         float64
		bold, italic bool
	}
	var styles []style
	of := func(b *block) style {
		l := b.first()
		return style{float64(int(l.size*2+0.5)) / 2, l.bold, l.italic}
	}
	for _, b := range a.blocks {
		if b.kind == heading && !slices.Contains(styles, of(b)) {
			styles = append(styles, of(b))
		}
	}
	rank := func(s style) int {
		r := 0
		if !s.bold {
			r += 2
		}
		if s.italic {
			r++
		}
		return r
	}
	slices.SortStableFunc(styles, func(x, y style) int {
		return cmp.Or(cmp.Compare(y.size, x.size), cmp.Compare(rank(x), rank(y)))
	})
	for _, b := range a.blocks {
		if b.kind == heading {
			b.level = min(slices.Index(styles, of(b))+1, 6)
		}
	}
}
