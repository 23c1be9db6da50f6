package resolve

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/dossier-dev/dossier/internal/site"
	"github.com/dossier-dev/dossier/internal/wikilink"
)

// previewLength bounds the passage text carried by a citation for hover
// previews.
const previewLength = 320

func (r *resolver) resolveLinks(p *Parsed) {
	from := r.idx.TargetOf(p)
	for _, n := range wikilinks(p.AST) {
		line, col := wikilink.LineCol(p.Src, n.Offset)
		pos := p.Doc.At(line, col)
		c := r.resolveLink(n, from, pos)
		if c != nil {
			c.Sentence = citingSentence(p.Src, n)
		}
	}
}

// resolveLink resolves one wikilink written at pos by from, sets its Link,
// and records the citation it makes, if any.
func (r *resolver) resolveLink(n *wikilink.Node, from *Target, pos site.Pos) *Citation {
	if n.Err != "" {
		r.diags.Add(pos, "%s", n.Err)
		return nil
	}
	to := r.idx.targets[n.Target]
	if to == nil {
		r.diags.Add(pos, "unknown link target %q%s", n.Target, didYouMean(n.Target, r.idx.targets))
		return nil
	}
	r.backlink(from, to.Slug)
	r.depend(from, to.Slug)
	if n.Quote == "" {
		n.Link = &wikilink.Link{Href: to.Href, PrintHref: "#" + to.Anchor, Title: to.Title}
		return nil
	}
	if to.Kind != KindSource {
		r.diags.Add(pos, "quote citation of %q, which is a %s: quotes cite sources", n.Target, to.Kind)
		return nil
	}
	src := r.source(to.Slug)
	q := r.quoteIndex(src)
	matches := q.find(n.Quote)
	switch len(matches) {
	case 0:
		text, number := q.closest(n.Quote)
		hint := ""
		if text != "" {
			hint = fmt.Sprintf(" (closest: %q in ¶%d)", text, number)
		}
		r.diags.Add(pos, "quote not found in %s: %q%s", to.Slug, n.Quote, hint)
		return nil
	case 1:
	default:
		numbers := make([]string, len(matches))
		for i, m := range matches {
			numbers[i] = fmt.Sprintf("¶%d", src.Passages[m.passage].Number)
		}
		r.diags.Add(pos, "quote ambiguous in %s: %q is in %s; quote more words", to.Slug, n.Quote, strings.Join(numbers, ", "))
		return nil
	}
	m := matches[0]
	passage := &src.Passages[m.passage]
	n.Link = &wikilink.Link{
		Href:      to.Href + "#" + passage.ID,
		PrintHref: "#" + PassageAnchor(src, passage),
		Title:     to.Title,
		Mark:      CiteMark(src, passage),
		Preview:   preview(passage.Text),
	}
	c := &Citation{From: from, Pos: pos, Source: src, Passage: m.passage, Quote: site.Span{Start: m.start, End: m.end}}
	if from != nil {
		byPassage := r.idx.cited[src]
		if byPassage == nil {
			byPassage = map[int][]*Citation{}
			r.idx.cited[src] = byPassage
		}
		byPassage[m.passage] = append(byPassage[m.passage], c)
	}
	r.idx.Citations = append(r.idx.Citations, c)
	return c
}

// CiteMark is the compact mark a citation shows: "Comillas 2015 ¶38".
func CiteMark(s *site.Source, p *site.Passage) string {
	name := s.Meta.Cite
	if name == "" {
		name = s.Slug
	}
	if p.Number == 0 {
		return name
	}
	return fmt.Sprintf("%s ¶%d", name, p.Number)
}

// PassageAnchor is a passage's id in the print edition, where all sources
// share one page.
func PassageAnchor(s *site.Source, p *site.Passage) string {
	return "src-" + s.Slug + "-" + p.ID
}

func (r *resolver) source(slug string) *site.Source {
	for _, s := range r.idx.Content.Sources {
		if s.Slug == slug {
			return s
		}
	}
	return nil
}

func (r *resolver) quoteIndex(s *site.Source) *quoteIndex {
	q := r.idx.quotes[s]
	if q == nil {
		q = newQuoteIndex(s)
		r.idx.quotes[s] = q
	}
	return q
}

func preview(text string) string {
	if len(text) <= previewLength {
		return text
	}
	cut := strings.LastIndexByte(text[:previewLength], ' ')
	if cut < previewLength/2 {
		cut = previewLength
		for !utf8.RuneStart(text[cut]) {
			cut--
		}
	}
	return text[:cut] + " …"
}

// citingSentence is the sentence of the note in which a citation stands,
// as plain text: the wikilinks of its paragraph replaced by their labels.
func citingSentence(src []byte, n *wikilink.Node) string {
	block := n.Parent()
	for block != nil && block.Type() != ast.TypeBlock {
		block = block.Parent()
	}
	if block == nil || block.Lines().Len() == 0 {
		return ""
	}
	lines := block.Lines()
	start, end := lines.At(0).Start, lines.At(lines.Len()-1).Stop
	var text strings.Builder
	at := -1
	for i := start; i < end; {
		if bytes.HasPrefix(src[i:end], []byte("[[")) {
			if w, size, ok := wikilink.Scan(src[i:end]); ok {
				if i == n.Offset {
					at = text.Len()
				}
				text.WriteString(linkText(w))
				i += size
				continue
			}
		}
		switch c := src[i]; c {
		case '*', '_', '`':
		case '\n':
			text.WriteByte(' ')
		default:
			text.WriteByte(c)
		}
		i++
	}
	return sentenceAround(text.String(), at)
}

func linkText(w *wikilink.Node) string {
	switch {
	case w.Label != "":
		return w.Label
	case w.Quote != "":
		return "“" + w.Quote + "”"
	}
	return w.Target
}

// sentenceAround returns the sentence of text that holds byte offset at.
func sentenceAround(text string, at int) string {
	if at < 0 {
		return strings.TrimSpace(text)
	}
	start := 0
	for i := at - 1; i > 0; i-- {
		if text[i] == ' ' && strings.ContainsRune(".!?", rune(text[i-1])) {
			start = i + 1
			break
		}
	}
	end := len(text)
	for i := at; i+1 < len(text); i++ {
		if strings.ContainsRune(".!?", rune(text[i])) && text[i+1] == ' ' {
			end = i + 1
			break
		}
	}
	return strings.TrimSpace(text[start:end])
}

// didYouMean suggests the known name nearest to a misspelt one.
func didYouMean[V any](name string, known map[string]V) string {
	best, bestDist := "", len(name)/2+2
	for k := range known {
		if d := editDistance(name, k); d < bestDist || (d == bestDist && k < best) {
			best, bestDist = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
