package pdf

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// A layout is a document's pages laid out as lines in reading order.
type layout struct {
	pages    []pageLines
	fonts    map[int]fontSpec
	bodySize float64
	bodyFont int
}

// pageLines is one page: its furniture, its printed number and its lines,
// column by column.
type pageLines struct {
	label      string
	head, foot []string
	lines      []line
}

// layOut finds the furniture of every page and reads the rest of each
// page column by column.
func layOut(doc *rawDoc) *layout {
	lay := &layout{fonts: doc.fonts}
	lay.bodyFont, lay.bodySize = bodyFont(doc)
	furn := findFurniture(doc, lay.bodySize)
	cols := 0
	for p, pg := range doc.pages {
		pl := pageLines{label: furn.labels[p], head: furn.head[p], foot: furn.foot[p]}
		frags := slices.DeleteFunc(slices.Clone(pg.frags), func(f fragment) bool { return furn.removed[p][f.id] })
		for _, col := range columns(frags, lay.bodySize) {
			start := len(pl.lines)
			for _, r := range rows(col) {
				pl.lines = append(pl.lines, makeLine(p, r, doc.fonts))
			}
			left, right := pl.lines[start].left, pl.lines[start].right
			for _, l := range pl.lines[start:] {
				left, right = min(left, l.left), max(right, l.right)
			}
			text := textLeft(pl.lines[start:], lay.bodyFont)
			boxes := boxRights(pl.lines[start:])
			for i := start; i < len(pl.lines); i++ {
				l := &pl.lines[i]
				l.colLeft, l.colRight, l.textLeft, l.col, l.boxRight = left, right, text, cols, right
				if r, ok := boxes[math.Round(l.left)]; ok {
					l.boxRight = r
				}
			}
			cols++
		}
		lay.pages = append(lay.pages, pl)
	}
	return lay
}

// textLeft returns where most lines of a column in the body font start;
// or, if there are none, the column's left edge.
func textLeft(ls []line, bodyFont int) float64 {
	count := map[float64]int{}
	left := ls[0].left
	for _, l := range ls {
		left = min(left, l.left)
		if l.font == bodyFont {
			count[math.Round(l.left)]++
		}
	}
	best := -1.0
	for x, n := range count {
		if best < 0 || n > count[best] || n == count[best] && x < best {
			best = x
		}
	}
	if best < 0 {
		return left
	}
	return best
}

// boxRights returns, for each left edge that two or more lines of a
// column start at, how far right those lines reach.
func boxRights(ls []line) map[float64]float64 {
	right := map[float64]float64{}
	count := map[float64]int{}
	for _, l := range ls {
		x := math.Round(l.left)
		right[x] = max(right[x], l.right)
		count[x]++
	}
	for x, n := range count {
		if n < 2 {
			delete(right, x)
		}
	}
	return right
}

// bodyFont returns the font, and its size, that sets the most letters:
// the body text's.
func bodyFont(doc *rawDoc) (int, float64) {
	letters := map[int]int{}
	for _, pg := range doc.pages {
		for _, f := range pg.frags {
			letters[f.font] += utf8.RuneCountInString(strings.TrimSpace(f.text))
		}
	}
	ids := make([]int, 0, len(letters))
	for id := range letters {
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		return 0, 12
	}
	slices.SortFunc(ids, func(a, b int) int { return cmp.Or(cmp.Compare(letters[b], letters[a]), cmp.Compare(a, b)) })
	return ids[0], doc.fonts[ids[0]].size
}
