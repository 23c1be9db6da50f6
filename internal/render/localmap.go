package render

import (
	"cmp"
	"html"
	"html/template"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/dossier-dev/dossier/internal/graph"
	"github.com/dossier-dev/dossier/internal/layout"
	"github.com/dossier-dev/dossier/internal/resolve"
	"github.com/dossier-dev/dossier/internal/site"
	"github.com/dossier-dev/dossier/internal/smartquote"
)

// localGraph is a page's node and its neighbours, drawn around it.
type localGraph struct {
	SVG template.HTML
	// Shown and Total count the neighbours drawn and all of them.
	Shown, Total int
	Graph        string
}

// maxLocal caps the neighbours a local graph draws, the heaviest
// first: more would not fit their labels.
const maxLocal = 12

// relations name a neighbour's direction (neighbour.dir) in its title.
var relations = [4]string{1: "linked to", 2: "links here", 3: "links both ways"}

// neighbour is a node beside a page's own on the map of links.
type neighbour struct {
	t *resolve.Target
	// dir is 1 where the page links to the node, 2 where the node links
	// to the page, 3 both.
	dir byte
	// weight is the node's weight on the map (gnode.weight).
	weight int
}

// neighboursOf lists the nodes the map of links joins to t, as
// linkGraphOf joins them, in the order found: what t links to first.
// note is t's note, for a note. It reads them from the index rather than
// from the whole map, which a page's local map would otherwise need
// made: under serve, that is after every edit, for the one page open
// (19 ms at 10,000 notes).
func (b *builder) neighboursOf(t *resolve.Target, note *site.Note) []neighbour {
	idx := b.idx
	dir := map[*resolve.Target]byte{}
	var found []*resolve.Target
	join := func(m *resolve.Target, d byte) {
		if dir[m] == 0 {
			found = append(found, m)
		}
		dir[m] |= d
	}
	for _, m := range idx.Links(t.Slug) {
		join(m, 1)
	}
	if note != nil {
		for _, ref := range note.Themes {
			// Resolve reports a theme the dossier lacks, and no page of
			// that build is made; this keeps a nil target off the map all
			// the same, as NotesOfTheme keeps it off the whole map.
			if th := idx.Target(ref.Slug); th != nil && th.Kind == resolve.KindTheme {
				join(th, 1)
			}
		}
		for _, e := range idx.EntitiesNamedBy(note) {
			join(idx.Target(e.Slug), 1)
		}
	}
	eachLinkTo(idx, t, func(m *resolve.Target) { join(m, 2) })
	out := make([]neighbour, len(found))
	for i, m := range found {
		out[i] = neighbour{t: m, dir: dir[m], weight: b.weightOf(m)}
	}
	return out
}

// eachLinkTo calls fn for each node that links to t on the map: its
// backlinks, a theme's notes and the notes naming an entity. A note may
// come twice, by a backlink and as a theme's.
func eachLinkTo(idx *resolve.Index, t *resolve.Target, fn func(*resolve.Target)) {
	for _, b := range idx.Backlinks(t.Slug) {
		fn(b)
	}
	for _, n := range hubNotes(idx, t) {
		fn(idx.Target(n.Slug))
	}
}

// hubNotes are the notes the map links to a theme (its notes) or to an
// entity (the notes naming it), each once; none for another kind.
func hubNotes(idx *resolve.Index, t *resolve.Target) []*site.Note {
	switch t.Kind {
	case resolve.KindTheme:
		return idx.NotesOfTheme(t.Slug)
	case resolve.KindEntity:
		return idx.NoteMentions(t.Slug)
	}
	return nil
}

// weightOf is t's weight on the map: the nodes that link to it, and a
// source's citations.
func (b *builder) weightOf(t *resolve.Target) int {
	switch t.Kind {
	case resolve.KindTheme, resolve.KindEntity:
		return b.hubs.of(t)
	case resolve.KindSource:
		i := slices.IndexFunc(b.idx.Content.Sources, func(s *site.Source) bool { return s.Slug == t.Slug })
		return len(b.idx.Backlinks(t.Slug)) + b.idx.CitationCount(b.idx.Content.Sources[i])
	}
	// A document's backlinks are each another document, once.
	return len(b.idx.Backlinks(t.Slug))
}

// hubWeights weighs themes and entities as local maps ask for them:
// the nodes that link to each, once each. A theme may be the neighbour
// of thousands of pages, so each is weighed once; under serve, the page
// open needs only its own few.
type hubWeights struct {
	idx     *resolve.Index
	mu      sync.Mutex
	weights map[*resolve.Target]int
}

func newHubWeights(idx *resolve.Index) *hubWeights {
	return &hubWeights{idx: idx, weights: map[*resolve.Target]int{}}
}

func (h *hubWeights) of(t *resolve.Target) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	if w, ok := h.weights[t]; ok {
		return w
	}
	w := weighHub(h.idx, t)
	h.weights[t] = w
	return w
}

