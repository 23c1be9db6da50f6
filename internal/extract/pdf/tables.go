package pdf

import (
	"cmp"
	"slices"
	"strings"
)

// A table is a run of lines, in one column, of which two or more hold
// cells apart by wide gaps, most of them aligned with the cells of the
// rows above, each line starting where a cell of the lines before it
// starts; the lines of a cell's wrapped text, close below or between
// such rows, belong to it.
// Its columns are the spans of its fragments that do not overlap, and its
// rows the groups of lines closer together than half a line, or, where no
// space sets rows apart, the lines that fill the first column.

// findTables finds the tables among lines in reading order and returns
// them by the index of their first line.
func findTables(lines []line, em float64) map[int]*block {
	out := map[int]*block{}
	for i := 0; i < len(lines); i++ {
		if !cellRow(lines[i]) {
			continue
		}
		rows, j := 1, i+1
		for j < len(lines) && lines[j].col == lines[i].col && alignsWith(lines[j], lines[i:j], em) {
			if cellRow(lines[j]) {
				if !tabular(lines[j], lines[i:j], em) {
					break
				}
				rows++
			} else if lines[j].top-lines[j-1].bottom >= 0.6*lines[j].height() {
				// Only a wrapped cell's line, close to the row above it,
				// belongs to the table without cells of its own.
				break
			}
			j++
		}
		if rows < 2 {
			continue
		}
		t := &block{kind: table, lines: slices.Clone(lines[i:j])}
		t.rows = tableRows(t.lines, em)
		out[i] = t
		i = j - 1
	}
	return out
}

// cellRow reports whether a line holds cells apart by wide gaps, and not
// a list item whose marker stands apart from its text, nor two columns of
// prose.
func cellRow(l line) bool {
	if len(l.cells) < 2 || listMarker(l.text) != "" || isLabel(strings.Trim(l.cells[0].text, ".)")) && len(l.cells) == 2 {
		return false
	}
	long := 0
	for _, c := range l.cells {
		if len(c.text) > 40 {
			long++
		}
	}
	return long < len(l.cells)
}

// tabular reports whether most cells of a row, and two at least, start
// or end where cells of the rows above do: the columns of a table, not
// the words of a justified line that pdftohtml cut at its wide spaces.
func tabular(l line, rows []line, em float64) bool {
	n := 0
	for _, c := range l.cells {
	rows:
		for _, r := range rows {
			for _, o := range r.cells {
				if c.left-o.left < 0.5*em && o.left-c.left < 0.5*em || c.right-o.right < 0.5*em && o.right-c.right < 0.5*em {
					n++
					break rows
				}
			}
		}
	}
	return n >= 2 && 3*n >= 2*len(l.cells)
}

// alignsWith reports whether a line starts where a cell of the rows above
// starts.
func alignsWith(l line, rows []line, em float64) bool {
	for _, r := range rows {
		for _, c := range r.cells {
			if c.left-l.left < 0.5*em && l.left-c.left < 0.5*em {
				return true
			}
		}
	}
	return false
}

// tableRows lays the fragments of a table's lines out in rows and columns.
func tableRows(lines []line, em float64) [][]string {
	type span struct{ left, right float64 }
	var spans []span
	for _, l := range lines {
		for _, f := range l.frags {
			spans = append(spans, span{f.left, f.right()})
		}
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.left, b.left) })
	var cols []span
	for _, s := range spans {
		if n := len(cols); n > 0 && s.left < cols[n-1].right+0.3*em {
			cols[n-1].right = max(cols[n-1].right, s.right)
			continue
		}
		cols = append(cols, s)
	}
	column := func(f fragment) int {
		mid := (f.left + f.right()) / 2
		for i, c := range cols {
			if mid <= c.right {
				return i
			}
		}
		return len(cols) - 1
	}
	// Rows set apart by space are told by it, and a cell's wrapped lines
	// stay in its row; in a table without such space, each line that
	// fills the first column starts a row.
	spaced := false
	for i := 1; i < len(lines); i++ {
		spaced = spaced || lines[i].top-lines[i-1].bottom > 0.5*lines[i].height()
	}
	var rows [][]string
	for i, l := range lines {
		frags := slices.Clone(l.frags)
		slices.SortFunc(frags, func(a, b fragment) int { return cmp.Compare(a.left, b.left) })
		if i == 0 || spaced && l.top-lines[i-1].bottom > 0.5*l.height() || !spaced && column(frags[0]) == 0 {
			rows = append(rows, make([]string, len(cols)))
		}
		row := rows[len(rows)-1]
		for _, f := range frags {
			c := column(f)
			row[c] = collapseSpaces(row[c] + " " + f.text)
		}
	}
	return rows
}
