package cleaningscore

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dossier-dev/dossier/internal/site"
)

func TestParse(t *testing.T) {
	blocks, err := Parse([]byte("B Home › News\n\nH1 The ﬁrst title @p3\r\nF 1 A note @p4 here.\nX 4\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Block{
		{Tag: "B", Text: "Home › News"},
		{Tag: "H1", Text: "The ﬁrst title", Page: 3},
		{Tag: "F", Text: "1 A note @p4 here."},
		{Tag: "X", Text: "4"},
	}
	if !reflect.DeepEqual(blocks, want) {
		t.Errorf("blocks %+v\nwant %+v", blocks, want)
	}
	if _, err := Parse([]byte("P One\nP Two, wrapped\nthree.\n")); err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("err = %v, want line 3 rejected", err)
	}
}

func TestWords(t *testing.T) {
	for in, want := range map[string][]string{
		"The ﬁrst, Russian-led “test”.": {"the", "first", "russianled", "test"},
		"###":                           {"###"},
		"a | b || c":                    {"a", "b", "c"},
	} {
		if got := Words(in); !reflect.DeepEqual(got, want) {
			t.Errorf("Words(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestScore(t *testing.T) {
	truth := []Block{
		{Tag: "B", Text: "Home › News"},
		{Tag: "H1", Text: "The ﬁrst title", Page: 3},
		{Tag: "P", Text: "One two three, four.", Page: 3},
		{Tag: "P", Text: "Five six-seven eight.", Page: 4},
		{Tag: "F", Text: "1 A note here."},
		{Tag: "X", Text: "4"},
		{Tag: "L", Text: "Nine ten.", Page: 5},
	}
	n := site.Normalised{
		Passages: []site.Passage{
			{Kind: site.Heading, Level: 1, Text: "The first title", Pages: site.PageRange{First: 3, Last: 3}},
			// Two paragraphs run together, and the page number kept.
			{Text: "One two three, four. Five sixseven eight. 4", Pages: site.PageRange{First: 3, Last: 4}},
			{Text: "Nine ten."},
		},
		Footnotes: []site.Footnote{{Label: "1", Text: "A note here."}},
	}
	r := Score(truth, n)
	r.Misses = nil
	want := Result{
		Boundaries: 4, Starts: 3, Matched: 3,
		Headings: 1, HeadingsFound: 1,
		Boilerplate: 2, BoilerplateRemoved: 1,
		Footnotes: 1, FootnotesFound: 1,
		Pages: 4, PagesRight: 3,
	}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("Score = %+v\nwant %+v", r, want)
	}
	if p, rc := r.Precision(), r.Recall(); p != 1 || rc != 0.75 || r.F1() < 0.857 || r.F1() > 0.858 {
		t.Errorf("precision %v recall %v F1 %v", p, rc, r.F1())
	}
}

func TestScoreFootnoteInPassage(t *testing.T) {
	truth := []Block{{Tag: "P", Text: "Body text here."}, {Tag: "F", Text: "2 The note text is long enough."}}
	n := site.Normalised{Passages: []site.Passage{{Text: "Body text here. The note text is long enough."}}}
	if r := Score(truth, n); r.Footnotes != 1 || r.FootnotesFound != 0 || len(r.Misses) != 1 {
		t.Errorf("Score = %+v", r)
	}
}

func TestLost(t *testing.T) {
	body := "a\n\nb\r\nc\nd\n"
	n := site.Normalised{
		Passages:  []site.Passage{{Lines: site.LineRange{First: 1, Last: 3}}},
		Footnotes: []site.Footnote{{Lines: site.LineRange{First: 5, Last: 5}}},
	}
	if got := Lost(body, n); got != 1 {
		t.Errorf("Lost = %d, want 1 (line 4)", got)
	}
}

func TestTable(t *testing.T) {
	out := Table([]Row{{Name: "doc", Result: Result{Boundaries: 2, Starts: 2, Matched: 1}}})
	if !strings.Contains(out, "doc") || !strings.Contains(out, "overall") || !strings.Contains(out, "0.50") {
		t.Errorf("table:\n%s", out)
	}
}
