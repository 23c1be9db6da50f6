package resolve

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dossier-dev/dossier/internal/parallel"
	"github.com/dossier-dev/dossier/internal/site"
	"github.com/dossier-dev/dossier/internal/wikilink"
)

// resolveAllLinks resolves the wikilinks of every document: first each
// document's links on their own, in parallel (lookups only read the
// world and the quote indexes), or as remembered while the document and
// the world stay the same; then their effects on the index in document
// order, so results do not depend on scheduling.
func (r *resolver) resolveAllLinks() {
	c, parsed := r.idx.Content, r.idx.Parsed
	r.quotes = make([]*quoteIndex, len(c.Sources))
	parallel.For(len(c.Sources), func(i int) { r.quotes[i] = r.cache.quoteIndex(c.Sources[i]) })
	r.docs = make([]docState, len(parsed))
	var todo []int
	for i, p := range parsed {
		d := &r.docs[i]
		d.cached = r.cache.doc(i, p.Doc.Path)
		if e := d.cached; e != nil {
			if e.links != nil && e.world == r.w.version && e.body == p.Doc.Body && e.bodyLine == p.Doc.BodyLine {
				d.links = e.links
			}
			if e.tree != nil && e.tree == p.Tree {
				d.nodes, d.walked = e.nodes, true
			}
		}
		if d.links == nil || !d.walked {
			todo = append(todo, i)
		}
	}
	parallel.For(len(todo), func(k int) {
		p, d := parsed[todo[k]], &r.docs[todo[k]]
		if !d.walked {
			d.nodes = p.Tree.Wikilinks()
		}
		if d.links == nil || d.links.count != len(d.nodes) {
			d.links = r.lookupAll(p, d.nodes)
		}
	})
	for _, i := range todo {
		if d, p := &r.docs[i], parsed[i]; d.cached != nil {
			*d.cached = cachedDoc{body: p.Doc.Body, bodyLine: p.Doc.BodyLine, world: r.w.version, links: d.links, tree: p.Tree, nodes: d.nodes}
		}
	}
	r.makeCitations()
	total := 0
	for i := range parsed {
		total += len(r.docs[i].cites)
	}
	r.idx.Citations = make([]*Citation, 0, total)
	for i := range parsed {
		d := &r.docs[i]
		parsed[i].links = d.links.links
		r.diags = append(r.diags, d.links.diags...)
		r.idx.Citations = append(r.idx.Citations, d.cites...)
		if from := r.w.froms[i]; from >= 0 && len(d.cites) > 0 {
			refs := &r.idx.byTarget[from]
			if refs.citations == nil {
				refs.citations = d.cites
			} else {
				refs.citations = append(refs.citations, d.cites...)
			}
		}
	}
}

// docState is one document's wikilinks in this build.
type docState struct {
	cached *cachedDoc // nil without a cache
	nodes  []*wikilink.Node
	walked bool // nodes are those of the document's tree
	links  *docLinks
	cites  []*Citation
}

// docLinks is what one document's wikilinks resolve to: what a document
// adds to the index, in terms of the world it was resolved in.
type docLinks struct {
	// links are what each wikilink resolved to; nil for those that did
	// not resolve, for which diags say why.
	links wikilink.Links
	// count is the number of wikilinks resolved.
	count int
	diags []site.Diagnostic
	// tos are the slots of the targets linked to, each once.
	tos    []int32
	quotes []quoteRef
	// sentences finds the sentences of quotes, when asked.
	sentences *docSentences
}

// quoteRef is a citation a document makes.
type quoteRef struct {
	pos         site.Pos
	source      int32 // index in Content.Sources
	passage     int
	span        site.Span
	credibility int
}

