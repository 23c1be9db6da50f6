package view

import (
	"html/template"
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/internal/site"
)

// MarkKind is a kind of range drawn over passage text. The order is the
// nesting order of the tags.
type MarkKind int

// The kinds of range: the source's own emphasis, quoted words, words a
// theme's terms match and names of entities.
const (
	MarkEmphasis MarkKind = iota
	MarkQuoted
	MarkTerm
	MarkMention
)

var markTags = [...]struct{ open, close string }{
	MarkEmphasis: {"<em>", "</em>"},
	MarkQuoted:   {`<mark class="quoted">`, "</mark>"},
	MarkTerm:     {`<mark class="term">`, "</mark>"},
	MarkMention:  {`<mark class="mention">`, "</mark>"},
}

// TextMark is a range of a passage's text to mark.
type TextMark struct {
	Kind MarkKind
	site.Span
	// ID, for quoted words, names the range: an empty element with the
	// id starts it, for a citation to link to, and each piece of the
	// range's marks lists it in data-q, for the page's script to mark
	// the words of the citation followed.
	ID string
}

// PassageHTML renders a passage's text with ranges marked and footnote
// references linked. Ranges may overlap in any way: the text is cut at
// every range boundary and each piece is wrapped in the tags of the
// ranges covering it, so the HTML always nests.
func PassageHTML(p *site.Passage, marks []TextMark, footnoteHref func(label string) string) template.HTML {
	text := p.Text
	for _, e := range p.Emphasis {
		marks = append(marks, TextMark{Kind: MarkEmphasis, Span: e})
	}
	cuts := []int{0, len(text)}
	for _, m := range marks {
		cuts = append(cuts, clamp(m.Start, len(text)), clamp(m.End, len(text)))
	}
	for _, f := range p.Footnotes {
		cuts = append(cuts, clamp(f.At, len(text)))
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)

	var b strings.Builder
	b.Grow(len(text) + len(text)/4)
	footnotes := p.Footnotes
	anchored := map[string]bool{}
	for i := 0; i+1 < len(cuts); i++ {
		start, end := cuts[i], cuts[i+1]
		var open []MarkKind
		var ids []string
		for k := range markTags {
			if slices.ContainsFunc(marks, func(m TextMark) bool { return int(m.Kind) == k && m.Start <= start && end <= m.End }) {
				open = append(open, MarkKind(k))
			}
		}
		for _, m := range marks {
			if m.ID == "" || m.Kind != MarkQuoted || m.Start > start || end > m.End {
				continue
			}
			if !slices.Contains(ids, m.ID) {
				ids = append(ids, m.ID)
			}
			if m.Start == start && !anchored[m.ID] {
				anchored[m.ID] = true
				b.WriteString(`<span class="cite-anchor" id="` + template.HTMLEscapeString(m.ID) + `"></span>`)
			}
		}
		for _, k := range open {
			if k == MarkQuoted && len(ids) > 0 {
				b.WriteString(`<mark class="quoted" data-q="` + template.HTMLEscapeString(strings.Join(ids, " ")) + `">`)
				continue
			}
			b.WriteString(markTags[k].open)
		}
		b.WriteString(template.HTMLEscapeString(text[start:end]))
		for _, k := range slices.Backward(open) {
			b.WriteString(markTags[k].close)
		}
		for len(footnotes) > 0 && footnotes[0].At <= end {
			writeFootnoteRef(&b, footnotes[0].Label, footnoteHref)
			footnotes = footnotes[1:]
		}
	}
	for _, f := range footnotes {
		writeFootnoteRef(&b, f.Label, footnoteHref)
	}
	return template.HTML(b.String())
}

func writeFootnoteRef(b *strings.Builder, label string, href func(string) string) {
	b.WriteString(`<sup class="fnref"><a href="`)
	b.WriteString(template.HTMLEscapeString(href(label)))
	b.WriteString(`" aria-label="footnote `)
	b.WriteString(template.HTMLEscapeString(label))
	b.WriteString(`">`)
	b.WriteString(template.HTMLEscapeString(label))
	b.WriteString("</a></sup>")
}

func clamp(v, n int) int { return min(max(v, 0), n) }

// Snippet cuts a keyword-in-context window of about width bytes on each
// side of span, on word boundaries, with the span marked.
func Snippet(text string, span site.Span, width int) template.HTML {
	start := max(span.Start-width, 0)
	if start > 0 {
		if i := strings.IndexByte(text[start:span.Start], ' '); i >= 0 {
			start += i + 1
		}
	}
	end := min(span.End+width, len(text))
	if end < len(text) {
		if i := strings.LastIndexByte(text[span.End:end], ' '); i >= 0 {
			end = span.End + i
		}
	}
	var b strings.Builder
	if start > 0 {
		b.WriteString("… ")
	}
	b.WriteString(template.HTMLEscapeString(text[start:span.Start]))
	b.WriteString(`<mark class="mention">`)
	b.WriteString(template.HTMLEscapeString(text[span.Start:span.End]))
	b.WriteString("</mark>")
	b.WriteString(template.HTMLEscapeString(text[span.End:end]))
	if end < len(text) {
		b.WriteString(" …")
	}
	return template.HTML(b.String())
}
