package view

import (
	"html/template"
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/internal/resolve"
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
// side of the first of spans, on word boundaries, with every span inside
// the window marked. spans are in text order and do not overlap.
func Snippet(text string, spans []site.Span, width int) template.HTML {
	first := spans[0]
	start := max(first.Start-width, 0)
	if start > 0 {
		if i := strings.IndexByte(text[start:first.Start], ' '); i >= 0 {
			start += i + 1
		}
	}
	end := min(first.End+width, len(text))
	if end < len(text) {
		if i := strings.LastIndexByte(text[first.End:end], ' '); i >= 0 {
			end = first.End + i
		}
	}
	var b strings.Builder
	if start > 0 {
		b.WriteString("… ")
	}
	at := start
	for _, s := range spans {
		if s.Start < at || s.End > end {
			continue
		}
		b.WriteString(template.HTMLEscapeString(text[at:s.Start]))
		b.WriteString(`<mark class="mention">`)
		b.WriteString(template.HTMLEscapeString(text[s.Start:s.End]))
		b.WriteString("</mark>")
		at = s.End
	}
	b.WriteString(template.HTMLEscapeString(text[at:end]))
	if end < len(text) {
		b.WriteString(" …")
	}
	return template.HTML(b.String())
}

// MatchedWords lists the words of text that spans mark, lower-cased and
// each once, in the order first met: what a theme's terms, phrases or
// regular expressions, found in a passage, for a reader who should not
// have to read the expressions.
func MatchedWords(text string, spans []site.Span, seen map[string]bool) []string {
	var out []string
	for _, s := range spans {
		w := strings.ToLower(strings.Join(strings.Fields(text[s.Start:s.End]), " "))
		if w != "" && !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// Sentences is the passage cut down to the sentences that hold spans,
// with " … " where sentences are left out between them and the spans
// moved to the cut text; whole is true when nothing was left out.
func Sentences(p *site.Passage, spans []site.Span) (cut site.Passage, moved []site.Span, whole bool) {
	type piece struct{ start, end int }
	var pieces []piece
	for _, s := range spans {
		start, end := resolve.SentenceAround(p.Text, s)
		if n := len(pieces); n > 0 && start <= pieces[n-1].end+1 {
			pieces[n-1].end = max(pieces[n-1].end, end)
			continue
		}
		pieces = append(pieces, piece{start, end})
	}
	var b strings.Builder
	for i, pc := range pieces {
		if i > 0 || pc.start > 0 {
			if i > 0 {
				b.WriteString(" ")
			}
			b.WriteString("… ")
		}
		offset := b.Len() - pc.start
		b.WriteString(p.Text[pc.start:pc.end])
		for _, s := range spans {
			if s.Start >= pc.start && s.End <= pc.end {
				moved = append(moved, site.Span{Start: s.Start + offset, End: s.End + offset})
			}
		}
	}
	last := pieces[len(pieces)-1].end
	if last < len(p.Text) {
		b.WriteString(" …")
	}
	whole = len(pieces) == 1 && pieces[0].start == 0 && last >= len(strings.TrimRight(p.Text, " "))
	return site.Passage{Text: b.String(), Kind: p.Kind, Lang: p.Lang}, moved, whole
}
