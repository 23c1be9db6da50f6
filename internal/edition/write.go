package edition

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Write prints the report as `dossier changes` does: a first line naming
// the two editions, then one line per change, sections in the order
// notes, judgements, sources, drift, each sorted as Report is:
//
//	edition: 2026-11 -> 2026-12 (2nd)
//	notes: changed notes/x.md "Title": text, confidence moderate -> high
//	judgements: changed 2 "Headline": confidence likely -> almost certainly
//	sources: revised tynan-2013 "Title": 1 passage changed, 0 added, 1 removed
//	drift: moved notes/x.md:12:5 [[tynan-2013#"words"]] ¶3 -> ¶5
//
// A report with no change says so on a second line.
func Write(w io.Writer, r *Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "edition: %s -> %s\n", EditionName(r.Since), EditionName(r.Now))
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "notes: %s %s %q", n.Change, n.Note.Path, n.Note.Title)
		if len(n.Details) > 0 {
			fmt.Fprintf(&b, ": %s", strings.Join(n.Details, ", "))
		}
		b.WriteByte('\n')
	}
	for _, j := range r.Judgements {
		fmt.Fprintf(&b, "judgements: %s %d %q", j.Change, j.Number, j.Headline)
		if d := j.Details(); d != "" {
			fmt.Fprintf(&b, ": %s", d)
		}
		b.WriteByte('\n')
	}
	for _, s := range r.Sources {
		fmt.Fprintf(&b, "sources: %s %s %q", s.Change, s.Key, s.Title)
		if s.Change == Revised {
			fmt.Fprintf(&b, ": %s", s.Counts())
		}
		b.WriteByte('\n')
	}
	for _, d := range r.Drift {
		c := d.Citation
		fmt.Fprintf(&b, "drift: %s %s:%d:%d", d.Kind, c.Document, c.Line, c.Col)
		if c.Judgement > 0 {
			fmt.Fprintf(&b, " judgement %d", c.Judgement)
		}
		fmt.Fprintf(&b, " [[%s#%q]] %s -> %s\n", c.Source, c.Quote, Mark(c.Number), d.Where())
	}
	if r.Empty() {
		b.WriteString("no changes\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// EditionName is an edition's name as reports show it.
func EditionName(name string) string {
	if name == "" {
		return "(unnamed edition)"
	}
	return name
}

// Details says what changed in a changed judgement: its number, text and
// confidence words.
func (j JudgementChange) Details() string {
	var parts []string
	if j.Change == Changed && j.Was != j.Number {
		parts = append(parts, "was "+strconv.Itoa(j.Was))
	}
	if j.Text {
		parts = append(parts, "text")
	}
	if j.Confidence {
		parts = append(parts, "confidence "+words(j.Before)+" -> "+words(j.After))
	}
	return strings.Join(parts, ", ")
}

func words(ws []string) string {
	if len(ws) == 0 {
		return "none"
	}
	return strings.Join(ws, "; ")
}

// Counts says how many passages of a revised source changed, were added
// and were removed.
func (s SourceChange) Counts() string {
	return fmt.Sprintf("%d %s changed, %d added, %d removed", s.Changed, plural(s.Changed, "passage", "passages"), s.Added, s.Removed)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Mark is a passage's number as citation marks show it: ¶12, or
// "heading" for a heading, which has none.
func Mark(number int) string {
	if number == 0 {
		return "heading"
	}
	return "¶" + strconv.Itoa(number)
}

// Where says where the cited words are now: the passages that hold them
// or took the cited one's place, or that it is gone.
func (d Drift) Where() string {
	switch {
	case d.SourceGone:
		return "source gone"
	case d.Kind == Gone:
		return "passage gone"
	}
	marks := make([]string, len(d.Now))
	for i, p := range d.Now {
		marks[i] = Mark(p.Number)
	}
	s := strings.Join(marks, ", ")
	if d.Kind == Reworded {
		s += " (words not found)"
	}
	return s
}
