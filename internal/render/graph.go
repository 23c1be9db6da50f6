package render

import (
	"cmp"
	"html"
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/dossier-dev/dossier/internal/graph"
	"github.com/dossier-dev/dossier/internal/layout"
	"github.com/dossier-dev/dossier/internal/resolve"
	"github.com/dossier-dev/dossier/internal/site"
	"github.com/dossier-dev/dossier/internal/smartquote"
)

// linkGraph is the dossier as a map: themes, sources, entities and
// notes, in that order, and what links each to which. A link is a
// wikilink or citation, a note's theme, or an entity a note names; it
// is kept once per pair and direction.
type linkGraph struct {
	nodes []gnode
	// out and in are each node's neighbours by index, in node order.
	out, in [][]int32
	themes  []gtheme
}

type gnode struct {
	kind  resolve.Kind
	title string
	href  string
	// weight is how much refers to the node: its incoming links, and a
	// source's citations.
	weight int
	// themes has bit t set when the node belongs to theme t: a note by
	// its front matter, a theme itself, a source or entity by the notes
	// it links with.
	themes uint64
}

type gtheme struct{ slug, title string }

// graphKinds are the kinds of node, in node order, with their labels.
var graphKinds = []struct {
	kind         resolve.Kind
	label, class string
}{
	{resolve.KindTheme, "Themes", "k-theme"},
	{resolve.KindSource, "Sources", "k-source"},
	{resolve.KindEntity, "Entities", "k-entity"},
	{resolve.KindNote, "Notes", "k-note"},
}

// kindRank is k's place in graphKinds, the map's order of kinds; past
// the end for a kind the map has not.
func kindRank(k resolve.Kind) int {
	for i, g := range graphKinds {
		if g.kind == k {
			return i
		}
	}
	return len(graphKinds)
}

func kindClass(k resolve.Kind) string {
	if i := kindRank(k); i < len(graphKinds) {
		return graphKinds[i].class
	}
	return ""
}

func linkGraphOf(idx *resolve.Index) *linkGraph {
	c := idx.Content
	g := &linkGraph{}
	size := len(c.Notes) + len(c.Sources) + len(c.Entities) + len(idx.Themes)
	bySlug := make(map[string]int32, size)
	// The links are found by target and by note, pointers that hash
	// much faster than slugs: at 10,000 notes the graph is made for the
	// first page with a local map after every edit under serve.
	byTarget := make(map[*resolve.Target]int32, size)
	byNote := make(map[*site.Note]int32, len(c.Notes))
	var targets []*resolve.Target
	add := func(slug string) (int32, bool) {
		t := idx.Target(slug)
		if t == nil {
			return 0, false
		}
		if _, dup := bySlug[slug]; dup {
			return 0, false
		}
		n := int32(len(g.nodes))
		bySlug[slug], byTarget[t] = n, n
		targets = append(targets, t)
		g.nodes = append(g.nodes, gnode{kind: t.Kind, title: smartquote.Curl(t.Title), href: t.Href})
		return n, true
	}
	for i, t := range idx.Themes {
		n, ok := add(t.Slug)
		if i < 64 {
			g.themes = append(g.themes, gtheme{slug: t.Slug, title: smartquote.Curl(t.Title)})
			if ok {
				g.nodes[n].themes |= 1 << i
			}
		}
	}
	for _, s := range c.Sources {
		if n, ok := add(s.Slug); ok {
			g.nodes[n].weight += idx.CitationCount(s)
		}
	}
	for _, e := range c.Entities {
		add(e.Slug)
	}
	themeBit := map[string]uint64{}
	for i, t := range g.themes {
		themeBit[t.slug] = 1 << i
	}
	for _, note := range c.Notes {
		if n, ok := add(note.Slug); ok {
			byNote[note] = n
			for _, t := range note.Themes {
				g.nodes[n].themes |= themeBit[t.Slug]
			}
		}
	}
	g.out = make([][]int32, len(g.nodes))
	g.in = make([][]int32, len(g.nodes))
	link := func(from, to int32) {
		if from != to {
			g.out[from] = append(g.out[from], to)
		}
	}
	for to, t := range targets {
		for _, b := range idx.Backlinks(t.Slug) {
			if from, ok := byTarget[b]; ok {
				link(from, int32(to))
			}
		}
	}
	for _, t := range idx.Themes {
		to, ok := bySlug[t.Slug]
		for _, n := range idx.NotesOfTheme(t.Slug) {
			if from, ok2 := byNote[n]; ok && ok2 {
				link(from, to)
			}
		}
	}
	for _, e := range c.Entities {
		to, ok := bySlug[e.Slug]
		for _, n := range idx.NoteMentions(e.Slug) {
			if from, ok2 := byNote[n]; ok && ok2 {
				link(from, to)
			}
		}
	}
	for from, tos := range g.out {
		slices.Sort(tos)
		g.out[from] = slices.Compact(tos)
		for _, to := range g.out[from] {
			g.in[to] = append(g.in[to], int32(from))
		}
	}
	// in is in node order: from ascends as it is filled.
	for i := range g.nodes {
		g.nodes[i].weight += len(g.in[i])
		if g.nodes[i].kind == resolve.KindSource || g.nodes[i].kind == resolve.KindEntity {
			for _, n := range g.in[i] {
				g.nodes[i].themes |= g.nodes[n].themes
			}
			for _, n := range g.out[i] {
				g.nodes[i].themes |= g.nodes[n].themes
			}
		}
	}
	return g
}

