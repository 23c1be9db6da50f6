package pdf

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Superscript footnote labels travel through the stages wrapped in these
// private-use runes, so that the output can turn them into [^N] markers
// once the page's footnotes are known, and into plain text otherwise.
const (
	superOpen  = "\uE000"
	superClose = "\uE001"
)

// A line is the text of one row of one column: fragments on the same
// baseline, left to right.
type line struct {
	page                     int
	top, bottom, left, right float64
	// size, font, bold and italic are those of most of the line's letters,
	// superscripts aside.
	size         float64
	font         int
	bold, italic bool
	text         string
	// cells are the line's parts split at wide gaps: the cells of a table
	// row, or the whole line.
	cells []cell
	// colLeft and colRight are the edges of the column the line sits in,
	// and col numbers the columns of the document in reading order.
	// textLeft is where most of the column's lines start: the edge that
	// indents are measured from, right of headings set out in the margin.
	colLeft, colRight, textLeft float64
	// boxRight is how far right the lines of the column that start where
	// this one does reach: the right edge of the box the line is set in,
	// a block quote's or an abstract's narrower than the column.
	boxRight float64
	col      int
	frags    []fragment
}

// A cell is a run of a line's fragments without a wide gap inside.
type cell struct {
	left, right float64
	text        string
}

func (l *line) height() float64 { return l.bottom - l.top }

// rows groups fragments into rows: fragments whose heights overlap by
// half or more are on one row. A superscript, set higher and smaller,
// overlaps its line enough to join it.
func rows(frags []fragment) [][]fragment {
	sorted := slices.Clone(frags)
	slices.SortStableFunc(sorted, func(a, b fragment) int {
		return cmp.Or(cmp.Compare(a.top, b.top), cmp.Compare(a.left, b.left))
	})
	var out [][]fragment
	var top, bottom float64
	for _, f := range sorted {
		if n := len(out); n > 0 {
			overlap := min(bottom, f.bottom()) - max(top, f.top)
			if overlap >= 0.5*min(f.height, bottom-top) {
				out[n-1] = append(out[n-1], f)
				top, bottom = min(top, f.top), max(bottom, f.bottom())
				continue
			}
		}
		out = append(out, []fragment{f})
		top, bottom = f.top, f.bottom()
	}
	return out
}

// wideGap is the gap between fragments, in font sizes, above which a row
// holds separate cells: wider than the spaces of justified text.
const wideGap = 1.8

// makeLine builds the line of one row of fragments.
func makeLine(page int, frags []fragment, fonts map[int]fontSpec) line {
	frags = slices.Clone(frags)
	slices.SortStableFunc(frags, func(a, b fragment) int { return cmp.Compare(a.left, b.left) })
	// The dominant font is the one with the most letters.
	letters := map[int]int{}
	for _, f := range frags {
		letters[f.font] += utf8.RuneCountInString(strings.TrimSpace(f.text))
	}
	l := line{page: page, frags: frags, left: frags[0].left, right: frags[0].right(), top: frags[0].top, bottom: frags[0].bottom()}
	best := -1
	for _, f := range frags {
		if best < 0 || letters[f.font] > letters[best] || letters[f.font] == letters[best] && fonts[f.font].size > fonts[best].size {
			best = f.font
		}
	}
	l.font, l.size = best, fonts[best].size
	// The core of the line is the fragments near its main size: their
	// bottom is the baseline that superscripts sit above.
	first := true
	for _, f := range frags {
		if fonts[f.font].size < 0.85*l.size {
			continue
		}
		if first {
			l.top, l.bottom = f.top, f.bottom()
			first = false
		}
		l.top, l.bottom = min(l.top, f.top), max(l.bottom, f.bottom())
	}
	var text strings.Builder
	var boldN, italicN, total int
	for i, f := range frags {
		l.left, l.right = min(l.left, f.left), max(l.right, f.right())
		size := fonts[f.font].size
		super := size <= 0.8*l.size && f.bottom() < l.bottom-0.2*(l.bottom-l.top)
		t := f.text
		if super && isLabel(strings.TrimSpace(t)) {
			t = superOpen + strings.TrimSpace(t) + superClose
		}
		gap := 0.0
		if i > 0 {
			gap = f.left - frags[i-1].right()
		}
		switch {
		case i == 0 || gap > wideGap*l.size:
			text.WriteByte(' ')
			l.cells = append(l.cells, cell{left: f.left})
		case gap > 0.15*min(size, fonts[frags[i-1].font].size) && !endsSpace(text.String()) && !startsSpace(t):
			text.WriteByte(' ')
			l.cells[len(l.cells)-1].text += " "
		}
		text.WriteString(t)
		c := &l.cells[len(l.cells)-1]
		c.text += t
		c.right = f.right()
		if !super {
			n := utf8.RuneCountInString(strings.TrimSpace(f.text))
			total += n
			if f.bold {
				boldN += n
			}
			if f.italic {
				italicN += n
			}
		}
	}
	l.text = collapseSpaces(text.String())
	for i := range l.cells {
		l.cells[i].text = collapseSpaces(l.cells[i].text)
	}
	l.bold = total > 0 && boldN*10 >= total*7
	l.italic = total > 0 && italicN*10 >= total*7
	return l
}

func endsSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return s == "" || unicode.IsSpace(r)
}

func startsSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

// isLabel reports whether s can be a footnote label: up to three digits,
// or one of the reference marks.
func isLabel(s string) bool {
	if s == "" {
		return false
	}
	if len(s) <= 3 && strings.Trim(s, "0123456789") == "" {
		return true
	}
	return utf8.RuneCountInString(s) <= 3 && strings.Trim(s, noteSymbols) == ""
}

// noteSymbols are the marks that label footnotes where numbers do not.
const noteSymbols = "*†‡§¶‖#"
