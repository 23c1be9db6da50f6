package serve

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/dossier-dev/dossier/internal/confine"
	"github.com/dossier-dev/dossier/internal/load"
	"github.com/dossier-dev/dossier/internal/site"
)

// maxProblems bounds what one message carries: a broken template can fail
// every page, and the first screenful is what the writer acts on.
const maxProblems = 50

// contextLines is how many lines the overlay shows on each side of the
// offending line.
const contextLines = 2

// Problem is one thing wrong with the last build, as the overlay in the
// browser shows it. The browser renders it with textContent only, so
// nothing here needs HTML escaping.
type Problem struct {
	// Pos is path:line:col, the form editors and terminals jump to; empty
	// for errors that have no position (I/O, internal).
	Pos     string `json:"pos,omitempty"`
	Line    int    `json:"line,omitempty"`
	Col     int    `json:"col,omitempty"`
	Message string `json:"message"`
	// Lines are the offending line and its neighbours, read from the file
	// when the overlay is built; empty if it could not be read.
	Lines []SnippetLine `json:"lines,omitempty"`
}

// SnippetLine is one numbered line of a file; Mark is set on the line
// the problem is at.
type SnippetLine struct {
	N    int    `json:"n"`
	Text string `json:"text"`
	Mark bool   `json:"mark,omitempty"`
}

// problemsFromDiagnostics turns a failed build's diagnostics into
// overlay entries, with the file's lines around each one. Files are read
// once each however many diagnostics point into them, and only from
// inside folders, the site's own: a diagnostic may be about a symlink
// pointing at /etc/passwd, whose lines must not reach the browser.
func problemsFromDiagnostics(diags site.Diagnostics, folders ...string) []Problem {
	files := map[string][]string{}
	var ps []Problem
	for i, d := range diags {
		if i == maxProblems {
			ps = append(ps, Problem{Message: more(len(diags) - maxProblems)})
			break
		}
		p := Problem{Pos: d.Pos.String(), Line: d.Pos.Line, Col: d.Pos.Col, Message: d.Message}
		if d.Pos.Line > 0 && d.Pos.Path != "" {
			lines, ok := files[d.Pos.Path]
			if !ok {
				lines = readLines(d.Pos.Path, folders)
				files[d.Pos.Path] = lines
			}
			p.Lines = snippet(lines, d.Pos.Line)
		}
		ps = append(ps, p)
	}
	return ps
}

func more(n int) string {
	if n == 1 {
		return "and 1 more problem (see the terminal)"
	}
	return fmt.Sprintf("and %d more problems (see the terminal)", n)
}

// problemFromError is the overlay entry for a failure that is not the
// content's fault, such as a file that could not be read.
func problemFromError(err error) Problem {
	return Problem{Message: err.Error()}
}

// readLines returns the lines of a file in one of folders, read through
// confine so that no link leads out, or nil if it cannot be read: the
// overlay then shows the message alone.
func readLines(path string, folders []string) []string {
	for _, dir := range folders {
		rel, err := filepath.Rel(dir, path)
		if err != nil || !filepath.IsLocal(rel) {
			continue
		}
		folder := confine.Open(dir, "")
		data, err := folder.ReadFile(filepath.ToSlash(rel))
		folder.Close()
		if err != nil {
			return nil
		}
		// Lines as load counts them, so that they match the positions.
		return strings.Split(strings.TrimSuffix(load.Text(string(data)), "\n"), "\n")
	}
	return nil
}

// snippet returns line (1-based) with contextLines on each side.
func snippet(lines []string, line int) []SnippetLine {
	if line < 1 || line > len(lines) {
		return nil
	}
	var out []SnippetLine
	for n := max(1, line-contextLines); n <= min(len(lines), line+contextLines); n++ {
		out = append(out, SnippetLine{N: n, Text: lines[n-1], Mark: n == line})
	}
	return out
}