// radius is the size of a node's circle in the full map.
func radius(weight int) float64 { return min(3+1.6*math.Sqrt(float64(weight)), 16) }

// maxMapNodes caps the nodes the full map draws: beyond a few hundred
// an SVG is slow to draw and too dense to read. The themes are always
// drawn; the others are taken by weight.
const maxMapNodes = 300

// maxLabels is how many of the heaviest nodes the full map labels.
const maxLabels = 40

// graphData is the graph page's view.
type graphData struct {
	SVG    template.HTML
	Kinds  []graphKind
	Themes []graphThemeOption
	// Shown and Total count the nodes drawn and all of them.
	Shown, Total int
	// Groups are the drawn nodes by kind, with their links: the list
	// view.
	Groups []graphGroup
}

type graphKind struct {
	Class, Label string
	Shown, Total int
}

type graphThemeOption struct {
	Class, Title string
}

type graphGroup struct {
	Class, Label string
	Nodes        []graphListNode
}

type graphListNode struct {
	Title, Href, Classes string
	LinksTo, LinkedFrom  []graphListLink
	// MoreTo and MoreFrom count the drawn links not listed.
	MoreTo, MoreFrom int
}

// maxListLinks caps the links the list view gives a node each way.
const maxListLinks = 10

type graphListLink struct{ Title, Href string }

// graphPage is the map of links: the drawn nodes laid out at build
// time, filters, and the same nodes as a list.
func (b *builder) graphPage() *page {
	p := b.newPage(layout.GraphDir, "graph", "Map of links")
	p.Description = "Notes, sources, themes and entities as a map of links."
	g := b.links()
	chosen := g.choose(maxMapNodes)
	d := &graphData{Shown: len(chosen), Total: len(g.nodes)}
	for _, k := range graphKinds {
		gk := graphKind{Class: k.class, Label: k.label}
		for _, n := range g.nodes {
			if n.kind == k.kind {
				gk.Total++
			}
		}
		for _, n := range chosen {
			if g.nodes[n].kind == k.kind {
				gk.Shown++
			}
		}
		if gk.Total > 0 {
			d.Kinds = append(d.Kinds, gk)
		}
	}
	for i, t := range g.themes {
		if i < maxThemeFilters {
			d.Themes = append(d.Themes, graphThemeOption{Class: "g" + strconv.Itoa(i), Title: t.title})
		}
	}
	d.SVG = g.mapSVG(chosen, p.Root)
	d.Groups = g.listGroups(chosen)
	p.Data = d
	return p
}

// maxThemeFilters is how many themes the map can be filtered by: the
// stylesheet has a rule for each.
const maxThemeFilters = 12

// choose picks at most max nodes to draw, in node order: every theme,
// then the others by weight and links out, heaviest first.
func (g *linkGraph) choose(limit int) []int32 {
	all := make([]int32, len(g.nodes))
	for i := range all {
		all[i] = int32(i)
	}
	if len(all) <= limit {
		return all
	}
	score := func(i int32) int { return g.nodes[i].weight + len(g.out[i]) }
	slices.SortStableFunc(all, func(a, b int32) int {
		ta, tb := g.nodes[a].kind == resolve.KindTheme, g.nodes[b].kind == resolve.KindTheme
		if ta != tb {
			if ta {
				return -1
			}
			return 1
		}
		return cmp.Compare(score(b), score(a))
	})
	all = all[:limit]
	slices.Sort(all)
	return all
}

// classes are a node's classes in the map: its kind and its themes.
func (g *linkGraph) classes(n int32) string {
	var b strings.Builder
	b.WriteString(kindClass(g.nodes[n].kind))
	writeThemes(&b, g.nodes[n].themes)
	return b.String()
}

func writeThemes(b *strings.Builder, themes uint64) {
	for t := 0; t < maxThemeFilters; t++ {
		if themes&(1<<t) != 0 {
			b.WriteString(" g")
			b.WriteString(strconv.Itoa(t))
		}
	}
}

