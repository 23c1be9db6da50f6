package pdf

import (
	"math"
	"strconv"
	"strings"
	"unicode"
)

// Page furniture is what a page carries in its margins besides the text:
// running headers and footers and page numbers. They are found by where
// they sit and by repetition, never by their wording:
//
//   - a page number in one of its usual forms in the top or bottom band,
//     whose value follows the page order;
//   - a line in a band, set apart from the page's text by a gap, whose
//     text, digits aside, recurs at the same height of another page;
//   - a line set in the same font at the same height as furniture found
//     so: the other half of alternating running heads, which a short
//     document may print only once;
//   - another line on a page number's row;
//   - a line in the top margin, set apart, in a font smaller than the
//     body's.
//
// Running heads are not set larger than the body: a heading that opens
// several pages with the same words is not furniture.

// A segment is a candidate piece of furniture: one cell of a row in a
// page's top or bottom band.
type segment struct {
	page     int
	head     bool // in the top band, else the bottom one
	row      int  // the row's index within its band, from the page edge
	top      float64
	left     float64
	font     int
	size     float64
	text     string
	frags    []int
	furnish  bool
	number   pageNumber
	isNumber bool
	// apart is set when the segment's row, with the rows close to it,
	// stands apart from the text of the page by a gap: running heads do,
	// body lines that happen to recur at a page's foot do not.
	apart bool
}

// bandRows is how many rows from the top and the bottom of a page can
// hold furniture, bandDepth how far into the page, as a share of its
// height, they may reach, and topMargin the share above which any line
// in a small font is taken for a running head.
const (
	bandRows  = 3
	bandDepth = 0.15
	topMargin = 0.06
	// sameHeight is how far apart, as a share of the page height, the
	// same running head may sit on two pages: templates place them
	// exactly, where body text that happens to recur does not.
	sameHeight = 0.004
)

// furnitureResult is what findFurniture finds.
type furnitureResult struct {
	// removed holds, per page, the ids of the fragments that are furniture.
	removed []map[int]bool
	// head and foot hold, per page, the furniture lines at its top and
	// bottom, in reading order.
	head, foot [][]string
	// labels holds each page's printed number, or its index from 1.
	labels []string
}

func findFurniture(doc *rawDoc, bodySize float64) furnitureResult {
	n := len(doc.pages)
	res := furnitureResult{removed: make([]map[int]bool, n), head: make([][]string, n), foot: make([][]string, n), labels: make([]string, n)}
	var segs []*segment
	for p, pg := range doc.pages {
		res.removed[p] = map[int]bool{}
		segs = append(segs, bandSegments(p, pg, doc.fonts)...)
	}
	numbers := pageNumbers(segs, n)

	// Repetition, digits aside, in the same band at about the same height.
	type key struct {
		text string
		head bool
	}
	seen := map[key][]*segment{}
	for _, s := range segs {
		// A lone number recurs by chance (footnote labels); page numbers
		// are judged by their sequence instead.
		if strings.ContainsFunc(s.text, unicode.IsLetter) && s.size <= 1.1*bodySize {
			k := key{digitless(s.text), s.head}
			seen[k] = append(seen[k], s)
		}
	}
	for _, group := range seen {
		for _, a := range group {
			for _, b := range group {
				if a.page != b.page && a.apart && b.apart && math.Abs(a.top-b.top) <= sameHeight*doc.pages[a.page].height {
					a.furnish = true
				}
			}
		}
	}
	// Lines like furniture already found: same font, same height.
	type style struct {
		font int
		head bool
	}
	tops := map[style][]float64{}
	for _, s := range segs {
		if s.furnish {
			tops[style{s.font, s.head}] = append(tops[style{s.font, s.head}], s.top)
		}
	}
	for _, s := range segs {
		if s.size > 1.1*bodySize || !s.apart {
			continue
		}
		for _, t := range tops[style{s.font, s.head}] {
			if math.Abs(s.top-t) <= sameHeight*doc.pages[s.page].height {
				s.furnish = true
			}
		}
	}
	// The rest of a page number's row, and the top margin.
	for _, s := range segs {
		for _, o := range segs {
			if o.isNumber && o.furnish && o.page == s.page && o.head == s.head && o.row == s.row {
				s.furnish = true
			}
		}
		if s.head && s.apart && s.top < topMargin*doc.pages[s.page].height && s.size < 0.95*bodySize {
			s.furnish = true
		}
	}
	for _, s := range segs {
		if !s.furnish {
			continue
		}
		for _, id := range s.frags {
			res.removed[s.page][id] = true
		}
		if s.head {
			res.head[s.page] = append(res.head[s.page], s.text)
		} else {
			res.foot[s.page] = append(res.foot[s.page], s.text)
		}
	}
	res.labels = pageLabels(numbers, n)
	return res
}

