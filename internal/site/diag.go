package site

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Pos is a position in a content file. Line and Col are 1-based; a zero
// Col means "the whole line", a zero Line "the whole file".
type Pos struct {
	Path string
	Line int
	Col  int
}

// FileStart is the position of a problem with a file as a whole (a bad
// name, a file that cannot be read): its first line and column, so that
// the diagnostic reads path:1:1 like every other and editors can open it.
func FileStart(path string) Pos { return Pos{Path: path, Line: 1, Col: 1} }

// String formats the position as path:line:col, the form editors jump to.
func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.Path
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.Path, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.Path, p.Line, p.Col)
}

// Diagnostic is a problem with the content, tied to where it was written.
type Diagnostic struct {
	Pos     Pos
	Message string
}

// Error formats the diagnostic as path:line:col: message.
func (d Diagnostic) Error() string { return d.Pos.String() + ": " + d.Message }

// Diagnostics is every problem one run found. A non-empty list is an error:
// the build stops before writing anything.
type Diagnostics []Diagnostic

// Add appends a diagnostic at pos with a formatted message.
func (ds *Diagnostics) Add(pos Pos, format string, args ...any) {
	*ds = append(*ds, Diagnostic{Pos: pos, Message: fmt.Sprintf(format, args...)})
}

// Sort orders the diagnostics by path, line, column and message, so that
// output is stable however the stages ran in parallel, and keeps one of
// identical diagnostics: a problem that a YAML alias repeats at each of
// its uses is one problem, printed once.
func (ds *Diagnostics) Sort() {
	slices.SortFunc(*ds, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Pos.Path, b.Pos.Path),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Message, b.Message),
		)
	})
	*ds = slices.Compact(*ds)
}

// Error lists the diagnostics one per line.
func (ds Diagnostics) Error() string {
	lines := make([]string, len(ds))
	for i, d := range ds {
		lines[i] = d.Error()
	}
	return strings.Join(lines, "\n")
}
