package resolve

import (
	"cmp"
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/internal/layout"
	"github.com/dossier-dev/dossier/internal/site"
	"github.com/dossier-dev/dossier/internal/wikilink"
)

// world is everything a link lookup reads besides the document itself:
// the targets, the sources and which document is which target. What is
// derived from it alone (targets, their order, the links to them) is made
// once and shared by every build that sees the same world, so that a
// build after an edit to one note's body does no work per target.
type world struct {
	// version tells worlds apart: what was resolved in one version holds
	// in every build of that version.
	version uint64
	// What the world was made from, to compare the next build's with.
	targetKeys []targetKey
	sourceKeys []sourceKey
	docSlugs   []string // of each parsed document; "" for the summary

	targets []*Target
	slots   map[string]int32 // slug -> index in targets
	sources map[string]int32 // source slug -> index in Content.Sources
	// froms are the slots of the parsed documents, -1 for the summary and
	// documents that are no target.
	froms []int32
	// rank orders targets as backlinks list them, by kind and then title
	// whatever its case; equal keys have equal ranks.
	rank []int32
	// byTitle lists the parsed documents that are targets, by title and
	// in document order where titles are equal: the order in which a
	// passage lists its citations.
	byTitle []int32
	// links are what a plain link to each target resolves to, and
	// passageLinks what a quote of each passage of each source does.
	links        []*wikilink.Link
	passageLinks [][]*wikilink.Link
}

// kindPages give the path of each kind's page from its slug.
var kindPages = map[Kind]func(slug string) string{KindSource: layout.Source, KindNote: layout.Note, KindTheme: layout.Theme, KindEntity: layout.Entity}

type targetKey struct {
	kind        Kind
	slug, title string
	// summary is a note's, which an embedding of the note shows.
	summary string
}

type sourceKey struct {
	slug, body, rules, cite string
}

// eachTarget calls add for every document a link can point at.
func eachTarget(c *site.Content, add func(key targetKey)) {
	for _, s := range c.Sources {
		add(targetKey{KindSource, s.Slug, SourceTitle(s), ""})
	}
	for _, n := range c.Notes {
		add(targetKey{KindNote, n.Slug, n.Title, n.Summary})
	}
	for _, t := range c.Themes {
		add(targetKey{KindTheme, t.Slug, t.Title, ""})
	}
	for _, e := range c.Entities {
		add(targetKey{KindEntity, e.Slug, e.Title, ""})
	}
}

// sameAs reports whether w is the world of c and parsed. It compares
// strings that, in a build after an edit, are mostly the very same
// strings, so it costs little more than a walk over the documents.
func (w *world) sameAs(c *site.Content, parsed []*Parsed) bool {
	if len(c.Sources) != len(w.sourceKeys) || len(parsed) != len(w.docSlugs) {
		return false
	}
	same, i := true, 0
	eachTarget(c, func(key targetKey) {
		same = same && i < len(w.targetKeys) && w.targetKeys[i] == key
		i++
	})
	if !same || i != len(w.targetKeys) {
		return false
	}
	for i, s := range c.Sources {
		if w.sourceKeys[i] != (sourceKey{s.Slug, s.Body, rulesKey(s), s.Meta.Cite}) {
			return false
		}
	}
	for i, p := range parsed {
		if w.docSlugs[i] != p.Slug() {
			return false
		}
	}
	return true
}

// newWorld makes the world of c and parsed.
func newWorld(version uint64, c *site.Content, parsed []*Parsed) *world {
	w := &world{version: version, slots: map[string]int32{}, sources: map[string]int32{}}
	eachTarget(c, func(key targetKey) {
		w.targetKeys = append(w.targetKeys, key)
		kind, slug := key.kind, key.slug
		t := &Target{Kind: kind, Slug: slug, Title: key.title, Href: kindPages[kind](slug), Anchor: string(kind) + "-" + slug}
		// A later document with a taken slug takes its place, as it
		// would in a map of slugs.
		if slot, ok := w.slots[slug]; ok {
			w.targets[slot] = t
			return
		}
		w.slots[slug] = int32(len(w.targets))
		w.targets = append(w.targets, t)
	})
	for i, s := range c.Sources {
		w.sourceKeys = append(w.sourceKeys, sourceKey{s.Slug, s.Body, rulesKey(s), s.Meta.Cite})
		w.sources[s.Slug] = int32(i)
	}
	w.froms = make([]int32, len(parsed))
	for i, p := range parsed {
		slug := p.Slug()
		w.docSlugs = append(w.docSlugs, slug)
		w.froms[i] = -1
		if slot, ok := w.slots[slug]; ok && slug != "" {
			w.froms[i] = slot
		}
	}
	w.rankTargets()
	w.byTitle = make([]int32, 0, len(parsed))
	for i, slot := range w.froms {
		if slot >= 0 {
			w.byTitle = append(w.byTitle, int32(i))
		}
	}
	slices.SortStableFunc(w.byTitle, func(a, b int32) int {
		return cmp.Compare(w.targets[w.froms[a]].Title, w.targets[w.froms[b]].Title)
	})
	w.links = make([]*wikilink.Link, len(w.targets))
	for i, t := range w.targets {
		w.links[i] = &wikilink.Link{Href: t.Href, PrintHref: "#" + t.Anchor, Title: t.Title}
	}
	for _, key := range w.targetKeys {
		if key.summary != "" {
			w.links[w.slots[key.slug]].Summary = key.summary
		}
	}
	w.passageLinks = make([][]*wikilink.Link, len(c.Sources))
	for i, s := range c.Sources {
		to := w.target(s.Slug)
		if to.Kind != KindSource || w.sources[s.Slug] != int32(i) {
			continue // a quote of this slug cites another document
		}
		links := make([]*wikilink.Link, len(s.Passages))
		for j := range s.Passages {
			p := &s.Passages[j]
			links[j] = &wikilink.Link{
				Href:      to.Href + "#" + p.ID,
				PrintHref: "#" + PassageAnchor(s, p),
				Title:     to.Title,
				Mark:      CiteMark(s, p),
			}
		}
		w.passageLinks[i] = links
	}
	return w
}

// rankTargets numbers the targets in backlink order. Sorting by rank
// then compares as sorting by kind and title does, without lower-casing
// two titles for each comparison.
func (w *world) rankTargets() {
	type keyed struct {
		slot  int32
		title string
	}
	all := make([]keyed, len(w.targets))
	for i, t := range w.targets {
		all[i] = keyed{int32(i), strings.ToLower(t.Title)}
	}
	order := func(a, b keyed) int {
		return cmp.Or(cmp.Compare(w.targets[a.slot].Kind, w.targets[b.slot].Kind), cmp.Compare(a.title, b.title))
	}
	slices.SortFunc(all, order)
	w.rank = make([]int32, len(all))
	for i, k := range all {
		w.rank[k.slot] = int32(i)
		if i > 0 && order(all[i-1], k) == 0 {
			w.rank[k.slot] = w.rank[all[i-1].slot]
		}
	}
}

// target returns the document with slug, or nil.
func (w *world) target(slug string) *Target {
	if slot, ok := w.slots[slug]; ok {
		return w.targets[slot]
	}
	return nil
}
