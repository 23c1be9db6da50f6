package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/dossier-dev/dossier/internal/extract"
	"github.com/dossier-dev/dossier/internal/passage"
	"github.com/dossier-dev/dossier/internal/site"
)

// runClean previews how a document would be cleaned into passages,
// before it is added: as a readable listing, or with --json as the
// object DESIGN.md specifies, for other tools.
func runClean(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("clean", stderr)
	asJSON := fs.Bool("json", false, "print the passages, footnotes and removed lines as one JSON object")
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return usageError(stderr, fs, "want: clean FILE (a PDF, a saved web page, Markdown or text)")
	}
	s, err := extract.Read(context.Background(), files[0])
	if err != nil {
		return err
	}
	first, err := textLine(s)
	if err != nil {
		return err
	}
	c := cleaned(s, passage.Normalise(s.Text, s.Rules), first)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(c)
	}
	c.print(stdout)
	return nil
}

// textLine is the line where a document's text starts in the file that
// counts: the document itself for Markdown and text, the file add would
// write for a PDF or a web page, whose front matter comes first.
func textLine(s *extract.Source) (int, error) {
	if s.Original == nil {
		return s.TextLine, nil
	}
	stem := strings.TrimSuffix(filepath.Base(s.Path), filepath.Ext(s.Path))
	data, err := s.File(stem, stem, time.Now())
	if err != nil {
		return 0, err
	}
	front := len(data) - len(s.Text)
	return 1 + bytes.Count(data[:front], []byte("\n")), nil
}

// cleanedDoc is the JSON of dossier clean.
type cleanedDoc struct {
	Source    string            `json:"source"`
	Format    string            `json:"format"`
	Passages  []cleanedPassage  `json:"passages"`
	Footnotes []cleanedFootnote `json:"footnotes"`
	Removed   []cleanedRemoval  `json:"removed"`
}

type cleanedPassage struct {
	Number    int      `json:"number"`
	ID        string   `json:"id"`
	Kind      string   `json:"kind"`
	Level     int      `json:"level,omitempty"`
	Lang      string   `json:"lang,omitempty"`
	Lines     [2]int   `json:"lines"`
	Pages     []int    `json:"pages,omitempty"`
	Text      string   `json:"text"`
	Footnotes []string `json:"footnotes,omitempty"`
}

type cleanedFootnote struct {
	Label string `json:"label"`
	Text  string `json:"text"`
	Lines [2]int `json:"lines"`
}

type cleanedRemoval struct {
	Line   int    `json:"line"`
	Text   string `json:"text"`
	Reason string `json:"reason"`
}

// cleaned is n as dossier clean shows it, with line numbers counted from
// first, the file line of the text's first line.
func cleaned(s *extract.Source, n site.Normalised, first int) cleanedDoc {
	line := func(body int) int { return first + body - 1 }
	lines := func(r site.LineRange) [2]int { return [2]int{line(r.First), line(r.Last)} }
	c := cleanedDoc{Source: s.Path, Format: s.Format, Passages: []cleanedPassage{}, Footnotes: []cleanedFootnote{}, Removed: []cleanedRemoval{}}
	for _, p := range n.Passages {
		cp := cleanedPassage{Number: p.Number, ID: p.ID, Kind: p.Kind.String(), Level: p.Level, Lang: p.Lang, Lines: lines(p.Lines), Text: p.Text}
		if p.Pages.First > 0 {
			cp.Pages = []int{p.Pages.First, p.Pages.Last}
		}
		for _, f := range p.Footnotes {
			cp.Footnotes = append(cp.Footnotes, f.Label)
		}
		c.Passages = append(c.Passages, cp)
	}
	for _, f := range n.Footnotes {
		c.Footnotes = append(c.Footnotes, cleanedFootnote{Label: f.Label, Text: f.Text, Lines: lines(f.Lines)})
	}
	for _, r := range n.Removed {
		c.Removed = append(c.Removed, cleanedRemoval{Line: line(r.Line), Text: r.Text, Reason: r.Reason})
	}
	return c
}

// print lists the cleaned document for a reader: each passage with its
// number, kind and lines, then the footnotes and the removed lines.
func (c cleanedDoc) print(w io.Writer) {
	fmt.Fprintf(w, "%s (%s): %d passages, %d footnotes, %d lines removed\n\n", c.Source, c.Format, len(c.Passages), len(c.Footnotes), len(c.Removed))
	for _, p := range c.Passages {
		head := fmt.Sprintf("¶%d", p.Number)
		if p.Kind != "paragraph" {
			head = p.Kind
		}
		if p.Kind == "heading" {
			head = fmt.Sprintf("heading %d", p.Level)
		}
		where := fmt.Sprintf("lines %d-%d", p.Lines[0], p.Lines[1])
		if p.Pages != nil {
			where += fmt.Sprintf(", pp. %d-%d", p.Pages[0], p.Pages[1])
		}
		fmt.Fprintf(w, "%s (%s)\n  %s\n", head, where, p.Text)
	}
	for _, f := range c.Footnotes {
		fmt.Fprintf(w, "footnote %s (lines %d-%d)\n  %s\n", f.Label, f.Lines[0], f.Lines[1], f.Text)
	}
	for _, r := range c.Removed {
		fmt.Fprintf(w, "removed line %d (%s): %s\n", r.Line, r.Reason, r.Text)
	}
}
