package pdf

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden .md files in testdata")

// The test PDFs are printed from the HTML beside them by
// testdata/make (go run ./testdata/make); each .md is the text Read gives,
// reviewed by hand. report.pdf has a roman-numbered front page, an
// unnumbered page, alternating running heads, superscript footnotes (one
// running over a page), a paragraph running over a page, line-end hyphens
// of every kind, lists, a block quote, a table and ligature characters.
// columns.pdf has two columns around a full-width table, three columns on
// its second page, text running from column to column and page to page,
// and a soft hyphen. paper.pdf is a two-column paper with footnotes at the
// foot of its left column, beside the right one.
func TestReadGolden(t *testing.T) {
	needPoppler(t)
	for _, name := range []string{"report", "columns", "paper"} {
		t.Run(name, func(t *testing.T) {
			doc, err := Read(context.Background(), filepath.Join("testdata", name+".pdf"))
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", name+".md")
			if *update {
				if err := os.WriteFile(golden, []byte(doc.Text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Text != string(want) {
				t.Errorf("text differs from %s (run with -update and review the diff):\n%s", golden, doc.Text)
			}
		})
	}
}

// TestReadReport checks the points report.pdf was made to test, so that
// a golden file rewritten by mistake does not hide them.
func TestReadReport(t *testing.T) {
	needPoppler(t)
	doc, err := Read(context.Background(), filepath.Join("testdata", "report.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Pages != 5 {
		t.Errorf("Pages = %d, want 5", doc.Pages)
	}
	if doc.Meta.Title != "Water and Power: Annual Review" || doc.Meta.Language != "en-GB" || !strings.HasPrefix(doc.Meta.Extractor, "pdftohtml ") || !strings.HasSuffix(doc.Meta.Extractor, " (poppler)") {
		t.Errorf("Meta = %+v", doc.Meta)
	}
	lines := map[string]bool{}
	for _, l := range strings.Split(doc.Text, "\n\n") {
		lines[l] = true
	}
	for _, want := range []string{
		// Roman front matter, then arabic numbers, the missing one inferred.
		"<!-- page i -->", "<!-- page ii -->", "<!-- page 1 -->", "<!-- page 2 -->", "<!-- page 3 -->",
		// Alternating running heads and page numbers, kept as furniture.
		"<!-- furniture: ANNUAL REVIEW OF WATER AND POWER -->", "<!-- furniture: WATER AND POWER -->", "<!-- furniture: ii -->",
		"# Water and Power",
		"## 1 Introduction",
		// Line-end hyphens: compounds kept, broken words mended.
		"The government set out its plan in a white paper that the press soon called the so-called blue book. " +
			"It promised a register of every right, a review of the rules for planning new dams, and contracts between " +
			"operators and irrigation districts on the long-term sharing of water in a drought. Critics of the consortium, " +
			"which is Russian-led and runs the largest dam on the river, argued that the ministry and the government had " +
			"given away too much to the operators, and that the promised transition to shared management of the rivers " +
			"would take a decade or more to complete.",
		// A footnote running over a page is one definition.
		"[^2]: The draft budget for the coming year includes no line for the register, and the ministry told us that " +
			"the cost of surveying existing rights would exceed the whole of the sum set aside for water policy. <!-- continues on page 2 -->",
		"- a duty on operators to publish their release schedules a week ahead;",
		"- (a) to suspend a release schedule when the river falls below a level set for each season; and",
		"> We do not ask for the water. We ask to be told when it is coming, and how much of it, so that we can plant what the river will carry through the summer.",
		"1990\\. That was the year of the last general review of licences, and most of the rules it set still stand. The review after it was abandoned when the ministry was reorganised.[^3]",
		"\\#1 on every list of concerns was the upper valley, where the first dam was built and where the official figures show the largest flows held by a single operator.",
	} {
		if !lines[want] {
			t.Errorf("missing line %q", want)
		}
	}
	if !strings.Contains(doc.Text, "\n| Lower valley and the delta lakes | 310 | 18% |\n") {
		t.Error("the table's wrapped cell is not whole")
	}
	// The paragraph that runs over page 1 is whole, and marked.
	if !strings.Contains(doc.Text, "which gives them no power to change a licence once it has been granted. Three things would help: <!-- continues on page 2 -->") {
		t.Error("the paragraph running over pages 1 and 2 is not whole")
	}
	// Its footnotes follow it, before the page's footer and the next page.
	order := []string{"Three things would help:", "[^1]:", "[^2]:", "<!-- furniture: 1 -->", "<!-- page 2 -->", "- a register of every right"}
	last := -1
	for _, s := range order {
		i := strings.Index(doc.Text, s)
		if i < last {
			t.Errorf("%q comes before what should precede it", s)
		}
		last = i
	}
}

// TestReadPaper checks that footnotes at the foot of a column, beside a
// column that runs on, are found, and the text beside them kept whole.
func TestReadPaper(t *testing.T) {
	needPoppler(t)
	doc, err := Read(context.Background(), filepath.Join("testdata", "paper.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"\n[^1]: On the drafting history of the older agreements, see the survey by the commission secretariats, which collects the travaux préparatoires of each.\n",
		"\n[^2]: Two commissions revised their gauge records after the droughts; we use the revised series throughout.\n",
		"the agreement is tested at the moment it is least able to bear it.[^1]\n",
		"but not all of them.[^2]\n",
		"\nThese results come from six cases and should be read with care. They suggest, though, that the drafters of new agreements would do well to spend less effort on principles and more on the numbers that will be tested first.\n",
	} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("missing %q", want)
		}
	}
}

// TestReadLong reads a 30-page PDF, checks its pages, and that it takes
// well under the two seconds `dossier add` may take.
func TestReadLong(t *testing.T) {
	needPoppler(t)
	start := time.Now()
	doc, err := Read(context.Background(), filepath.Join("testdata", "long.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("reading 30 pages took %s", took)
	}
	if doc.Pages != 30 || strings.Count(doc.Text, "<!-- page ") != 30 || !strings.Contains(doc.Text, "<!-- page 30 -->") {
		t.Errorf("Pages = %d, page lines %d", doc.Pages, strings.Count(doc.Text, "<!-- page "))
	}
	if n := strings.Count(doc.Text, "\n[^"); n != 10 {
		t.Errorf("%d footnotes, want 10", n)
	}
	if n := strings.Count(doc.Text, "\n# "); n != 30 {
		t.Errorf("%d headings, want 30", n)
	}
	if n := strings.Count(doc.Text, "<!-- furniture: "); n != 60 {
		t.Errorf("%d furniture lines, want 60", n)
	}
}

func BenchmarkRead(b *testing.B) {
	needPoppler(b)
	for b.Loop() {
		if _, err := Read(context.Background(), filepath.Join("testdata", "long.pdf")); err != nil {
			b.Fatal(err)
		}
	}
}

func TestReadWithoutPoppler(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := Read(context.Background(), filepath.Join("testdata", "report.pdf"))
	if !errors.Is(err, ErrNoPoppler) || !strings.Contains(err.Error(), "apt-get install poppler-utils") {
		t.Errorf("err = %v, want ErrNoPoppler", err)
	}
}

func TestReadNotPDF(t *testing.T) {
	needPoppler(t)
	path := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(path, []byte("not a PDF"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(context.Background(), path); err == nil || !strings.Contains(err.Error(), "x.pdf") {
		t.Errorf("err = %v, want an error naming the file", err)
	}
}
