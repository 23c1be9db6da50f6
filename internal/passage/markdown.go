package passage

import (
	"regexp"
	"strings"

	"github.com/dossier-dev/dossier/internal/site"
)

// Markdown sources keep their structure in markup: "#" headings, "> "
// quotes, list items, "*emphasis*" and links. The markup is turned into
// passage kinds and emphasis spans and removed from the text. Links keep
// their text only: in extracted briefs most targets are "#", the link
// having been lost.

var (
	atxHeading = regexp.MustCompile(`^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$`)
	quoteLine  = regexp.MustCompile(`^>\s?`)
	listItem   = regexp.MustCompile(`^(?:[-+*]|\d{1,3}[.)])\s+\S`)
)

// cleanMarkdown recognises Markdown block structure.
func (d *doc) cleanMarkdown() {
	top := 7
	for i := range d.lines {
		if m := atxHeading.FindStringSubmatch(d.lines[i].text); m != nil && d.lines[i].body() {
			top = min(top, len(m[1]))
		}
	}
	for i := range d.lines {
		l := &d.lines[i]
		if !l.body() {
			continue
		}
		if m := atxHeading.FindStringSubmatch(l.text); m != nil {
			l.heading = len(m[1]) - top + 1
			l.text = m[2]
			if l.text == "" {
				d.remove(i, "empty heading")
			}
			continue
		}
		if quoteLine.MatchString(l.text) {
			l.quote = true
			l.text = strings.TrimSpace(quoteLine.ReplaceAllString(l.text, ""))
		}
		if listItem.MatchString(l.text) {
			l.start = true
		}
	}
	d.removeAuthorLine()
	d.blockBreaks()
}

// inline turns Markdown inline markup into plain text and the spans of its
// emphasis.
func inline(s string) (string, []site.Span) {
	return emphasis(links(s))
}

// links replaces each link by its text, and each image by its alt text.
func links(s string) string {
	var b []byte
	for i := 0; i < len(s); {
		if s[i] == '[' {
			if label, end, ok := link(s, i); ok {
				if len(b) > 0 && b[len(b)-1] == '!' {
					b = b[:len(b)-1]
				}
				b = append(b, links(label)...)
				i = end
				continue
			}
		}
		b = append(b, s[i])
		i++
	}
	return string(b)
}

// link parses a "[label](target)" starting at s[i] and returns its label
// and the index after it.
func link(s string, i int) (label string, end int, ok bool) {
	close := matching(s, i, '[', ']')
	if close < 0 || close+1 >= len(s) || s[close+1] != '(' {
		return "", 0, false
	}
	paren := matching(s, close+1, '(', ')')
	if paren < 0 {
		return "", 0, false
	}
	return s[i+1 : close], paren + 1, true
}

// matching returns the index of the bracket closing the one at s[i], or -1.
func matching(s string, i int, open, close byte) int {
	depth := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case open:
			depth++
		case close:
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}

// emphasis removes "*", "**" and "***" around emphasised words and returns
// the spans they covered. "\*" is a literal asterisk; an asterisk that
// opens nothing stays as written.
func emphasis(s string) (string, []site.Span) {
	var b []byte
	var spans []site.Span
	open := -1    // where the open emphasis starts in b
	openRun := "" // its delimiter
	for i := 0; i < len(s); {
		if s[i] == '\\' && i+1 < len(s) && s[i+1] == '*' {
			b = append(b, '*')
			i += 2
			continue
		}
		if s[i] != '*' {
			b = append(b, s[i])
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] == '*' {
			j++
		}
		run := s[i:j]
		before, after := byte(' '), byte(' ')
		if i > 0 {
			before = s[i-1]
		}
		if j < len(s) {
			after = s[j]
		}
		switch {
		case open < 0 && len(run) <= 3 && after != ' ' && closes(s[j:], run):
			open, openRun = len(b), run
		case open >= 0 && run == openRun && before != ' ' && len(b) > open:
			spans = append(spans, site.Span{Start: open, End: len(b)})
			open = -1
		default:
			b = append(b, run...)
		}
		i = j
	}
	if open >= 0 {
		// Never closed after all: the delimiter was text.
		b = append(b[:open], append([]byte(openRun), b[open:]...)...)
	}
	return string(b), spans
}

// closes reports whether rest holds a delimiter run equal to run that can
// close an emphasis opened just before rest.
func closes(rest, run string) bool {
	for k := 1; k < len(rest); k++ {
		if rest[k] != '*' || rest[k-1] == ' ' || rest[k-1] == '\\' || rest[k-1] == '*' {
			continue
		}
		j := k
		for j < len(rest) && rest[j] == '*' {
			j++
		}
		if rest[k:j] == run {
			return true
		}
	}
	return false
}
