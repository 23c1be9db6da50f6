package passage

import (
	"strconv"
	"strings"

	"github.com/dossier-dev/dossier/internal/site"
)

// Markdown sources keep their structure in markup: "#" headings, "> "
// quotes, list items, GFM tables, footnotes, "*emphasis*" and links. The
// markup is turned into passage kinds, emphasis spans and footnote
// references and removed from the text. Links keep their text only: in
// extracted briefs most targets are "#", the link having been lost.
//
// The extractors that write Markdown from PDFs and web pages leave notes
// in HTML comments, each on a line of its own: "<!-- page N -->" where
// printed page N starts (perhaps between two lines of a paragraph that
// runs over the page break, which it does not break), and "<!--
// furniture: TEXT -->" for a running head, foot or page number they took
// out. Any other comment line is removed too. A paragraph written on one
// line that runs over a page break ends with "<!-- continues on page N
// -->", which is taken off its text and gives the page it ends on.

var (
	atxHeading = newLazyRegexp(`^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$`)
	quoteLine  = newLazyRegexp(`^>\s?`)
	listItem   = newLazyRegexp(`^(?:[-+*]|\d{1,3}[.)])\s+\S`)
	// pageMarker, furniture and comment match the comment lines.
	pageMarker  = newLazyRegexp(`^<!--\s*page\s+(\d{1,5})\s*-->$`)
	furniture   = newLazyRegexp(`^<!--\s*furniture:.*-->$`)
	comment     = newLazyRegexp(`^<!--.*-->$`)
	continuesOn = newLazyRegexp(`\s*<!--\s*continues on page\s+(\d{1,5})\s*-->$`)
	// noteDef matches a footnote definition, "[^3]: text".
	noteDef = newLazyRegexp(`^\[\^([^\]\s]+)\]:\s*(.*)$`)
	// noteRef matches a footnote reference, "[^3]".
	noteRef = newLazyRegexp(`\[\^([^\]\s]+)\]`)
	// tableRow and tableRule match a GFM table's rows and the rule under
	// its header.
	tableRow  = newLazyRegexp(`^\|.*\|$`)
	tableRule = newLazyRegexp(`^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$`)
)

// markdownComments removes the comment lines, marking the page breaks.
// It runs before the boilerplate stage, which must not see them.
func (d *doc) markdownComments() {
	for i := range d.lines {
		l := &d.lines[i]
		if !l.body() {
			continue
		}
		switch m := pageMarker.FindStringSubmatch(l.text); {
		case m != nil:
			d.remove(i, "page marker")
			l.brk = true
			d.anchors[i], _ = strconv.Atoi(m[1])
		case furniture.MatchString(l.text):
			d.remove(i, "page furniture")
		case comment.MatchString(l.text):
			d.remove(i, "comment")
		default:
			if m := continuesOn.FindStringSubmatchIndex(l.text); m != nil {
				l.endPage, _ = strconv.Atoi(l.text[m[2]:m[3]])
				l.text = l.text[:m[0]]
			}
		}
	}
}

// cleanMarkdown recognises Markdown block structure.
func (d *doc) cleanMarkdown() {
	d.markdownNotes()
	d.markdownTables()
	top := 7
	for i := range d.lines {
		if m := atxHeading.FindStringSubmatch(d.lines[i].text); m != nil && d.lines[i].body() {
			top = min(top, len(m[1]))
		}
	}
	for i := range d.lines {
		l := &d.lines[i]
		if !l.body() || l.table {
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
			l.start, l.item = true, true
			if bullet.MatchString(l.text) {
				l.text = bullet.ReplaceAllString(l.text, "")
			}
		}
	}
	d.removeAuthorLine()
	d.blockBreaks()
}

// bullet matches the bullet of a list item, which its text leaves out;
// an item's number stays, as the text may refer to it.
var bullet = newLazyRegexp(`^[-+*]\s+`)

