package passage

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dossier-dev/dossier/internal/site"
)

// checkInvariants checks what every Normalised must satisfy: each
// non-blank line is a footnote's, a removed one, or else lies in exactly
// one passage's range; a footnote's range starts and ends with a line of
// its own; ranges are in bounds and in order; texts are valid and
// non-empty; spans, references, numbers and ids are consistent.
func checkInvariants(t *testing.T, body string, n site.Normalised) {
	t.Helper()
	lines := splitLines(body)
	owner := make([]string, len(lines)+1)
	claim := func(ln int, who string) {
		if ln < 1 || ln > len(lines) {
			t.Fatalf("%s: line %d out of 1..%d", who, ln, len(lines))
		}
		if owner[ln] != "" {
			t.Fatalf("line %d claimed by %s and %s", ln, owner[ln], who)
		}
		owner[ln] = who
	}
	for _, r := range n.Removed {
		claim(r.Line, "removed")
		if lines[r.Line-1].blank() {
			t.Errorf("blank line %d recorded as removed", r.Line)
		}
		if r.Reason == "" {
			t.Errorf("line %d removed without reason", r.Line)
		}
	}
	for _, f := range n.Footnotes {
		if f.Lines.First < 1 || f.Lines.First > f.Lines.Last {
			t.Fatalf("footnote %s: bad range %v", f.Label, f.Lines)
		}
		for ln := f.Lines.First; ln <= f.Lines.Last; ln++ {
			inside := ln != f.Lines.First && ln != f.Lines.Last
			if !lines[ln-1].blank() && !(inside && owner[ln] == "removed") {
				claim(ln, "footnote "+f.Label)
			}
		}
	}
	last := 0
	ids := map[string]bool{}
	number := 0
	for _, p := range n.Passages {
		if p.Lines.First <= last || p.Lines.First > p.Lines.Last {
			t.Fatalf("passage %s: range %v overlaps or is out of order", p.ID, p.Lines)
		}
		last = p.Lines.Last
		for ln := p.Lines.First; ln <= p.Lines.Last; ln++ {
			if ln > len(lines) {
				t.Fatalf("passage %s: line %d out of bounds", p.ID, ln)
			}
			if owner[ln] == "" && !lines[ln-1].blank() {
				owner[ln] = "passage"
			}
		}
		if p.Text == "" || !utf8.ValidString(p.Text) || strings.TrimSpace(p.Text) != p.Text {
			t.Errorf("passage %s: bad text %q", p.ID, p.Text)
		}
		if ids[p.ID] || p.ID == "" {
			t.Errorf("duplicate or empty id %q", p.ID)
		}
		ids[p.ID] = true
		if p.Kind == site.Heading {
			if p.Number != 0 || p.Level < 1 {
				t.Errorf("heading %s: number %d level %d", p.ID, p.Number, p.Level)
			}
		} else if number++; p.Number != number {
			t.Errorf("passage %s: number %d, want %d", p.ID, p.Number, number)
		}
		for _, s := range p.Emphasis {
			if s.Start < 0 || s.Start >= s.End || s.End > len(p.Text) {
				t.Errorf("passage %s: bad span %v", p.ID, s)
			}
		}
		for _, r := range p.Footnotes {
			if r.At < 0 || r.At > len(p.Text) {
				t.Errorf("passage %s: bad footnote ref %v", p.ID, r)
			}
		}
	}
	for ln := 1; ln <= len(lines); ln++ {
		if !lines[ln-1].blank() && owner[ln] == "" {
			t.Errorf("line %d lost: %q", ln, lines[ln-1].raw)
		}
	}
}
