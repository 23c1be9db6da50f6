package extract

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/dossier-dev/dossier/internal/cleaningscore"
	"github.com/dossier-dev/dossier/internal/passage"
)

// The cleaning corpus: documents of every kind dossier takes, each with
// a truth written by hand before any cleaner saw it.
const corpusDir = "../../testdata/cleaning"

// corpusFloors are what add must reach on the whole corpus, from the
// document as the analyst has it to passages: extraction and cleaning
// together. Raise them as the work improves; never lower them to make a
// change pass.
var corpusFloors = struct{ f1, headings, boilerplate, footnotes, pages, documentF1 float64 }{
	f1: 0.95, headings: 0.95, boilerplate: 0.95, footnotes: 0.90, pages: 0.95, documentF1: 0.90,
}

// TestCorpus adds every document of the corpus as dossier add does and
// scores the passages against the truth, printing a table of figures per
// document (go test -v -run TestCorpus ./internal/extract).
func TestCorpus(t *testing.T) {
	if _, err := exec.LookPath("pdftohtml"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftohtml is missing: install poppler-utils")
		}
		t.Skip("pdftohtml is missing: install poppler-utils to read the corpus PDFs")
	}
	dirs, err := filepath.Glob(filepath.Join(corpusDir, "*", "truth.txt"))
	if err != nil || len(dirs) < 16 {
		t.Fatalf("want at least 16 documents in %s, found %d (%v)", corpusDir, len(dirs), err)
	}
	var rows []cleaningscore.Row
	for _, truthFile := range dirs {
		dir := filepath.Dir(truthFile)
		originals, _ := filepath.Glob(filepath.Join(dir, "original.*"))
		if len(originals) != 1 {
			t.Fatalf("%s: want one original.*, found %v", dir, originals)
		}
		data, err := os.ReadFile(truthFile)
		if err != nil {
			t.Fatal(err)
		}
		truth, err := cleaningscore.Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", truthFile, err)
		}
		s, err := Read(context.Background(), originals[0])
		if err != nil {
			t.Fatalf("%s: %v", originals[0], err)
		}
		n := passage.Normalise(s.Text, s.Rules)
		r := cleaningscore.Score(truth, n)
		if r.Lost = cleaningscore.Lost(s.Text, n); r.Lost > 0 {
			t.Errorf("%s: %d lines lost", dir, r.Lost)
		}
		if r.F1() < corpusFloors.documentF1 {
			t.Errorf("%s: paragraph-boundary F1 %s, below the floor %s", dir, pct(r.F1()), pct(corpusFloors.documentF1))
		}
		rows = append(rows, cleaningscore.Row{Name: filepath.Base(dir), Result: r})
	}
	t.Log("\n" + cleaningscore.Table(rows))
	var all cleaningscore.Result
	for _, row := range rows {
		all = all.Add(row.Result)
	}
	for _, f := range []struct {
		name       string
		got, floor float64
	}{
		{"paragraph-boundary F1", all.F1(), corpusFloors.f1},
		{"heading recall", all.HeadingRecall(), corpusFloors.headings},
		{"boilerplate removed", all.BoilerplateRecall(), corpusFloors.boilerplate},
		{"footnote recall", all.FootnoteRecall(), corpusFloors.footnotes},
		{"pages right", all.PageAccuracy(), corpusFloors.pages},
	} {
		if f.got < f.floor {
			t.Errorf("overall %s %s, below the floor %s", f.name, pct(f.got), pct(f.floor))
		}
	}
}

func pct(x float64) string { return fmt.Sprintf("%.1f%%", 100*x) }
