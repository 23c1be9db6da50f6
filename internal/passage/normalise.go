package passage

import (
	"strings"
	"unicode"

	"github.com/dossier-dev/dossier/internal/site"
)

// doc is a source body on its way to passages.
type doc struct {
	lines  []line
	format string
	notes  []note
	// anchors maps a line that gives a page's printed number (a page
	// number or page marker) to that number.
	anchors map[int]int
}

// Normalise cleans a source body (verbatim text, line 1 = first body line)
// into passages, footnotes and the list of removed lines. It is
// deterministic and accepts any input.
func Normalise(body string, rules site.CleaningRules) site.Normalised {
	d := &doc{lines: splitLines(body), anchors: map[int]int{}}
	d.applyDropKeep(rules)
	d.format = rules.Format
	if d.format != "pdf" && d.format != "markdown" && d.format != "plain" {
		d.format = detectFormat(d.lines)
	}
	if d.format == "markdown" {
		d.markdownComments()
	} else {
		d.findPageNumbers()
		d.removeRepeated()
	}
	d.removeBoilerplate()
	switch d.format {
	case "pdf":
		d.cleanPDF()
	case "markdown":
		d.cleanMarkdown()
	default:
		d.cleanPlain()
	}
	d.applyBreakJoin(rules)
	d.numberPages()
	return d.assemble()
}

var (
	mdHeading = newLazyRegexp(`^#{1,6}\s`)
	mdLink    = newLazyRegexp(`\]\([^)\s]*\)`)
)

// detectFormat tells Markdown by its headings and links, and text
// extracted from a PDF by its hard-wrapped lines: paragraphs many lines
// long with no blank lines between.
func detectFormat(lines []line) string {
	nonBlank, blocks, links := 0, 0, 0
	for i := range lines {
		l := &lines[i]
		if l.blank() {
			continue
		}
		if markdownLine(l.text) {
			return "markdown"
		}
		links += linkCount(l.text)
		nonBlank++
		if i == 0 || lines[i-1].blank() {
			blocks++
		}
	}
	switch {
	case links >= 2:
		return "markdown"
	case nonBlank >= 3*blocks && nonBlank >= 6:
		return "pdf"
	}
	return "plain"
}

// markdownLine reports whether s is a Markdown heading or comment. A
// pattern is run only on a line that starts as its lines do.
func markdownLine(s string) bool {
	return strings.HasPrefix(s, "#") && mdHeading.MatchString(s) || strings.HasPrefix(s, "<!--") && comment.MatchString(s)
}

// linkCount counts the Markdown links in s. The pattern is run only on
// a line with the "](" every link has.
func linkCount(s string) int {
	if !strings.Contains(s, "](") {
		return 0
	}
	return len(mdLink.FindAllStringIndex(s, -1))
}

// fold keeps the letters and digits of s in lower case, so that texts
// compare whatever their spacing, punctuation and line breaks.
func fold(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}
