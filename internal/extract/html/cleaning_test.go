package html

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
)

// TestCleaningCorpus reads the saved web pages of the team's cleaning
// corpus (testdata/cleaning/html-*/original.html at the repository's
// root) and scores the text against their ground truth: the share of
// content blocks (H, P, L, Q, T and F lines) found whole in the text,
// and the share of boilerplate lines (B) left out of it. Words are
// compared case-folded, without punctuation or Markdown markup. The
// floors are modest: the corpus measures the reader, it is not what the
// reader was written against.
func TestCleaningCorpus(t *testing.T) {
	pages, _ := filepath.Glob("../../../testdata/cleaning/html-*/original.html")
	if len(pages) == 0 {
		t.Skip("no saved pages in testdata/cleaning")
	}
	const recallFloor, removedFloor = 0.9, 0.9
	var found, content, removed, boiler int
	for _, page := range pages {
		dir := filepath.Dir(page)
		name := filepath.Base(dir)
		truth, err := readTruth(filepath.Join(dir, "truth.txt"))
		if err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(page)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := Read(f, "")
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		s := score(doc.Text, truth)
		found += s.found
		content += s.content
		removed += s.removed
		boiler += s.boiler
		t.Logf("%-24s content recall %3d/%-3d %5.1f%%   boilerplate removed %3d/%-3d %5.1f%%",
			name, s.found, s.content, pct(s.found, s.content), s.removed, s.boiler, pct(s.removed, s.boiler))
		for _, m := range s.missing {
			t.Logf("    missing %s", m)
		}
		for _, l := range s.leaked {
			t.Logf("    kept    %s", l)
		}
	}
	t.Logf("%-24s content recall %3d/%-3d %5.1f%%   boilerplate removed %3d/%-3d %5.1f%%",
		"overall", found, content, pct(found, content), removed, boiler, pct(removed, boiler))
	if r := float64(found) / float64(content); r < recallFloor {
		t.Errorf("content recall %.3f, below %.2f", r, recallFloor)
	}
	if r := float64(removed) / float64(boiler); r < removedFloor {
		t.Errorf("boilerplate removed %.3f, below %.2f", r, removedFloor)
	}
}

// truthLine is one block of a ground truth: its tag (H1, P, B, ...) and
// text.
type truthLine struct{ tag, text string }

// readTruth reads a truth.txt file.
func readTruth(path string) ([]truthLine, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var lines []truthLine
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		tag, text, ok := strings.Cut(sc.Text(), " ")
		if !ok {
			continue
		}
		if tag == "F" {
			_, text, _ = strings.Cut(text, " ") // the label
		}
		lines = append(lines, truthLine{tag, strings.TrimSpace(pageMark.ReplaceAllString(text, ""))})
	}
	return lines, sc.Err()
}

var (
	pageMark   = regexp.MustCompile(`\s@p\S+$`)
	linkTarget = regexp.MustCompile(`\]\([^)\s]*\)`)
	noteMark   = regexp.MustCompile(`\[\^[^\]\s]*\]:?`)
	itemNumber = regexp.MustCompile(`(?m)^[ >]*\d+\\?\.\s`)
)

// scores are the counts of one page.
type scores struct {
	found, content, removed, boiler int
	missing, leaked                 []string
}

// score compares a text with its ground truth.
func score(text string, truth []truthLine) scores {
	text = itemNumber.ReplaceAllString(noteMark.ReplaceAllString(linkTarget.ReplaceAllString(text, "]"), ""), "")
	out := " " + words(text) + " "
	var body strings.Builder
	for _, l := range truth {
		if l.tag != "B" && l.tag != "X" {
			body.WriteString(" " + words(l.text) + " |")
		}
	}
	var s scores
	for _, l := range truth {
		w := " " + words(l.text) + " "
		switch {
		case w == "  " || l.tag == "X":
		case l.tag == "B":
			s.boiler++
			// A line of boilerplate may read like a phrase of the text
			// ("Spain"): it is left out when the text holds it no more
			// often than the content does.
			if strings.Count(out, w) <= strings.Count(body.String(), w) {
				s.removed++
			} else {
				s.leaked = append(s.leaked, l.text)
			}
		default:
			s.content++
			if strings.Contains(out, w) {
				s.found++
			} else {
				s.missing = append(s.missing, l.tag+" "+l.text)
			}
		}
	}
	return s
}

// words returns the words of s, case-folded, separated by single
// spaces.
func words(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
}

func pct(a, b int) float64 {
	if b == 0 {
		return 100
	}
	return 100 * float64(a) / float64(b)
}

func TestScore(t *testing.T) {
	truth := []truthLine{{"H1", "A title"}, {"P", "Some text, here."}, {"L", "an item"}, {"B", "Share"}, {"B", "text"}, {"F", "The note."}}
	s := score("# A title\n\nSome *text*, [here](https://x.org/a).[^1]\n\n1. an item\n\nShare\n\n[^1]: The note.\n", truth)
	if s.found != 4 || s.content != 4 || s.removed != 1 || s.boiler != 2 {
		t.Errorf("%+v", s)
	}
	if got := fmt.Sprint(s.leaked); got != "[Share]" {
		t.Errorf("leaked %s", got)
	}
}
