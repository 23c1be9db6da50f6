package pdf

import (
	"cmp"
	"slices"
	"unicode/utf8"
)

// Columns are found by their gutters: a vertical strip, free of text over
// a stretch of the page, with prose on both sides. Prose rather than any
// text, because the gaps between a table's cells or between a list's
// bullets and items are such strips too. A page is cut at its best gutter
// into what lies above it, its left and right columns and what lies
// below, and each part is cut again, so that a full-width title, table or
// footnote stays in its place between column regions: the reading order
// is above, left, right, below.

// A gutter is a strip between two columns.
type gutter struct {
	x0, x1      float64 // its left and right edges
	left, right map[int]bool
	score       int
}

// columns returns the fragments of a page region in reading order, as
// the columns to read one after another.
func columns(frags []fragment, em float64) [][]fragment {
	if len(frags) == 0 {
		return nil
	}
	g, ok := findGutter(frags, em)
	if !ok {
		return [][]fragment{frags}
	}
	var above, left, right, below []fragment
	top := -1.0
	for _, f := range frags {
		if g.left[f.id] || g.right[f.id] {
			if top < 0 || f.top < top {
				top = f.top
			}
		}
	}
	for _, f := range frags {
		switch {
		case g.left[f.id]:
			left = append(left, f)
		case g.right[f.id]:
			right = append(right, f)
		case f.top < top:
			above = append(above, f)
		default:
			below = append(below, f)
		}
	}
	var out [][]fragment
	for _, part := range [][]fragment{above, left, right, below} {
		if len(part) == len(frags) {
			return [][]fragment{frags}
		}
		out = append(out, columns(part, em)...)
	}
	return out
}

// findGutter finds the gutter that divides the most lines of a region.
func findGutter(frags []fragment, em float64) (gutter, bool) {
	minX, maxX := frags[0].left, frags[0].right()
	for _, f := range frags {
		minX, maxX = min(minX, f.left), max(maxX, f.right())
	}
	width := maxX - minX
	if width < 12*em {
		return gutter{}, false
	}
	byTop := slices.Clone(frags)
	slices.SortFunc(byTop, func(a, b fragment) int { return cmp.Compare(a.top, b.top) })

	// For each x, the free stretches: runs of fragments between two that
	// cross x. Neighbouring x with the same stretch make one gutter.
	type stretch struct{ from, to int } // indices into byTop, to exclusive
	var best gutter
	open := map[stretch]*gutter{}
	step := max(1, em/8)
	for x := minX + 0.2*width; x <= maxX-0.2*width; x += step {
		next := map[stretch]*gutter{}
		from := 0
		for i := 0; i <= len(byTop); i++ {
			if i < len(byTop) && !(byTop[i].left < x-0.5 && byTop[i].right() > x+0.5) {
				continue
			}
			if i > from {
				s := stretch{from, i}
				if g, ok := open[s]; ok {
					g.x1 = x
					next[s] = g
				} else {
					next[s] = &gutter{x0: x, x1: x}
				}
			}
			from = i + 1
		}
		for s, g := range open {
			if _, ok := next[s]; !ok {
				if c, ok := judgeGutter(inStretch(byTop, s.from, s.to), bounds(byTop, s.from, s.to), *g, em, width); ok && c.score > best.score {
					best = c
				}
			}
		}
		open = next
	}
	for s, g := range open {
		if c, ok := judgeGutter(inStretch(byTop, s.from, s.to), bounds(byTop, s.from, s.to), *g, em, width); ok && c.score > best.score {
			best = c
		}
	}
	return best, best.score > 0
}

// inStretch returns the fragments of byTop[from:to] that lie between the
// fragments that bound the stretch, byTop[from-1] and byTop[to]: a
// footnote's label on the row of the wide line that bounds a column
// region is not part of the region.
func inStretch(byTop []fragment, from, to int) []fragment {
	var out []fragment
	for _, f := range byTop[from:to] {
		mid := f.top + f.height/2
		if from > 0 && mid < byTop[from-1].bottom() || to < len(byTop) && mid > byTop[to].top {
			continue
		}
		out = append(out, f)
	}
	return out
}

// bounds returns the fragments that bound a stretch from above and from
// below, if any.
func bounds(byTop []fragment, from, to int) [2]*fragment {
	var b [2]*fragment
	if from > 0 {
		b[0] = &byTop[from-1]
	}
	if to < len(byTop) {
		b[1] = &byTop[to]
	}
	return b
}

