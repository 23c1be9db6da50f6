package pdf

import (
	"regexp"
	"strings"
)

// render writes the blocks of an analysed document as Markdown, in the
// convention of the package documentation.
func render(a *analysis) string {
	var out []string
	emit := func(s string) { out = append(out, s) }
	pages := a.lay.pages
	cur := -1
	open := func(p int) {
		emit("<!-- page " + pages[p].label + " -->")
		for _, f := range pages[p].head {
			emit(furniture(f))
		}
	}
	closePage := func(p int) {
		for _, n := range a.notes[p] {
			emit(a.noteText(n))
		}
		for _, f := range pages[p].foot {
			emit(furniture(f))
		}
	}
	advance := func(to int) {
		for cur < to {
			if cur >= 0 {
				closePage(cur)
			}
			cur++
			open(cur)
		}
	}
	for _, b := range a.blocks {
		advance(b.first().page)
		text := a.blockText(b)
		if end := b.last().page; end != b.first().page {
			text += " <!-- continues on page " + pages[end].label + " -->"
		}
		emit(text)
	}
	advance(len(pages) - 1)
	if cur >= 0 {
		closePage(cur)
	}
	return strings.ReplaceAll(strings.Join(out, "\n\n"), breakHyphen, "-") + "\n"
}

// furniture writes a line of page furniture as a comment.
func furniture(text string) string {
	return "<!-- furniture: " + strings.ReplaceAll(text, "-->", "-- >") + " -->"
}

// blockText writes one block.
func (a *analysis) blockText(b *block) string {
	if b.kind == table {
		return tableText(b.rows)
	}
	text := a.text(b.lines)
	switch b.kind {
	case heading:
		return strings.Repeat("#", b.level) + " " + text
	case quote:
		return "> " + escapeStart(text)
	case item:
		marker := listMarker(text)
		rest := strings.TrimSpace(strings.TrimPrefix(text, marker))
		switch {
		case bullet.MatchString(text):
			return "- " + escapeStart(rest)
		case strings.Trim(marker, "0123456789") == "." || strings.Trim(marker, "0123456789") == ")":
			return marker[:len(marker)-1] + ". " + escapeStart(rest)
		}
		return "- " + text
	}
	return escapeStart(text)
}

// text joins lines into one, with footnote marks that name a note of
// their page as [^key] and other superscript labels as plain text.
func (a *analysis) text(ls []line) string {
	texts := make([]string, len(ls))
	for i, l := range ls {
		texts[i] = a.marks(l)
	}
	return a.vocab.joinLines(texts)
}

// marks writes the superscript labels of a line: a note's marker where
// the label is a note's, else the label as text.
func (a *analysis) marks(l line) string {
	return eachSuper(l.text, func(label string) string {
		if n := a.noteOn(l.page, label); n != nil {
			return "[^" + n.key + "]"
		}
		return label
	})
}

// noteOn finds the note a label on page p refers to: one that starts on
// the page, or on the next page, where a note goes that its page had no
// room for.
func (a *analysis) noteOn(p int, label string) *note {
	for q := p; q < len(a.notes) && q <= p+1; q++ {
		for _, n := range a.notes[q] {
			if n.label == label {
				return n
			}
		}
	}
	return nil
}

// noteText writes a footnote as a definition.
func (a *analysis) noteText(n *note) string {
	texts := make([]string, len(n.lines))
	for i, l := range n.lines {
		texts[i] = a.marks(l)
	}
	if m := noteLabel.FindStringSubmatch(n.lines[0].text); m != nil {
		texts[0] = m[3]
	}
	text := "[^" + n.key + "]: " + a.vocab.joinLines(texts)
	if end := n.lines[len(n.lines)-1].page; end != n.lines[0].page {
		text += " <!-- continues on page " + a.lay.pages[end].label + " -->"
	}
	return text
}

// tableText writes a table in GFM, its first row as the header.
func tableText(rows [][]string) string {
	var b strings.Builder
	for i, r := range rows {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("|")
		for _, c := range r {
			b.WriteString(" " + strings.ReplaceAll(c, "|", `\|`) + " |")
		}
		if i == 0 {
			b.WriteString("\n|")
			for range r {
				b.WriteString(" --- |")
			}
		}
	}
	return b.String()
}

var (
	// blockStart matches text that Markdown would read as the start of
	// something other than a paragraph: a heading, quote, list item,
	// table row, HTML, code fence, thematic break or footnote definition.
	blockStart = regexp.MustCompile(`^(?:[#>|<` + "`" + `~=_]|[-+*](?:\s|$|[-+*]{2})|\[\^|\[[^\]]*\]:)`)
	// orderedStart matches text that would start an ordered list item.
	orderedStart = regexp.MustCompile(`^(\d{1,9})([.)])(\s|$)`)
)

// escapeStart escapes the first character of a line's text where
// Markdown would otherwise read it as markup: "1990." stays a year and
// "# 1" a number.
func escapeStart(s string) string {
	if m := orderedStart.FindStringSubmatchIndex(s); m != nil {
		return s[:m[3]] + `\` + s[m[3]:]
	}
	if blockStart.MatchString(s) {
		return `\` + s
	}
	return s
}