// weighHub counts the nodes eachLinkTo gives for a theme or entity, once
// each: its notes, which its list holds once each, and its backlinks,
// less those among the notes. The backlinks are few and the notes may
// be thousands, so only the backlinks go in a set.
func weighHub(idx *resolve.Index, t *resolve.Target) int {
	notes := hubNotes(idx, t)
	backlinks := idx.Backlinks(t.Slug)
	back := make(map[string]bool, len(backlinks))
	for _, b := range backlinks {
		back[b.Slug] = true
	}
	w := len(notes) + len(backlinks)
	for _, n := range notes {
		if back[n.Slug] {
			w--
		}
	}
	return w
}

// mapOrder compares nodes as the map of links orders them by kind:
// themes in their configured order, then sources, entities and notes,
// each kind by slug.
func mapOrder(idx *resolve.Index) func(a, b *resolve.Target) int {
	theme := func(t *resolve.Target) int {
		return slices.IndexFunc(idx.Themes, func(th *site.Theme) bool { return th.Slug == t.Slug })
	}
	return func(a, b *resolve.Target) int {
		if c := cmp.Compare(kindRank(a.Kind), kindRank(b.Kind)); c != 0 || a.Kind != resolve.KindTheme {
			return cmp.Or(c, strings.Compare(a.Slug, b.Slug))
		}
		return cmp.Compare(theme(a), theme(b))
	}
}

// localGraph draws the page's node with what it links to and what links
// to it, one hop, around it: the heaviest maxLocal of them, those the
// page links to first where weights are equal.
// note is the page's note, for a note page.
func (b *builder) localGraph(slug string, note *site.Note, root string) *localGraph {
	self := b.idx.Target(slug)
	if self == nil {
		return nil
	}
	near := b.neighboursOf(self, note)
	if len(near) == 0 {
		return nil
	}
	total := len(near)
	order := mapOrder(b.idx)
	byOrder := func(x, y neighbour) int { return order(x.t, y.t) }
	if len(near) > maxLocal {
		slices.SortFunc(near, func(x, y neighbour) int {
			return cmp.Or(cmp.Compare(y.weight, x.weight), cmp.Compare(x.dir&1^1, y.dir&1^1), byOrder(x, y))
		})
		near = near[:maxLocal]
	}
	slices.SortFunc(near, byOrder)
	const cx, cy = 230, 115
	pts := graph.Radial(len(near), cx, cy, 75, 85)
	// Written straight into one buffer: a build draws a map on nearly
	// every page, and joining strings for each part was most of its cost.
	buf := make([]byte, 0, 4096)
	buf = append(buf, `<svg class="local-map" viewBox="0 0 460 230" aria-labelledby="local-map-title"><title id="local-map-title">Links of this page</title><path class="e" d="`...)
	for _, p := range pts {
		buf = append(buf, "M230 115L"...)
		buf = appendNum(buf, p.X)
		buf = append(buf, ' ')
		buf = appendNum(buf, p.Y)
	}
	buf = append(buf, `"/>`...)
	for i, m := range near {
		p := pts[i]
		title := smartquote.Curl(m.t.Title)
		// Labels go beside the node, or above and below it at the top
		// and bottom of the ring, out of the way of the lines.
		x, y, anchor := p.X+8, p.Y+4, ""
		switch {
		case math.Abs(p.X-cx) < 20 && p.Y < cy:
			x, y, anchor = p.X, p.Y-9, "middle"
		case math.Abs(p.X-cx) < 20:
			x, y, anchor = p.X, p.Y+16, "middle"
		case p.X < cx:
			x, anchor = p.X-8, "end"
		}
		buf = append(buf, `<a class="n `...)
		buf = append(buf, kindClass(m.t.Kind)...)
		buf = append(buf, `" href="`...)
		buf = append(buf, html.EscapeString(root)...)
		buf = append(buf, html.EscapeString(m.t.Href)...)
		buf = append(buf, `"><title>`...)
		buf = append(buf, html.EscapeString(title)...)
		buf = append(buf, " ("...)
		buf = append(buf, m.t.Kind...)
		buf = append(buf, ", "...)
		buf = append(buf, relations[m.dir]...)
		buf = append(buf, `)</title><circle cx="`...)
		buf = appendNum(buf, p.X)
		buf = append(buf, `" cy="`...)
		buf = appendNum(buf, p.Y)
		buf = append(buf, `" r="5"/><text x="`...)
		buf = appendNum(buf, x)
		buf = append(buf, `" y="`...)
		buf = appendNum(buf, y)
		if anchor != "" {
			buf = append(buf, `" text-anchor="`...)
			buf = append(buf, anchor...)
		}
		buf = append(buf, `">`...)
		buf = append(buf, html.EscapeString(shorten(title, 22))...)
		buf = append(buf, `</text></a>`...)
	}
	buf = append(buf, `<circle class="here `...)
	buf = append(buf, kindClass(self.Kind)...)
	buf = append(buf, `" cx="230" cy="115" r="9"/></svg>`...)
	return &localGraph{SVG: template.HTML(buf), Shown: len(near), Total: total, Graph: layout.Page(layout.GraphDir)}
}
