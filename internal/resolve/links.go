package resolve

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"maps"
	"slices"
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
// index) and remembered in the cache while the document and the world it
// links into stay the same; then their effects on the index in document
// order, so results do not depend on scheduling.
func (r *resolver) resolveAllLinks() {
	sources := r.idx.Content.Sources
	quotes := make([]*quoteIndex, len(sources))
	parallel.For(len(sources), func(i int) { quotes[i] = r.cache.quoteIndex(sources[i]) })
	for i, s := range sources {
		r.idx.quotes[s] = quotes[i]
		r.sources[s.Slug] = s
	}
	world := r.worldKey()
	docs := make([]docLinks, len(r.idx.Parsed))
	parallel.For(len(r.idx.Parsed), func(i int) {
		p := r.idx.Parsed[i]
		docs[i] = r.cache.links(p, world, func() docLinks { return r.lookupAll(p) })
	})
	for i, p := range r.idx.Parsed {
		from := r.idx.TargetOf(p)
		for j, n := range wikilinks(p.AST) {
			if c := r.record(from, n, docs[i].results[j]); c != nil {
				c.Sentence = docs[i].sentences[j]
			}
		}
	}
}

// docLinks is what one document's wikilinks resolve to, in order.
type docLinks struct {
	results   []linkResult
	sentences []string
}

func (r *resolver) lookupAll(p *Parsed) docLinks {
	var d docLinks
	for _, n := range wikilinks(p.AST) {
		line, col := wikilink.LineCol(p.Src, n.Offset)
		res := r.lookup(n, p.Doc.At(line, col))
		sentence := ""
		if res.quote != nil {
			sentence = citingSentence(p.Src, n)
		}
		d.results = append(d.results, res)
		d.sentences = append(d.sentences, sentence)
	}
	return d
}

// worldKey identifies everything a lookup reads besides the document:
// every target's kind, slug and title, and every source's text and rules.
func (r *resolver) worldKey() string {
	h := sha256.New()
	for _, slug := range slices.Sorted(maps.Keys(r.idx.targets)) {
		t := r.idx.targets[slug]
		fmt.Fprintf(h, "%s %s %q\n", t.Kind, t.Slug, t.Title)
	}
	for _, s := range r.idx.Content.Sources {
		fmt.Fprintf(h, "%s %d %s %q\n", s.Slug, len(s.Body), rulesKey(s), s.Meta.Cite)
		h.Write([]byte(s.Body))
	}
	return string(h.Sum(nil))
}

// linkResult is what a wikilink resolves to, before it is recorded. It
// names targets by slug, not pointer, so that it can be reused in a
// later build whose documents are new values.
type linkResult struct {
	to    string
	link  *wikilink.Link
	quote *quoteHit
	pos   site.Pos
	diag  *site.Diagnostic
}

// quoteHit is the passage a quote was found in.
type quoteHit struct {
	source  string
	passage int
	span    site.Span
}

// resolveLink resolves one wikilink written at pos by from, sets its Link,
// and records the citation it makes, if any.
func (r *resolver) resolveLink(n *wikilink.Node, from *Target, pos site.Pos) *Citation {
	return r.record(from, n, r.lookup(n, pos))
}

// lookup finds what a wikilink points at. It only reads the index.
func (r *resolver) lookup(n *wikilink.Node, pos site.Pos) linkResult {
	fail := func(format string, args ...any) linkResult {
		return linkResult{pos: pos, diag: &site.Diagnostic{Pos: pos, Message: fmt.Sprintf(format, args...)}}
	}
	if n.Err != "" {
		return fail("%s", n.Err)
	}
	to := r.idx.targets[n.Target]
	if to == nil {
		return fail("unknown link target %q%s", n.Target, didYouMean(n.Target, r.idx.targets))
	}
	if n.Quote == "" {
		return linkResult{to: to.Slug, pos: pos, link: &wikilink.Link{Href: to.Href, PrintHref: "#" + to.Anchor, Title: to.Title}}
	}
	if to.Kind != KindSource {
		return fail("quote citation of %q, which is a %s: quotes cite sources", n.Target, to.Kind)
	}
	src := r.sources[to.Slug]
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
		to:  to.Slug,
		pos: pos,
		link: &wikilink.Link{
			Href:      to.Href + "#" + passage.ID,
			PrintHref: "#" + PassageAnchor(src, passage),
			Title:     to.Title,
			Mark:      CiteMark(src, passage),
			Preview:   preview(passage.Text),
		},
		quote: &quoteHit{source: src.Slug, passage: m.passage, span: site.Span{Start: m.start, End: m.end}},
	}
}

// record applies a lookup to the node and the index: the link, the
// backlink, the citation or the diagnostic.
func (r *resolver) record(from *Target, n *wikilink.Node, res linkResult) *Citation {
	n.Link = res.link
	if res.diag != nil {
		r.diags = append(r.diags, *res.diag)
		return nil
	}
	r.backlink(from, res.to)
	if res.quote == nil {
		return nil
	}
	c := &Citation{From: from, Pos: res.pos, Source: r.sources[res.quote.source], Passage: res.quote.passage, Quote: res.quote.span}
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
