package render

import (
	"fmt"
	"maps"
	"slices"

	"github.com/dossier-dev/dossier/internal/site"
)

// UseTmplexec says whether Renderers made from now on run their
// templates with tmplexec or with html/template only.
func UseTmplexec(on bool) { useTmplexec = on }

// Compiled lists the page templates tmplexec runs for s.
func Compiled(s *Site) []string { return slices.Sorted(maps.Keys(s.r.programs)) }

// Neighbourhoods describes the neighbours of every node of the map of
// links twice, each as sorted "slug direction weight" lines by the
// node's slug: as local maps read them from the index (neighboursOf),
// and as the whole map (linkGraphOf) has them.
func Neighbourhoods(s *Site) (local, whole map[string][]string) {
	b := s.b
	idx := b.idx
	g := linkGraphOf(idx)
	slugOf := map[string]string{} // a node's href -> its slug
	local = map[string][]string{}
	add := func(slug string, note *site.Note) {
		t := idx.Target(slug)
		slugOf[t.Href] = slug
		for _, n := range b.neighboursOf(t, note) {
			local[slug] = append(local[slug], fmt.Sprintf("%s %d %d", n.t.Slug, n.dir, n.weight))
		}
		slices.Sort(local[slug])
	}
	for _, t := range idx.Themes {
		add(t.Slug, nil)
	}
	for _, src := range idx.Content.Sources {
		add(src.Slug, nil)
	}
	for _, e := range idx.Content.Entities {
		add(e.Slug, nil)
	}
	for _, n := range idx.Content.Notes {
		add(n.Slug, n)
	}
	whole = map[string][]string{}
	for i, node := range g.nodes {
		dir := map[int32]byte{}
		for _, m := range g.out[i] {
			dir[m] |= 1
		}
		for _, m := range g.in[i] {
			dir[m] |= 2
		}
		slug := slugOf[node.href]
		for m, d := range dir {
			whole[slug] = append(whole[slug], fmt.Sprintf("%s %d %d", slugOf[g.nodes[m].href], d, g.nodes[m].weight))
		}
		slices.Sort(whole[slug])
	}
	return local, whole
}
