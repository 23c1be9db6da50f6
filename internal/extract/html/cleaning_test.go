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

	"go.yaml.in/yaml/v3"
)

// TestCleaningCorpus reads the saved web pages of the team's cleaning
// corpus (testdata/cleaning/html-*/original.html at the repository's
// root) and scores them against their ground truth: the share of
// content blocks (H, P, L, Q, T and F lines) found whole in the text,
// the share of boilerplate lines (B) left out of it, and the metadata
// fields that agree with meta.yaml. Words are
// compared case-folded, without punctuation or Markdown markup. The
// floors are modest: the corpus measures the reader, it is not what the
// reader was written against.
func TestCleaningCorpus(t *testing.T) {
	pages, _ := filepath.Glob("../../../testdata/cleaning/html-*/original.html")
	if len(pages) == 0 {
		t.Skip("no saved pages in testdata/cleaning")
	}
	const recallFloor, removedFloor, metaFloor = 0.9, 0.9, 0.8
	var found, content, removed, boiler, metaAgree, metaFields int
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
		agree, fields, wrong := compareMeta(doc.Meta, filepath.Join(dir, "meta.yaml"))
		metaAgree += agree
		metaFields += fields
		t.Logf("%-24s metadata %d/%d fields agree%s", name, agree, fields, wrong)
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
	t.Logf("%-24s metadata %d/%d fields agree", "overall", metaAgree, metaFields)
	if r := float64(metaAgree) / float64(metaFields); r < metaFloor {
		t.Errorf("metadata agreement %.3f, below %.2f", r, metaFloor)
	}
	if r := float64(found) / float64(content); r < recallFloor {
		t.Errorf("content recall %.3f, below %.2f", r, recallFloor)
	}
	if r := float64(removed) / float64(boiler); r < removedFloor {
		t.Errorf("boilerplate removed %.3f, below %.2f", r, removedFloor)
	}
}

// compareMeta compares metadata with a page's meta.yaml: title,
// authors, date, URL, language (its primary subtag) and publisher (the
// site's name or the publisher's). It returns the fields that agree, the
// fields compared and a note of those that do not.
func compareMeta(m Meta, path string) (agree, fields int, wrong string) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return 0, 0, " (no meta.yaml)"
	}
	var want struct{ Title, Author, Date, Site, Publisher, URL, Language string }
	if err := yaml.Unmarshal(raw, &want); err != nil {
		return 0, 0, " (" + err.Error() + ")"
	}
	check := func(field, got string, ok bool) {
		fields++
		if ok {
			agree++
		} else {
			wrong += fmt.Sprintf("; %s %q", field, got)
		}
	}
	authors := strings.Join(m.Authors, "; ")
	if authors == "" {
		authors = "unknown"
	}
	check("title", m.Title, m.Title == want.Title)
	check("authors", authors, authors == want.Author)
	check("date", m.Date, m.Date == want.Date)
	check("url", m.URL, m.URL == want.URL)
	check("language", m.Language, m.Language == language(want.Language))
	check("publisher", m.Publisher, m.Publisher == want.Site || m.Publisher == want.Publisher)
	return agree, fields, wrong
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