func (r *resolver) lookupAll(p *Parsed, nodes []*wikilink.Node) *docLinks {
	size := 0
	for _, n := range nodes {
		size = max(size, n.Index+1)
	}
	d := &docLinks{links: make(wikilink.Links, size), count: len(nodes)}
	positions := lineCols{src: p.Src, line: 1}
	for _, n := range nodes {
		pos := p.Doc.At(positions.at(n.Offset))
		res := r.lookup(n, pos)
		if n.Embed && n.Quote == "" && n.Target == p.Slug() && res.diag == nil {
			// A note's summary holds no links, so embedding itself is the
			// only cycle an embed can make.
			res = linkResult{diag: &site.Diagnostic{Pos: pos, Message: fmt.Sprintf("%s embeds itself", n.Target)}}
		}
		d.links[n.Index] = res.link
		if res.diag != nil {
			d.diags = append(d.diags, *res.diag)
			continue
		}
		if !slices.Contains(d.tos, res.to) {
			d.tos = append(d.tos, res.to)
		}
		if res.quoted {
			d.quotes = append(d.quotes, quoteRef{pos: pos, source: res.source, passage: res.passage, span: res.span, credibility: n.Credibility})
			if d.sentences == nil {
				d.sentences = &docSentences{src: p.Src, tree: p.Tree, w: r.w}
			}
			d.sentences.nodes = append(d.sentences.nodes, n)
		}
	}
	return d
}

// makeCitations gives each document the citations it makes: the last
// build's where they point at the same documents, otherwise new ones.
// When the sources are new values, as the loader makes in each build,
// every citation is new; they are then made in two allocations rather
// than two per document.
func (r *resolver) makeCitations() {
	sources := r.cache.sourcesOf(r.idx.Content.Sources)
	keys := make([]citesKey, len(r.docs))
	need := 0
	for i := range r.docs {
		d := &r.docs[i]
		if len(d.links.quotes) == 0 {
			continue
		}
		keys[i] = citesKey{links: d.links, sources: sources}
		if slot := r.w.froms[i]; slot >= 0 {
			keys[i].from = r.w.targets[slot]
		}
		if e := d.cached; e != nil && e.citesFor == keys[i] {
			d.cites = e.cites
			continue
		}
		need += len(d.links.quotes)
	}
	all, cites := make([]Citation, need), make([]*Citation, need)
	for i := range r.docs {
		d := &r.docs[i]
		quotes := d.links.quotes
		if len(quotes) == 0 || d.cites != nil {
			continue
		}
		d.cites, cites = cites[:len(quotes):len(quotes)], cites[len(quotes):]
		for k, q := range quotes {
			all[k] = Citation{From: keys[i].from, Pos: q.pos, Source: r.idx.Content.Sources[q.source], Passage: q.passage, Quote: q.span, Credibility: q.credibility, sentences: d.links.sentences, sentenceIndex: k}
			d.cites[k] = &all[k]
		}
		all = all[len(quotes):]
		if e := d.cached; e != nil {
			e.cites, e.citesFor = d.cites, keys[i]
		}
	}
}

// lineCols gives the line and column of offsets in a document, as
// wikilink.LineCol does, counting on from the offset asked for before:
// for the links of a document, asked in order, that is one pass over it,
// where counting from the start for each link took time in the square of
// the links a line holds. Offsets must start runes, as a link's does.
type lineCols struct {
	src []byte
	// offset is the last offset asked for, on line line, col runes
	// after the line's start.
	offset, line, col int
}

func (l *lineCols) at(offset int) (line, col int) {
	offset = min(max(offset, 0), len(l.src))
	if offset < l.offset {
		return wikilink.LineCol(l.src, offset)
	}
	// Forward, line by line: bytes.IndexByte is vectorised, and
	// LastIndexByte, reading back from the link to the last line's end,
	// is not.
	skipped := l.src[l.offset:offset]
	for i := bytes.IndexByte(skipped, '\n'); i >= 0; i = bytes.IndexByte(skipped, '\n') {
		l.line++
		l.col = 0
		skipped = skipped[i+1:]
	}
	l.col += utf8.RuneCount(skipped)
	l.offset = offset
	return l.line, l.col + 1
}

// linkResult is what a wikilink resolves to: a link to the target in
// slot to, and for a quote where it was found; or a diagnostic.
type linkResult struct {
	link    *wikilink.Link
	diag    *site.Diagnostic
	to      int32
	quoted  bool
	source  int32
	passage int
	span    site.Span
}

