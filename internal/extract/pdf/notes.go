package pdf

import (
	"cmp"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Footnotes sit at the foot of a page, below the body, in a smaller font.
// The foot area is the run of small-font lines at the bottom of a page
// (or of a column, where the next column runs on beside them), cut into
// groups at wide vertical gaps; from the bottom up, a group
// belongs to the footnotes while its first line starts with a label, or
// while its opening lines carry on the previous page's last footnote and
// a labelled line follows. A labelled line starts a note; the lines
// after it, up to the next label, go on with it.

// A note is one footnote: its label as printed and its lines.
type note struct {
	label string
	lines []line
	// key is the label that names the note in the output: the label,
	// made unique in the document when labels restart.
	key string
}

// noteLabel matches a line that starts with a footnote label: a number or
// reference marks, maybe followed by a full stop or bracket, or a
// superscript label.
var noteLabel = regexp.MustCompile(`^(?:` + superOpen + `([^` + superClose + `]+)` + superClose + `\s*|(\d{1,3}|[*†‡§¶‖#]{1,3})[.)]?\s+)(\S.*)$`)

// splitNotes takes the footnotes out of each page's lines, into a.body
// the lines that remain of each page and into a.notes the notes that
// start on it; a note that runs on from the page before gains the lines
// that carry it on.
func (a *analysis) splitNotes() {
	var last *note
	for p := range a.lay.pages {
		ls := a.lay.pages[p].lines
		area := a.footArea(ls, last)
		var notes []*note
		var body, foot []line
		for i, l := range ls {
			if area[i] {
				foot = append(foot, l)
			} else {
				body = append(body, l)
			}
		}
		var cur *note
		for _, l := range foot {
			if m := noteLabel.FindStringSubmatch(l.text); m != nil && startsNote(l, foot, a.lay.bodySize) {
				cur = &note{label: m[1] + m[2]}
				notes = append(notes, cur)
				cur.lines = append(cur.lines, l)
				continue
			}
			switch {
			case cur != nil:
				cur.lines = append(cur.lines, l)
			case last != nil:
				last.lines = append(last.lines, l)
			default:
				body = append(body, l)
			}
		}
		if len(notes) > 0 {
			last = notes[len(notes)-1]
		}
		a.body = append(a.body, body)
		a.notes = append(a.notes, notes)
	}
}

// startsNote reports whether a labelled line starts a note rather than
// going on with one: it starts at the left edge of the foot area in its
// column, where labels stand, not at the indent of running-on lines.
func startsNote(l line, area []line, em float64) bool {
	left := l.left
	for _, o := range area {
		if o.col == l.col {
			left = min(left, o.left)
		}
	}
	return l.left <= left+0.5*em
}

// footArea marks the lines of a page that make its footnote area: at the
// foot of the page or, where a column runs on beside them, of a column;
// last is the last note of the pages before, if any.
func (a *analysis) footArea(ls []line, last *note) map[int]bool {
	all := make([]int, len(ls))
	for i := range all {
		all[i] = i
	}
	if area := a.footOf(ls, all, last); len(area) > 0 {
		return area
	}
	// Footnotes at the foot of a column, beside another that runs on.
	var cols []int
	byCol := map[int][]int{}
	for i, l := range ls {
		if _, ok := byCol[l.col]; !ok {
			cols = append(cols, l.col)
		}
		byCol[l.col] = append(byCol[l.col], i)
	}
	area := map[int]bool{}
	for _, c := range cols {
		for i := range a.footOf(ls, byCol[c], last) {
			area[i] = true
		}
	}
	return area
}

// footOf marks the footnote lines at the foot of the lines idx of ls.
func (a *analysis) footOf(ls []line, idx []int, last *note) map[int]bool {
	idx = slices.Clone(idx)
	slices.SortStableFunc(idx, func(x, y int) int { return cmp.Compare(ls[x].top, ls[y].top) })
	// The run of small lines at the bottom of the page.
	start := len(idx)
	for start > 0 && ls[idx[start-1]].size <= 0.88*a.lay.bodySize && !ls[idx[start-1]].bold {
		start--
	}
	if start == len(idx) || start == 0 {
		return nil
	}
	// Its groups, from the bottom up.
	var groups [][]int
	from := start
	for i := start + 1; i <= len(idx); i++ {
		if i == len(idx) || ls[idx[i]].top-ls[idx[i-1]].bottom > 1.2*ls[idx[i-1]].height() {
			groups = append(groups, idx[from:i])
			from = i
		}
	}
	area := map[int]bool{}
	for g := len(groups) - 1; g >= 0; g-- {
		first := ls[groups[g][0]]
		labelled := false
		for _, i := range groups[g] {
			labelled = labelled || noteLabel.MatchString(ls[i].text)
		}
		// Unlabelled lines open a page's foot only when they carry on the
		// last note of the page before.
		if !noteLabel.MatchString(first.text) && (g > 0 || last == nil || !labelled && terminal(last.lines[len(last.lines)-1].text)) {
			break
		}
		// The area stands apart from the body above it.
		if g == 0 && first.top-ls[idx[start-1]].bottom <= 0.6*first.height() {
			break
		}
		for _, i := range groups[g] {
			area[i] = true
		}
	}
	return area
}

// keyNotes gives every note a key unique in the document: its label, or,
// when the label was used before (numbering that restarts on each page or
// chapter), the label and its count: "1-2".
func (a *analysis) keyNotes() {
	used := map[string]int{}
	for _, ns := range a.notes {
		for _, n := range ns {
			used[n.label]++
			n.key = n.label
			if c := used[n.label]; c > 1 {
				n.key = n.label + "-" + strconv.Itoa(c)
			}
			n.key = strings.ReplaceAll(n.key, " ", "")
		}
	}
}