// mapSVG draws the chosen nodes and the links between them. Links come
// first so that nodes sit on top; nodes are in node order, which is the
// order Tab takes through them: themes, sources, entities, notes.
func (g *linkGraph) mapSVG(chosen []int32, root string) template.HTML {
	at := make(map[int32]int32, len(chosen))
	r := make([]float64, len(chosen))
	for i, n := range chosen {
		at[n] = int32(i)
		r[i] = radius(g.nodes[n].weight)
	}
	var edges [][2]int32
	for i, n := range chosen {
		for _, to := range g.out[n] {
			if j, ok := at[to]; ok {
				edges = append(edges, [2]int32{int32(i), j})
			}
		}
	}
	res := graph.Layout(r, edges, graph.Options{})
	labelled := map[int32]bool{}
	byWeight := slices.Clone(chosen)
	slices.SortStableFunc(byWeight, func(a, b int32) int { return cmp.Compare(g.nodes[b].weight, g.nodes[a].weight) })
	for i, n := range byWeight {
		if i < maxLabels || g.nodes[n].kind == resolve.KindTheme {
			labelled[n] = true
		}
	}
	var b strings.Builder
	font := math.Round(res.Width / 90)
	b.WriteString(`<svg class="graph-map" viewBox="0 0 `)
	b.WriteString(num(res.Width))
	b.WriteString(" ")
	b.WriteString(num(res.Height))
	b.WriteString(`" font-size="`)
	b.WriteString(num(font))
	b.WriteString(`" aria-labelledby="graph-map-title"><title id="graph-map-title">Map of links</title><g class="edges">`)
	for _, e := range edges {
		a, c := chosen[e[0]], chosen[e[1]]
		pa, pc := res.Pos[e[0]], res.Pos[e[1]]
		b.WriteString(`<path class="e `)
		b.WriteString(kindClass(g.nodes[a].kind))
		if kc := kindClass(g.nodes[c].kind); kc != kindClass(g.nodes[a].kind) {
			b.WriteString(" ")
			b.WriteString(kc)
		}
		// A link shows under a theme filter when both ends do.
		writeThemes(&b, g.nodes[a].themes&g.nodes[c].themes)
		b.WriteString(`" d="M`)
		b.WriteString(num(pa.X) + " " + num(pa.Y) + "L" + num(pc.X) + " " + num(pc.Y))
		b.WriteString(`"/>`)
	}
	b.WriteString(`</g><g class="nodes">`)
	for i, n := range chosen {
		node := &g.nodes[n]
		p := res.Pos[i]
		b.WriteString(`<a class="n `)
		b.WriteString(g.classes(n))
		b.WriteString(`" href="`)
		b.WriteString(html.EscapeString(root + node.href))
		b.WriteString(`"><title>`)
		b.WriteString(html.EscapeString(node.title + " (" + string(node.kind) + ", " + plural(len(g.in[n])+len(g.out[n]), "link", "links") + ")"))
		b.WriteString(`</title><circle cx="`)
		b.WriteString(num(p.X) + `" cy="` + num(p.Y) + `" r="` + num(r[i]))
		b.WriteString(`"/>`)
		if labelled[n] {
			b.WriteString(`<text x="`)
			b.WriteString(num(p.X+r[i]+2) + `" y="` + num(p.Y+font/3))
			b.WriteString(`">`)
			b.WriteString(html.EscapeString(shorten(node.title, 28)))
			b.WriteString(`</text>`)
		}
		b.WriteString(`</a>`)
	}
	b.WriteString(`</g></svg>`)
	return template.HTML(b.String())
}

// listGroups are the chosen nodes by kind, each with the chosen nodes
// it links to and from.
func (g *linkGraph) listGroups(chosen []int32) []graphGroup {
	drawn := make(map[int32]bool, len(chosen))
	for _, n := range chosen {
		drawn[n] = true
	}
	// A node lists at most maxListLinks each way, and counts the rest:
	// a theme's hundreds of notes are on its own page.
	links := func(ns []int32) ([]graphListLink, int) {
		var out []graphListLink
		more := 0
		for _, n := range ns {
			switch {
			case !drawn[n]:
			case len(out) == maxListLinks:
				more++
			default:
				out = append(out, graphListLink{Title: g.nodes[n].title, Href: g.nodes[n].href})
			}
		}
		return out, more
	}
	var groups []graphGroup
	for _, k := range graphKinds {
		grp := graphGroup{Class: k.class, Label: k.label}
		for _, n := range chosen {
			if g.nodes[n].kind != k.kind {
				continue
			}
			v := graphListNode{Title: g.nodes[n].title, Href: g.nodes[n].href, Classes: g.classes(n)}
			v.LinksTo, v.MoreTo = links(g.out[n])
			v.LinkedFrom, v.MoreFrom = links(g.in[n])
			grp.Nodes = append(grp.Nodes, v)
		}
		if len(grp.Nodes) > 0 {
			groups = append(groups, grp)
		}
	}
	return groups
}

// num writes a coordinate rounded to a whole unit: enough at the sizes
// drawn, and short.
func num(f float64) string { return string(appendNum(nil, f)) }

// appendNum appends a coordinate as num writes it.
func appendNum(b []byte, f float64) []byte { return strconv.AppendInt(b, int64(math.Round(f)), 10) }

// shorten cuts s to at most n characters, marking a cut with an
// ellipsis.
func shorten(s string, n int) string {
	if len(s) <= n {
		return s // no more characters than bytes
	}
	if r := []rune(s); len(r) > n {
		return strings.TrimSpace(string(r[:n-1])) + "…"
	}
	return s
}