// judgeGutter decides whether a free strip between the fragments of a
// stretch divides two columns of prose, and scores it by the lines it
// divides.
func judgeGutter(frags []fragment, bound [2]*fragment, g gutter, em, width float64) (gutter, bool) {
	// A gutter is wider than most spaces, and divides three lines of
	// prose or more on each side: a river of spaces through the wide gaps
	// of two justified lines is not one.
	if g.x1-g.x0 < 0.8*em {
		return g, false
	}
	var left, right []fragment
	for _, f := range frags {
		if f.right() <= g.x0+0.5 {
			left = append(left, f)
		} else {
			right = append(right, f)
		}
	}
	lrows, rrows := trimTop(rows(left), rows(right), bound[0], em)
	lrows, rrows = trimTable(lrows, rrows, em)
	left, right = trimBottom(lrows, rrows, bound[1], em), slices.Concat(rrows...)
	if len(left) == 0 || len(right) == 0 {
		return g, false
	}
	nl, pl, wl := prose(left, em)
	nr, pr, wr := prose(right, em)
	if pl < 3 || pr < 3 || pl*2 < nl || pr*2 < nr || wl < 0.25*width || wr < 0.25*width {
		return g, false
	}
	g.left, g.right = map[int]bool{}, map[int]bool{}
	for _, f := range left {
		g.left[f.id] = true
	}
	for _, f := range right {
		g.right[f.id] = true
	}
	g.score = nl + nr
	return g, true
}

// trimTop leaves out of two columns the rows at their top that belong to
// what lies above them: rows right below the wide row that bounds the
// columns, or below rows already left out, that are table rows (cells
// with wide gaps) or that go on with the text above (the short last line
// of a full-width paragraph, in its font and at its left edge). It
// returns the rows that remain.
func trimTop(left, right [][]fragment, bound *fragment, em float64) ([][]fragment, [][]fragment) {
	if bound != nil {
		ref := *bound
		for len(left) > 0 || len(right) > 0 {
			side := &left
			if len(left) == 0 || len(right) > 0 && right[0][0].top < left[0][0].top {
				side = &right
			}
			r := (*side)[0]
			top, bottom := r[0].top, rowBottom(r)
			if top-ref.bottom() > 1.2*(bottom-top) {
				break
			}
			slices.SortFunc(r, func(a, b fragment) int { return cmp.Compare(a.left, b.left) })
			table := false
			for i := 1; i < len(r); i++ {
				table = table || r[i].left-r[i-1].right() > wideGap*em
			}
			goesOn := r[0].font == ref.font && r[0].left-ref.left < 0.5*em && ref.left-r[0].left < 0.5*em
			if !table && !goesOn {
				break
			}
			*side = (*side)[1:]
			if bottom > ref.bottom() {
				ref = fragment{top: top, height: bottom - top, left: r[0].left, font: r[0].font}
			}
		}
	}
	return left, right
}

// trimBottom leaves out of the left column the rows at its foot that
// belong to what lies below the columns: rows below the right column's
// last, closer to the wide row below than to the row above them, like a
// table's caption. It returns the fragments of the rows that remain.
func trimBottom(left, right [][]fragment, bound *fragment, em float64) []fragment {
	if bound == nil || len(right) == 0 {
		return slices.Concat(left...)
	}
	last := rowBottom(right[len(right)-1])
	for len(left) > 1 {
		r := left[len(left)-1]
		top, bottom := r[0].top, rowBottom(r)
		if top <= last || bound.top-bottom >= top-rowBottom(left[len(left)-2]) || bound.top-bottom > 2*(bottom-top) {
			break
		}
		left = left[:len(left)-1]
	}
	return slices.Concat(left...)
}

// trimTable leaves out of the foot of two columns the rows of a table
// that spans both: two or more rows, each with cells on both sides and
// three cells or more in all, where a row of two columns of prose has
// two.
func trimTable(left, right [][]fragment, em float64) ([][]fragment, [][]fragment) {
	l, r, bands := len(left), len(right), 0
	for l > 0 && r > 0 {
		a, b := left[l-1], right[r-1]
		if rowBottom(a) <= b[0].top || rowBottom(b) <= a[0].top || cells(a, em)+cells(b, em) < 3 {
			break
		}
		l, r, bands = l-1, r-1, bands+1
	}
	if bands < 2 {
		return left, right
	}
	return left[:l], right[:r]
}

// cells counts the cells of a row: its runs of fragments without a wide
// gap between them.
func cells(r []fragment, em float64) int {
	r = slices.Clone(r)
	slices.SortFunc(r, func(a, b fragment) int { return cmp.Compare(a.left, b.left) })
	n := 1
	for i := 1; i < len(r); i++ {
		if r[i].left-r[i-1].right() > wideGap*em {
			n++
		}
	}
	return n
}

// prose counts the rows of a column and those that read as prose: a
// dozen letters or more without a gap wider than justified spaces. It
// also returns the column's width.
func prose(frags []fragment, em float64) (rowsN, proseN int, width float64) {
	if len(frags) == 0 {
		return 0, 0, 0
	}
	minX, maxX := frags[0].left, frags[0].right()
	for _, r := range rows(frags) {
		slices.SortFunc(r, func(a, b fragment) int { return cmp.Compare(a.left, b.left) })
		letters, wide := 0, false
		for i, f := range r {
			minX, maxX = min(minX, f.left), max(maxX, f.right())
			letters += utf8.RuneCountInString(f.text)
			if i > 0 && f.left-r[i-1].right() > wideGap*em {
				wide = true
			}
		}
		rowsN++
		if letters >= 12 && !wide {
			proseN++
		}
	}
	return rowsN, proseN, maxX - minX
}
