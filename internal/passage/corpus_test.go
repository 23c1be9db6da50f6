package passage

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dossier-dev/dossier/internal/cleaningscore"
	"github.com/dossier-dev/dossier/internal/site"
)

// corpusDir holds the cleaning corpus: documents with a hand-made truth.
// The text extracts (txt-*) are cleaned here; the PDFs and web pages go
// through their extractors first, and are scored with them.
const corpusDir = "../../testdata/cleaning"

// Floors for the text extracts, overall and for each document. The
// issue's targets are F1 0.95, boilerplate 95%, headings 90% and
// footnotes 95%; raise the floors as cleaning gets better, never lower
// them to make a change pass.
var corpusFloors = struct {
	f1, headings, boilerplate, footnotes, pages float64
}{f1: 0.95, headings: 0.95, boilerplate: 0.95, footnotes: 0.95, pages: 0.95}

var documentFloors = struct {
	f1, headings, boilerplate, footnotes, pages float64
}{f1: 0.90, headings: 0.90, boilerplate: 0.95, footnotes: 0.95, pages: 0.95}

func TestCorpus(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join(corpusDir, "txt-*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) == 0 {
		t.Skip("no text documents in " + corpusDir)
	}
	var rows []cleaningscore.Row
	for _, dir := range dirs {
		body, err := os.ReadFile(filepath.Join(dir, "original.txt"))
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(dir, "truth.txt"))
		if err != nil {
			t.Fatal(err)
		}
		truth, err := cleaningscore.Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		n := Normalise(string(body), site.CleaningRules{})
		checkInvariants(t, string(body), n)
		r := cleaningscore.Score(truth, n)
		r.Lost = cleaningscore.Lost(string(body), n)
		name := filepath.Base(dir)
		for _, m := range r.Misses {
			t.Logf("%s: %s", name, m)
		}
		rows = append(rows, cleaningscore.Row{Name: name, Result: r})
	}
	t.Log("\n" + cleaningscore.Table(rows))

	var total cleaningscore.Result
	for _, row := range rows {
		total = total.Add(row.Result)
	}
	for k, row := range append(rows, cleaningscore.Row{Name: "overall", Result: total}) {
		r, floors := row.Result, documentFloors
		if k == len(rows) {
			floors = corpusFloors
		}
		for _, c := range []struct {
			what       string
			got, floor float64
		}{
			{"boundary F1", r.F1(), floors.f1},
			{"heading recall", r.HeadingRecall(), floors.headings},
			{"boilerplate recall", r.BoilerplateRecall(), floors.boilerplate},
			{"footnote recall", r.FootnoteRecall(), floors.footnotes},
			{"page accuracy", r.PageAccuracy(), floors.pages},
		} {
			if c.got < c.floor {
				t.Errorf("%s: %s %.2f, below the floor %.2f", row.Name, c.what, c.got, c.floor)
			}
		}
		if r.Lost > 0 {
			t.Errorf("%s: %d lines lost", row.Name, r.Lost)
		}
	}
}
