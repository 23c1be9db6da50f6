package pdf

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// The cleaning corpus (testdata/cleaning, see its README) holds PDFs with
// the ground truth of their blocks. This test reads each PDF and scores
// the text against the truth, document by document: paragraph boundaries,
// headings, footnotes, furniture and pages. It prints the figures with -v
// and holds modest floors over the whole corpus, so that a change that
// helps one document and harms the rest shows.

var dump = flag.String("dump", "", "write the text read from each corpus PDF to this folder")

var corpusDir = filepath.Join("..", "..", "..", "testdata", "cleaning")

// A unit is a block of the truth or of the output.
type unit struct {
	kind  string // H, P, L, Q, T, B, F or X
	label string // a footnote's
	text  string
	page  string
}

// score holds the counts a document scores.
type score struct {
	boundTrue, boundOut, boundBoth int
	words, wordsFound              int
	units, unitsExact              int
	headings, headingsFound        int
	notes, notesFound              int
	furniture, furnitureFound      int
	pages, pagesRight              int
}

func (s *score) add(o score) {
	s.boundTrue += o.boundTrue
	s.boundOut += o.boundOut
	s.boundBoth += o.boundBoth
	s.words += o.words
	s.wordsFound += o.wordsFound
	s.units += o.units
	s.unitsExact += o.unitsExact
	s.headings += o.headings
	s.headingsFound += o.headingsFound
	s.notes += o.notes
	s.notesFound += o.notesFound
	s.furniture += o.furniture
	s.furnitureFound += o.furnitureFound
	s.pages += o.pages
	s.pagesRight += o.pagesRight
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func (s score) f1() float64 {
	p, r := ratio(s.boundBoth, s.boundOut), ratio(s.boundBoth, s.boundTrue)
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func TestCorpus(t *testing.T) {
	needPoppler(t)
	dirs, _ := filepath.Glob(filepath.Join(corpusDir, "pdf-*"))
	var total score
	n := 0
	for _, dir := range dirs {
		truth, err := os.ReadFile(filepath.Join(dir, "truth.txt"))
		if err != nil {
			continue
		}
		pdf := filepath.Join(dir, "original.pdf")
		if _, err := os.Stat(pdf); err != nil {
			continue
		}
		doc, err := Read(context.Background(), pdf)
		if err != nil {
			t.Errorf("%s: %v", dir, err)
			continue
		}
		if *dump != "" {
			if err := os.WriteFile(filepath.Join(*dump, filepath.Base(dir)+".md"), []byte(doc.Text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		s := scoreDoc(readTruth(string(truth)), readOutput(doc.Text))
		t.Logf("%-34s boundaries P %.2f R %.2f F1 %.2f | words %.3f | exact %d/%d | headings %d/%d | footnotes %d/%d | furniture %d/%d | pages %d/%d",
			filepath.Base(dir), ratio(s.boundBoth, s.boundOut), ratio(s.boundBoth, s.boundTrue), s.f1(),
			ratio(s.wordsFound, s.words), s.unitsExact, s.units, s.headingsFound, s.headings, s.notesFound, s.notes,
			s.furnitureFound, s.furniture, s.pagesRight, s.pages)
		total.add(s)
		n++
	}
	if n == 0 {
		t.Skip("no PDFs in the cleaning corpus")
	}
	t.Logf("%-34s boundaries P %.2f R %.2f F1 %.2f | words %.3f | exact %.2f | headings %.2f | footnotes %.2f | furniture %.2f | pages %.2f",
		"overall", ratio(total.boundBoth, total.boundOut), ratio(total.boundBoth, total.boundTrue), total.f1(),
		ratio(total.wordsFound, total.words), ratio(total.unitsExact, total.units), ratio(total.headingsFound, total.headings), ratio(total.notesFound, total.notes),
		ratio(total.furnitureFound, total.furniture), ratio(total.pagesRight, total.pages))
	floors := []struct {
		name       string
		got, floor float64
	}{
		{"paragraph boundary F1", total.f1(), 0.9},
		{"words found", ratio(total.wordsFound, total.words), 0.98},
		{"blocks read exactly", ratio(total.unitsExact, total.units), 0.8},
		{"heading recall", ratio(total.headingsFound, total.headings), 0.85},
		{"footnote recall", ratio(total.notesFound, total.notes), 0.9},
		{"furniture recall", ratio(total.furnitureFound, total.furniture), 0.9},
		{"start pages right", ratio(total.pagesRight, total.pages), 0.9},
	}
	for _, f := range floors {
		if f.got < f.floor {
			t.Errorf("%s over the corpus is %.3f, below its floor %.2f", f.name, f.got, f.floor)
		}
	}
}

var (
	truthLine = regexp.MustCompile(`^(H[1-6]|[PLQTBFX]) (.*?)(?: @p(\S+))?$`)
	truthNote = regexp.MustCompile(`^(\S+) (.*)$`)
)

// readTruth reads a truth.txt.
func readTruth(s string) []unit {
	var out []unit
	for l := range strings.Lines(s) {
		m := truthLine.FindStringSubmatch(strings.TrimRight(l, "\n"))
		if m == nil {
			continue
		}
		u := unit{kind: m[1][:1], text: m[2], page: m[3]}
		if u.kind == "F" {
			if n := truthNote.FindStringSubmatch(u.text); n != nil {
				u.label, u.text = n[1], n[2]
			}
		}
		out = append(out, u)
	}
	return out
}

var (
	pageMark   = regexp.MustCompile(`^<!-- page (\S+) -->$`)
	furnMark   = regexp.MustCompile(`^<!-- furniture: (.*) -->$`)
	continues  = regexp.MustCompile(` <!-- continues on page \S+ -->$`)
	noteDef    = regexp.MustCompile(`^\[\^([^\]]+)\]: (.*)$`)
	noteRef    = regexp.MustCompile(`\[\^[^\]]+\]`)
	itemMarker = regexp.MustCompile(`^(?:- |(\d+)\. )`)
	keySuffix  = regexp.MustCompile(`-\d+$`)
)

// readOutput reads the text Read returns into units, in the convention
// of the package documentation.
func readOutput(s string) []unit {
	var out []unit
	page := ""
	for _, el := range strings.Split(strings.TrimSpace(s), "\n\n") {
		if m := pageMark.FindStringSubmatch(el); m != nil {
			page = m[1]
			continue
		}
		if m := furnMark.FindStringSubmatch(el); m != nil {
			out = append(out, unit{kind: "X", text: m[1], page: page})
			continue
		}
		el = continues.ReplaceAllString(el, "")
		if m := noteDef.FindStringSubmatch(el); m != nil {
			out = append(out, unit{kind: "F", label: keySuffix.ReplaceAllString(m[1], ""), text: m[2], page: page})
			continue
		}
		el = noteRef.ReplaceAllString(el, "")
		u := unit{kind: "P", text: el, page: page}
		switch {
		case strings.HasPrefix(el, "#"):
			u.kind, u.text = "H", strings.TrimLeft(el, "# ")
		case strings.HasPrefix(el, "|"):
			u.kind = "T"
		case strings.HasPrefix(el, "> "):
			u.kind, u.text = "Q", el[2:]
		case itemMarker.MatchString(el):
			m := itemMarker.FindStringSubmatch(el)
			u.kind, u.text = "L", el[len(m[0]):]
			if m[1] != "" {
				u.text = m[1] + ". " + u.text
			}
		}
		u.text = strings.TrimPrefix(u.text, `\`)
		u.text = strings.Replace(u.text, `\.`, ".", 1)
		out = append(out, u)
	}
	return out
}

// words splits text into the words scoring compares: case-folded runs of
// letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func body(u unit) bool { return u.kind != "F" && u.kind != "X" }

// scoreDoc compares the output's units with the truth's.
func scoreDoc(truth, out []unit) score {
	var s score
	// The body's words, aligned; a unit's first word marks a boundary.
	type word struct {
		w     string
		start bool
		unit  int
	}
	flat := func(units []unit) []word {
		var ws []word
		for i, u := range units {
			if !body(u) {
				continue
			}
			for j, w := range words(u.text) {
				ws = append(ws, word{w, j == 0, i})
			}
		}
		return ws
	}
	tw, ow := flat(truth), flat(out)
	match := align(len(tw), len(ow), func(i, j int) bool { return tw[i].w == ow[j].w })
	s.words = len(tw)
	firstMatch := map[int]int{} // truth unit -> output unit of its first matched word
	for i, j := range match {
		if j < 0 {
			continue
		}
		s.wordsFound++
		if tw[i].start {
			s.boundTrue++
			if ow[j].start {
				s.boundBoth++
			}
		}
		if ow[j].start {
			s.boundOut++
		}
		if _, ok := firstMatch[tw[i].unit]; !ok {
			firstMatch[tw[i].unit] = ow[j].unit
		}
	}
	for i, u := range truth {
		if body(u) && u.kind != "T" {
			s.units++
			for _, o := range out {
				if body(o) && strings.Join(strings.Fields(o.text), " ") == strings.Join(strings.Fields(u.text), " ") {
					s.unitsExact++
					break
				}
			}
		}
		switch {
		case u.kind == "H":
			s.headings++
			for _, o := range out {
				if o.kind == "H" && same(o.text, u.text) {
					s.headingsFound++
					break
				}
			}
		case u.kind == "F":
			s.notes++
			for _, o := range out {
				if o.kind == "F" && o.label == u.label && same(o.text, u.text) {
					s.notesFound++
					break
				}
			}
		case u.kind == "X":
			s.furniture++
			for k, o := range out {
				if o.kind == "X" && same(o.text, u.text) {
					s.furnitureFound++
					out[k].kind = "X-used"
					break
				}
			}
		}
		if u.page != "" && body(u) {
			s.pages++
			if j, ok := firstMatch[i]; ok && out[j].page == u.page {
				s.pagesRight++
			}
		}
	}
	return s
}

func same(a, b string) bool {
	return strings.Join(words(a), " ") == strings.Join(words(b), " ")
}

// align returns, for each of n items, the index of the item of m it is
// matched with in a longest common subsequence, or -1.
func align(n, m int, eq func(i, j int) bool) []int {
	// lcs[i][j] is the length of the LCS of the suffixes from i and j.
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if eq(i, j) {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	out := make([]int, n)
	i, j := 0, 0
	for i < n {
		switch {
		case j < m && eq(i, j) && lcs[i][j] == lcs[i+1][j+1]+1:
			out[i] = j
			i++
			j++
		case j < m && lcs[i][j+1] >= lcs[i+1][j]:
			j++
		default:
			out[i] = -1
			i++
		}
	}
	return out
}

// needPoppler skips a test when pdftohtml is not installed, except on CI,
// where its absence is a failure.
func needPoppler(t testing.TB) {
	t.Helper()
	if _, err := lookPoppler(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
}