// lookup finds what a wikilink points at. It only reads the world and
// the quote indexes.
func (r *resolver) lookup(n *wikilink.Node, pos site.Pos) linkResult {
	fail := func(format string, args ...any) linkResult {
		return linkResult{diag: &site.Diagnostic{Pos: pos, Message: fmt.Sprintf(format, args...)}}
	}
	if n.Err != "" {
		return fail("%s", n.Err)
	}
	slot, ok := r.w.slots[n.Target]
	if !ok {
		return fail("unknown link target %q%s", n.Target, didYouMean(n.Target, r.w.slots))
	}
	to := r.w.targets[slot]
	if n.Embed && n.Quote == "" && to.Kind != KindNote {
		return fail("cannot embed %q, which is a %s: embed a note, or quoted words of a source", n.Target, to.Kind)
	}
	if n.Quote == "" {
		return linkResult{to: slot, link: r.w.links[slot]}
	}
	if to.Kind != KindSource {
		return fail("quote citation of %q, which is a %s: quotes cite sources", n.Target, to.Kind)
	}
	source := r.w.sources[to.Slug]
	src, q := r.idx.Content.Sources[source], r.quotes[source]
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
	span := site.Span{Start: m.start, End: m.end}
	p := &src.Passages[m.passage]
	// Each citation links to its own words, and carries them in their
	// context for a preview.
	link := *r.w.passageLinks[source][m.passage]
	link.Href = to.Href + "#" + QuoteAnchor(p, span)
	link.Excerpt = excerpt(p.Text, span)
	if n.Embed {
		// An embedded passage is shown whole.
		link.Excerpt = wikilink.Excerpt{Before: p.Text[:span.Start], Words: p.Text[span.Start:span.End], After: p.Text[span.End:]}
	}
	if g := Grade(src, n.Credibility); g != "" {
		link.Mark += " · " + g
		link.Grade = GradeMeaning(src, n.Credibility)
	}
	return linkResult{
		to:      slot,
		link:    &link,
		quoted:  true,
		source:  source,
		passage: m.passage,
		span:    span,
	}
}

// resolveEventLink resolves the citation of an event that from (nil for
// the timeline) declares, at pos, and records it.
func (r *resolver) resolveEventLink(n *wikilink.Node, from int32, pos site.Pos) *Citation {
	res := r.lookup(n, pos)
	if res.diag != nil {
		r.diags = append(r.diags, *res.diag)
		return nil
	}
	if from >= 0 && from != res.to {
		r.eventLinks = append(r.eventLinks, [2]int32{from, res.to})
	}
	if !res.quoted {
		return nil
	}
	c := &Citation{Pos: pos, Source: r.idx.Content.Sources[res.source], Passage: res.passage, Quote: res.span, Credibility: n.Credibility}
	if from >= 0 {
		c.From = r.w.targets[from]
		r.idx.byTarget[from].citations = append(r.idx.byTarget[from].citations, c)
		r.eventCites = append(r.eventCites, eventCite{c, res.source})
	}
	r.idx.Citations = append(r.idx.Citations, c)
	return c
}

// eventCite is an event's citation and the index of the source it cites.
type eventCite struct {
	*Citation
	source int32
}

// CiteMark is the compact mark a citation shows: "Comillas 2015 ¶38".
func CiteMark(s *site.Source, p *site.Passage) string {
	name := CiteName(s)
	var page string
	switch pg := p.Pages; {
	case pg.First == 0:
	case pg.Last > pg.First:
		page = fmt.Sprintf(", pp. %d–%d", pg.First, pg.Last)
	default:
		page = fmt.Sprintf(", p. %d", pg.First)
	}
	switch {
	case p.Number == 0:
		return name + page
	case page != "":
		return fmt.Sprintf("%s%s, ¶%d", name, page, p.Number)
	}
	return fmt.Sprintf("%s ¶%d", name, p.Number)
}