// bandSegments cuts the rows in the top and bottom bands of a page into
// segments, top band first, each band in reading order.
func bandSegments(p int, pg rawPage, fonts map[int]fontSpec) []*segment {
	rs := rows(pg.frags)
	var out []*segment
	add := func(r []fragment, head bool, index int, apart bool) {
		l := makeLine(p, r, fonts)
		// A cell of the line holds the fragments between its edges.
		for _, c := range l.cells {
			s := &segment{page: p, head: head, row: index, top: l.top, left: c.left, text: c.text, apart: apart}
			letters := map[int]int{}
			for _, f := range r {
				if f.left >= c.left-0.5 && f.right() <= c.right+0.5 {
					s.frags = append(s.frags, f.id)
					letters[f.font] += len(strings.TrimSpace(f.text))
				}
			}
			best := -1
			for font, count := range letters {
				if best < 0 || count > letters[best] || count == letters[best] && font < best {
					best = font
				}
			}
			s.font, s.size = best, fonts[best].size
			s.text = strings.NewReplacer(superOpen, "", superClose, "").Replace(s.text)
			s.number, s.isNumber = parsePageNumber(s.text)
			out = append(out, s)
		}
	}
	head := 0
	for head < len(rs) && head < bandRows && rs[head][0].top <= bandDepth*pg.height {
		head++
	}
	foot := len(rs)
	for foot > head && len(rs)-foot < bandRows && rowBottom(rs[foot-1]) >= (1-bandDepth)*pg.height {
		foot--
	}
	// Rows closer than half a line make a cluster; a cluster within the
	// band, with a gap of most of a line towards the page's middle, is
	// apart.
	close := func(i int) bool { return rs[i+1][0].top-rowBottom(rs[i]) < 0.6*(rowBottom(rs[i])-rs[i][0].top) }
	for i := range head {
		e := i
		for e+1 < len(rs) && close(e) {
			e++
		}
		add(rs[i], true, i, e < head && (e+1 == len(rs) || rs[e+1][0].top-rowBottom(rs[e]) >= 0.8*(rowBottom(rs[e])-rs[e][0].top)))
	}
	for i := foot; i < len(rs); i++ {
		b := i
		for b > 0 && close(b-1) {
			b--
		}
		add(rs[i], false, len(rs)-1-i, b >= foot && (b == 0 || rs[b][0].top-rowBottom(rs[b-1]) >= 0.8*(rowBottom(rs[b])-rs[b][0].top)))
	}
	return out
}

func rowBottom(r []fragment) float64 {
	b := 0.0
	for _, f := range r {
		b = max(b, f.bottom())
	}
	return b
}

// digitless is the text that running heads share from page to page:
// lower case, digits and roman page numbers replaced.
func digitless(s string) string {
	s = strings.ToLower(s)
	var b strings.Builder
	for _, w := range strings.Fields(s) {
		if _, ok := romanValue(strings.Trim(w, decorations)); ok {
			w = "#"
		}
		b.WriteString(strings.Map(func(r rune) rune {
			if unicode.IsDigit(r) {
				return '#'
			}
			return r
		}, w))
		b.WriteByte(' ')
	}
	return b.String()
}

// pageNumbers marks the segments that are page numbers: those whose value
// minus the page's index is the same on two or more pages (a roman front
// matter and an arabic body make two such runs), or that take an explicit
// form, or, on a one-page document, a number alone on its row. It returns
// each page's number.
func pageNumbers(segs []*segment, pages int) map[int]pageNumber {
	type run struct {
		roman  bool
		offset int
	}
	runs := map[run]map[int]bool{}
	for _, s := range segs {
		if !s.isNumber {
			continue
		}
		r := run{s.number.roman, s.number.value - s.page}
		if runs[r] == nil {
			runs[r] = map[int]bool{}
		}
		runs[r][s.page] = true
	}
	type row struct {
		page, row int
		head      bool
	}
	cells := map[row]int{}
	for _, s := range segs {
		cells[row{s.page, s.row, s.head}]++
	}
	out := map[int]pageNumber{}
	for _, s := range segs {
		if !s.isNumber {
			continue
		}
		alone := cells[row{s.page, s.row, s.head}] == 1
		if len(runs[run{s.number.roman, s.number.value - s.page}]) >= 2 || s.number.explicit || pages == 1 && alone {
			s.furnish = true
			if _, ok := out[s.page]; !ok {
				out[s.page] = s.number
			}
		}
	}
	return out
}

// pageLabels gives each page its printed number: the one found on it, or
// one inferred from the numbered pages around it when they count up one
// a page, or else its index from 1.
func pageLabels(numbers map[int]pageNumber, pages int) []string {
	labels := make([]string, pages)
	for p := range pages {
		if n, ok := numbers[p]; ok {
			labels[p] = n.label
			continue
		}
		labels[p] = strconv.Itoa(p + 1)
		before, after := -1, -1
		for q := p - 1; q >= 0; q-- {
			if n, ok := numbers[q]; ok && !n.roman {
				before = q
				break
			}
		}
		for q := p + 1; q < pages; q++ {
			if n, ok := numbers[q]; ok && !n.roman {
				after = q
				break
			}
		}
		offset, ok := 0, false
		switch {
		case before >= 0 && after >= 0:
			ob, oa := numbers[before].value-before, numbers[after].value-after
			offset, ok = ob, ob == oa
		case before >= 0:
			offset, ok = numbers[before].value-before, sequence(numbers, before)
		case after >= 0:
			offset, ok = numbers[after].value-after, sequence(numbers, after)
		}
		if ok && p+offset >= 1 {
			labels[p] = strconv.Itoa(p + offset)
		}
	}
	return labels
}

// sequence reports whether the numbered page p has a numbered neighbour
// that counts up with it, so that extrapolating from it is safe.
func sequence(numbers map[int]pageNumber, p int) bool {
	for _, q := range []int{p - 1, p + 1} {
		if n, ok := numbers[q]; ok && !n.roman && n.value-q == numbers[p].value-p {
			return true
		}
	}
	return false
}
