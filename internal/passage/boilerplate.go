package passage

import (
	"regexp"
	"strings"
	"unicode"
)

// Web pages and publishers wrap the author's text in lines of their own:
// comment forms, newsletter blurbs, syndication notes, an ISSN header, a
// byline, a "Keywords" heading whose keywords were lost. They are removed
// in every format, since a PDF or a Markdown file can carry them too.

// boilerplate matches whole lines that belong to the page, not the text.
var boilerplate = regexp.MustCompile(`(?i)^(?:` + strings.Join([]string{
	`leave a (?:reply|comment)`,
	`your email address will not be published`,
	`required fields are marked`,
	`click here to have .* newsletter`,
	`this site uses akismet`,
	`originally published (?:at|by|in|on) `,
	`issn \d{4}-\d{3}[\dx]$`,
	`share this:?$`,
	`like this:?$`,
	`related(?: posts| articles)?:?$`,
	`post navigation$`,
}, "|") + `)`)

// separator matches a line that only separates sections: "....", "---",
// "* * *".
var separator = regexp.MustCompile(`^(?:[.*_=~-]\s*){3,}$|^[…•·]+$`)

// keywords matches a "Keywords" label left without its keywords.
var keywords = regexp.MustCompile(`(?i)^key ?words:?$`)

// byline matches "By Deirdre Tynan" and "By Claudia Chia and Zheng Haiqi".
var byline = regexp.MustCompile(`^By\s+\p{Lu}[\p{L}.'’-]*(?:,?\s+(?:and\s+|&\s+)?\p{Lu}[\p{L}.'’-]*){0,7}$`)

// bylineWindow is how many non-blank lines from the top a byline may sit.
const bylineWindow = 10

// removeBoilerplate removes boilerplate, separators, orphan keyword labels
// and a byline near the top.
func (d *doc) removeBoilerplate() {
	seen := 0
	for i := range d.lines {
		l := &d.lines[i]
		if l.blank() {
			continue
		}
		seen++
		switch {
		case boilerplate.MatchString(l.text):
			d.remove(i, "web boilerplate")
		case separator.MatchString(l.text):
			d.remove(i, "separator")
		case keywords.MatchString(l.text):
			d.remove(i, "orphan keywords line")
		case seen <= bylineWindow && byline.MatchString(l.text):
			d.remove(i, "byline")
		}
	}
}

// removeAuthorLine removes the names under a title heading at the top of
// the text ("Claudia Chia and Zheng Haiqi"): the source's metadata carries
// them, and as a paragraph they would take ¶1.
func (d *doc) removeAuthorLine() {
	first := d.nextBody(-1)
	if first < 0 || d.lines[first].heading != 1 {
		return
	}
	if next := d.nextBody(first); next >= 0 && d.lines[next].heading == 0 && names(d.lines[next].text) {
		d.remove(next, "byline")
	}
}

// names reports whether s is a short list of capitalised names.
func names(s string) bool {
	words := strings.Fields(strings.ReplaceAll(s, ",", " "))
	if len(words) < 2 || len(words) > 10 || strings.ContainsAny(s, ".:;?!") {
		return false
	}
	for _, w := range words {
		if w != "and" && w != "&" && !unicode.IsUpper(firstLetter(w)) {
			return false
		}
	}
	return true
}

// nextBody returns the first body line after i, or -1.
func (d *doc) nextBody(i int) int {
	for j := i + 1; j < len(d.lines); j++ {
		if d.lines[j].body() {
			return j
		}
	}
	return -1
}