// markdownNotes collects the footnote definitions: "[^3]: text", and the
// indented lines under it, which go on with its text.
func (d *doc) markdownNotes() {
	for i := 0; i < len(d.lines); i++ {
		m := noteDef.FindStringSubmatch(d.lines[i].text)
		if m == nil || !d.lines[i].body() {
			continue
		}
		d.notes = append(d.notes, note{label: m[1]})
		n := len(d.notes)
		d.lines[i].note, d.lines[i].text = n, m[2]
		for j := i + 1; j < len(d.lines); j++ {
			l := &d.lines[j]
			if l.blank() {
				// A blank line ends the note unless an indented line
				// follows it.
				if k := d.nextText(j); k < 0 || !d.lines[k].lead {
					break
				}
				continue
			}
			if !l.lead || !l.body() {
				break
			}
			l.note = n
			i = j
		}
	}
}

// markdownTables marks GFM tables: a header row, the rule under it and
// the rows after, each "| a | b |".
func (d *doc) markdownTables() {
	for i := 0; i+1 < len(d.lines); i++ {
		if !d.lines[i].body() || !tableRow.MatchString(d.lines[i].text) || !tableRule.MatchString(d.lines[i+1].text) {
			continue
		}
		d.lines[i].start = true
		j := i
		for ; j < len(d.lines) && d.lines[j].body() && (j == i+1 || tableRow.MatchString(d.lines[j].text)); j++ {
			d.lines[j].table = true
		}
		d.lines[i+1].text = ""
		i = j - 1
	}
}

// tableText is a table's text: its cells joined by " | " and its rows by
// " || ", without the rule under the header.
func tableText(rows []string) string {
	var out []string
	for _, r := range rows {
		if r == "" {
			continue
		}
		r = strings.TrimSuffix(strings.TrimPrefix(r, "|"), "|")
		var cells []string
		for _, c := range splitCells(r) {
			cells = append(cells, strings.TrimSpace(c))
		}
		out = append(out, strings.Join(cells, " | "))
	}
	return strings.Join(out, " || ")
}

// splitCells splits a row at the bars that are not escaped ("\|").
func splitCells(r string) []string {
	var cells []string
	var b strings.Builder
	for i := 0; i < len(r); i++ {
		switch {
		case r[i] == '\\' && i+1 < len(r) && r[i+1] == '|':
			b.WriteByte('|')
			i++
		case r[i] == '|':
			cells = append(cells, b.String())
			b.Reset()
		default:
			b.WriteByte(r[i])
		}
	}
	return append(cells, b.String())
}

// noteRefs returns the edits that remove the footnote references of a
// Markdown passage's text, and the references, at offsets of the text
// before the edits.
func noteRefs(text string) (edits, []site.FootnoteRef) {
	var es edits
	var refs []site.FootnoteRef
	for _, m := range noteRef.FindAllStringSubmatchIndex(text, -1) {
		es = append(es, edit{pos: m[0], del: m[1] - m[0]})
		refs = append(refs, site.FootnoteRef{At: m[0], Label: text[m[2]:m[3]]})
	}
	return es, refs
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
		if s[i] == '\\' && i+1 < len(s) {
			b = append(b, s[i], s[i+1])
			i += 2
			continue
		}
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
// the spans they covered. A backslash escape ("\*", "\[") is the
// character it escapes; an asterisk that opens nothing stays as written.
func emphasis(s string) (string, []site.Span) {
	var b []byte
	var spans []site.Span
	open := -1    // where the open emphasis starts in b
	openRun := "" // its delimiter
	for i := 0; i < len(s); {
		if s[i] == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]) {
			// A backslash escape, as CommonMark has them: extractors
			// write "1990\." and "\[sic\]" so that text is not read
			// as markup, and the text is the character.
			b = append(b, s[i+1])
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

// isASCIIPunct reports whether c is one of the ASCII punctuation
// characters a backslash escapes in CommonMark.
func isASCIIPunct(c byte) bool {
	return c < 0x80 && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
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