// Grade is the Admiralty grade of a citation: the source's reliability
// letter, "?" when the source is not graded, and the credibility digit
// the citation gives, as in "B2"; "" when neither is known.
func Grade(s *site.Source, credibility int) string {
	letter := s.Meta.Reliability
	switch {
	case credibility == 0:
		return letter
	case letter == "":
		letter = "?"
	}
	return letter + strconv.Itoa(credibility)
}

// GradeMeaning spells out a citation's grade: "reliability B, usually
// reliable; credibility 2, probably true".
func GradeMeaning(s *site.Source, credibility int) string {
	var parts []string
	if r := s.Meta.Reliability; r != "" {
		parts = append(parts, "reliability "+r+", "+site.Reliabilities[r])
	} else if credibility > 0 {
		parts = append(parts, "source not graded")
	}
	if credibility > 0 {
		parts = append(parts, "credibility "+strconv.Itoa(credibility)+", "+site.Credibilities[credibility])
	}
	return strings.Join(parts, "; ")
}

// CiteName is the short name a source's citation marks give it: its
// cite: front matter, else its slug.
func CiteName(s *site.Source) string {
	if s.Meta.Cite != "" {
		return s.Meta.Cite
	}
	return s.Slug
}

// PassageAnchor is a passage's id in the print edition, where all sources
// share one page.
func PassageAnchor(s *site.Source, p *site.Passage) string {
	return "src-" + s.Slug + "-" + p.ID
}

// title is the title of the document a link target names, or "".
func (w *world) title(target string) string {
	if slot, ok := w.slots[target]; ok {
		return w.targets[slot].Title
	}
	return ""
}

// QuoteAnchor is the id of the place in a passage where a citation's
// words start, on the source's page. It is made of the words' place in
// the passage, so a citation knows it without counting the others, and
// two citations of the same words share it.
func QuoteAnchor(p *site.Passage, span site.Span) string {
	return p.ID + "-q" + strconv.Itoa(span.Start) + "-" + strconv.Itoa(span.End)
}

// excerptContext bounds the text a preview shows on either side of the
// quoted words, in bytes.
const excerptContext = 160

// excerpt is the quoted words of text in their sentence: from the start
// of the sentence they begin in to the end of the one they end in, cut
// at a word where that is more than excerptContext away.
func excerpt(text string, span site.Span) wikilink.Excerpt {
	start := sentenceStart(text, span.Start)
	before := ""
	if span.Start-start > excerptContext {
		start = span.Start - excerptContext
		for start < span.Start && text[start-1] != ' ' {
			start++
		}
		before = "… "
	}
	end := sentenceEnd(text, span.End)
	after := ""
	if end-span.End > excerptContext {
		end = span.End + excerptContext
		for end > span.End && text[end] != ' ' {
			end--
		}
		after = " …"
	}
	return wikilink.Excerpt{
		Before: before + strings.TrimLeft(text[start:span.Start], " "),
		Words:  text[span.Start:span.End],
		After:  strings.TrimRight(text[span.End:end], " ") + after,
	}
}

// SentenceAround is the sentence, or the run of sentences, of text that
// span stands in: from the start of the one it starts in to the end of
// the one it ends in.
func SentenceAround(text string, span site.Span) (start, end int) {
	return sentenceStart(text, span.Start), sentenceEnd(text, span.End)
}

// sentenceStart is where the sentence holding text[at] starts: after the
// last ". ", "? " or "! " before at.
func sentenceStart(text string, at int) int {
	for i := at - 1; i > 0; i-- {
		if text[i] == ' ' && endsSentence(text[i-1]) {
			return i + 1
		}
	}
	return 0
}

// sentenceEnd is where the sentence holding text[at-1] ends: after the
// first '.', '?' or '!' followed by a space or the end, from at on.
func sentenceEnd(text string, at int) int {
	for i := max(at, 1); i < len(text); i++ {
		if endsSentence(text[i-1]) && text[i] == ' ' {
			return i
		}
	}
	return len(text)
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
