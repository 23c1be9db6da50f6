package resolve

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/dossier-dev/dossier/internal/parallel"
	"github.com/dossier-dev/dossier/internal/site"
	"github.com/dossier-dev/dossier/internal/wikilink"
)

// previewLength bounds the passage text carried by a citation for hover
// previews.
const previewLength = 320

// resolveAllLinks resolves the wikilinks of every document: first each
// document's links on their own, in parallel (lookups only read the
// index), then their effects on the index in document order, so results
// do not depend on scheduling.
func (r *resolver) resolveAllLinks() {
	for _, s := range r.idx.Content.Sources {
		r.idx.quotes[s] = r.cache.quoteIndex(s)
	}
	type docLinks struct {
		nodes     []*wikilink.Node
		results   []linkResult
		sentences []string
	}
	docs := make([]docLinks, len(r.idx.Parsed))
	parallel.For(len(r.idx.Parsed), func(i int) {
		p := r.idx.Parsed[i]
		d := docLinks{nodes: wikilinks(p.AST)}
		for _, n := range d.nodes {
			line, col := wikilink.LineCol(p.Src, n.Offset)
			res := r.lookup(n, p.Doc.At(line, col))
			sentence := ""
			if res.citation != nil {
				sentence = citingSentence(p.Src, n)
			}
			d.results = append(d.results, res)
			d.sentences = append(d.sentences, sentence)
		}
		docs[i] = d
	})
	for i, p := range r.idx.Parsed {
		from := r.idx.TargetOf(p)
		for j, n := range docs[i].nodes {
			if c := r.record(from, n, docs[i].results[j]); c != nil {
				c.Sentence = docs[i].sentences[j]
			}
		}
	}
}

// linkResult is what a wikilink resolves to, before it is recorded.
type linkResult struct {
	to       *Target
	link     *wikilink.Link
	citation *Citation // without From
	diag     *site.Diagnostic
}

// resolveLink resolves one wikilink written at pos by from, sets its Link,
// and records the citation it makes, if any.
func (r *resolver) resolveLink(n *wikilink.Node, from *Target, pos site.Pos) *Citation {
	return r.record(from, n, r.lookup(n, pos))
}

// lookup finds what a wikilink points at. It only reads the index.
func (r *resolver) lookup(n *wikilink.Node, pos site.Pos) linkResult {
	fail := func(format string, args ...any) linkResult {
		return linkResult{diag: &site.Diagnostic{Pos: pos, Message: fmt.Sprintf(format, args...)}}
	}
	if n.Err != "" {
		return fail("%s", n.Err)
	}
	to := r.idx.targets[n.Target]
	if to == nil {
		return fail("unknown link target %q%s", n.Target, didYouMean(n.Target, r.idx.targets))
	}
	if n.Quote == "" {
		return linkResult{to: to, link: &wikilink.Link{Href: to.Href, PrintHref: "#" + to.Anchor, Title: to.Title}}
	}
	if to.Kind != KindSource {
		return fail("quote citation of %q, which is a %s: quotes cite sources", n.Target, to.Kind)
	}
	src := r.source(to.Slug)
	q := r.idx.quotes[src]
	matches := q.find(n.Quote)
	switch len(matches) {
	case 0:
		text, number := q.closest(n.Quote)
		hint := ""
		if text != "" {
			hint = fmt.Sprintf(" (closest: %q in ¶%d)", text, number)
		}
		return fail("quote not found in %s: %q%s", to.Slug, n.Quote, hint)
	case 1:
	default:
		numbers := make([]string, len(matches))
		for i, m := range matches {
			numbers[i] = fmt.Sprintf("¶%d", src.Passages[m.passage].Number)
		}
		return fail("quote ambiguous in %s: %q is in %s; quote more words", to.Slug, n.Quote, strings.Join(numbers, ", "))
	}
	m := matches[0]
	passage := &src.Passages[m.passage]
	return linkResult{
		to: to,
		link: &wikilink.Link{
			Href:      to.Href + "#" + passage.ID,
			PrintHref: "#" + PassageAnchor(src, passage),
			Title:     to.Title,
			Mark:      CiteMark(src, passage),
			Preview:   preview(passage.Text),
		},
		citation: &Citation{Pos: pos, Source: src, Passage: m.passage, Quote: site.Span{Start: m.start, End: m.end}},
	}
}

// record applies a lookup to the node and the index: the link, the
// backlink, the dependency, the citation or the diagnostic.
func (r *resolver) record(from *Target, n *wikilink.Node, res linkResult) *Citation {
	n.Link = res.link
	if res.diag != nil {
		r.diags = append(r.diags, *res.diag)
		return nil
	}
	r.backlink(from, res.to.Slug)
	r.depend(from, res.to.Slug)
	c := res.citation
	if c == nil {
		return nil
	}
	c.From = from
	if from != nil {
		r.idx.citationsBy[from.Slug] = append(r.idx.citationsBy[from.Slug], c)
		byPassage := r.idx.cited[c.Source]
		if byPassage == nil {
			byPassage = map[int][]*Citation{}
			r.idx.cited[c.Source] = byPassage
		}
		byPassage[c.Passage] = append(byPassage[c.Passage], c)
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
