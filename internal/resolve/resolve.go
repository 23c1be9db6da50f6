// Package resolve builds the dossier's one index from loaded content,
// cleaned sources and parsed Markdown: it resolves every wikilink and
// quote citation, tags source passages with themes, finds entity
// mentions, and gathers backlinks and timeline events. Everything it
// cannot resolve is a diagnostic.
package resolve

import (
	"cmp"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/dossier-dev/dossier/internal/site"
	"github.com/dossier-dev/dossier/internal/wikilink"
)

// Kind is the kind of a linkable document.
type Kind string

// The kinds of document a wikilink can point at, and the summary, which
// links but is not linked to.
const (
	KindSource  Kind = "source"
	KindNote    Kind = "note"
	KindTheme   Kind = "theme"
	KindEntity  Kind = "entity"
	KindSummary Kind = "summary"
)

// Parsed is a Markdown document ready to resolve: a note, theme overview,
// entity description or the summary.
type Parsed struct {
	Kind Kind
	Doc  *site.Doc
	Src  []byte
	AST  ast.Node
}

// Target is a document a link can point at.
type Target struct {
	Kind  Kind
	Slug  string
	Title string
	// Href is relative to the site root: "notes/x/index.html", explicit so
	// that links work opened from disk.
	Href string
	// Anchor is the document's id in the print edition.
	Anchor string
}

// Citation is one quote citation: who cites which passage, where, and in
// what sentence.
type Citation struct {
	From     *Target
	Pos      site.Pos
	Source   *site.Source
	Passage  int // index into Source.Passages
	Quote    site.Span
	Sentence string
}

// Event is a timeline event with its verified citation.
type Event struct {
	site.Event
	Citation *Citation
	// From is the note that declares the event; nil for timeline.yaml.
	From *Target
}

// ThemeMatch is a source passage that a theme's terms tag.
type ThemeMatch struct {
	Source  *site.Source
	Passage int
	Spans   []site.Span
	Terms   []string
}

// Mention is an entity named in a source passage.
type Mention struct {
	Source  *site.Source
	Passage int
	Span    site.Span
}

// Index is everything the renderer needs to know about how documents
// refer to each other.
type Index struct {
	Content   *site.Content
	Parsed    []*Parsed
	Citations []*Citation
	Events    []*Event
	// Themes lists the themes in the configured order.
	Themes []*site.Theme

	targets      map[string]*Target
	quotes       map[*site.Source]*quoteIndex
	cited        map[*site.Source]map[int][]*Citation
	citationsBy  map[string][]*Citation
	eventsBy     map[string][]*Event
	backlinks    map[string][]*Target
	themeMatches map[string][]ThemeMatch
	passageTheme map[*site.Source]map[int][]string
	mentions     map[string][]Mention
	noteMentions map[string][]*site.Note
	notesByTheme map[string][]*site.Note
}

// Resolve builds the index. The Link of every wikilink node in parsed is
// set, ready for rendering. cache, which may be nil, carries work on
// unchanged sources over from an earlier Resolve.
func Resolve(c *site.Content, parsed []*Parsed, cache *Cache) (*Index, site.Diagnostics) {
	r := &resolver{cache: cache, sources: map[string]*site.Source{}, linked: map[backlinkPair]struct{}{}, idx: &Index{
		Content:      c,
		Parsed:       parsed,
		targets:      map[string]*Target{},
		quotes:       map[*site.Source]*quoteIndex{},
		cited:        map[*site.Source]map[int][]*Citation{},
		citationsBy:  map[string][]*Citation{},
		eventsBy:     map[string][]*Event{},
		backlinks:    map[string][]*Target{},
		themeMatches: map[string][]ThemeMatch{},
		passageTheme: map[*site.Source]map[int][]string{},
		mentions:     map[string][]Mention{},
		noteMentions: map[string][]*site.Note{},
		notesByTheme: map[string][]*site.Note{},
	}}
	r.collectTargets()
	r.orderThemes()
	r.resolveAllLinks()
	r.resolveNoteThemes()
	r.resolveEvents()
	r.matchThemes()
	r.findMentions()
	r.idx.sortCitations()
	return r.idx, r.diags
}

type resolver struct {
	idx     *Index
	diags   site.Diagnostics
	cache   *Cache
	sources map[string]*site.Source
	// linked holds the backlinks recorded so far: a popular source has
	// thousands, too many to search its list for each new one.
	linked map[backlinkPair]struct{}
}

type backlinkPair struct {
	from *Target
	to   string
}

func (r *resolver) collectTargets() {
	c := r.idx.Content
	add := func(kind Kind, slug, title, dir string) {
		r.idx.targets[slug] = &Target{Kind: kind, Slug: slug, Title: title, Href: dir + "/" + slug + "/index.html", Anchor: string(kind) + "-" + slug}
	}
	for _, s := range c.Sources {
		add(KindSource, s.Slug, SourceTitle(s), "sources")
	}
	for _, n := range c.Notes {
		add(KindNote, n.Slug, n.Title, "notes")
	}
	for _, t := range c.Themes {
		add(KindTheme, t.Slug, t.Title, "themes")
	}
	for _, e := range c.Entities {
		add(KindEntity, e.Slug, e.Title, "entities")
	}
}

// SourceTitle is the title to show for a source: its own, or what it is
// when the text gives none.
func SourceTitle(s *site.Source) string {
	if s.Meta.Title != "" && s.Meta.Title != "unknown" {
		return s.Meta.Title
	}
	if s.Meta.Description != "" {
		return s.Meta.Description
	}
	return s.Slug
}

func (r *resolver) orderThemes() {
	bySlug := map[string]*site.Theme{}
	for _, t := range r.idx.Content.Themes {
		bySlug[t.Slug] = t
	}
	seen := map[string]bool{}
	for _, slug := range r.idx.Content.Config.Themes {
		if t := bySlug[slug]; t != nil && !seen[slug] {
			r.idx.Themes = append(r.idx.Themes, t)
			seen[slug] = true
		}
	}
	for _, t := range r.idx.Content.Themes {
		if !seen[t.Slug] {
			r.idx.Themes = append(r.idx.Themes, t)
		}
	}
}

// Target returns the document with slug, or nil.
func (idx *Index) Target(slug string) *Target { return idx.targets[slug] }

// TargetOf returns the target of a parsed document (nil for the summary).
func (idx *Index) TargetOf(p *Parsed) *Target {
	if p.Kind == KindSummary {
		return nil
	}
	return idx.targets[p.Doc.Slug]
}

// Backlinks lists the documents that link to slug, in title order.
func (idx *Index) Backlinks(slug string) []*Target { return idx.backlinks[slug] }

// CitationsOf lists the citations of one passage of a source.
func (idx *Index) CitationsOf(s *site.Source, passage int) []*Citation { return idx.cited[s][passage] }

// CitationsOfSource lists every citation of a source, in passage order.
func (idx *Index) CitationsOfSource(s *site.Source) []*Citation {
	var out []*Citation
	for i := range s.Passages {
		out = append(out, idx.cited[s][i]...)
	}
	return out
}

// CitationsBy lists the citations a document makes, in the order written.
func (idx *Index) CitationsBy(slug string) []*Citation { return idx.citationsBy[slug] }

// EventsBy lists the events a note declares, in date order.
func (idx *Index) EventsBy(slug string) []*Event { return idx.eventsBy[slug] }

// ThemeMatches lists the passages a theme's terms tag, in source order.
func (idx *Index) ThemeMatches(theme string) []ThemeMatch { return idx.themeMatches[theme] }

// PassageThemes lists the themes (slugs, in theme order) that tag a passage.
func (idx *Index) PassageThemes(s *site.Source, passage int) []string {
	return idx.passageTheme[s][passage]
}

// Mentions lists the passages that name an entity.
func (idx *Index) Mentions(entity string) []Mention { return idx.mentions[entity] }

// NoteMentions lists the notes whose text names an entity.
func (idx *Index) NoteMentions(entity string) []*site.Note { return idx.noteMentions[entity] }

// NotesOfTheme lists the notes tagged with a theme, newest first.
func (idx *Index) NotesOfTheme(theme string) []*site.Note { return idx.notesByTheme[theme] }

// EventsOfTheme lists the events tagged with a theme, in date order.
func (idx *Index) EventsOfTheme(theme string) []*Event {
	var out []*Event
	for _, e := range idx.Events {
		if slices.ContainsFunc(e.Themes, func(r site.Ref) bool { return r.Slug == theme }) {
			out = append(out, e)
		}
	}
	return out
}

func (r *resolver) backlink(from *Target, to string) {
	if from == nil || from.Slug == to {
		return
	}
	if _, ok := r.linked[backlinkPair{from, to}]; !ok {
		r.linked[backlinkPair{from, to}] = struct{}{}
		r.idx.backlinks[to] = append(r.idx.backlinks[to], from)
	}
}

func (idx *Index) sortCitations() {
	rank := idx.targetRanks()
	for _, list := range idx.backlinks {
		slices.SortFunc(list, func(a, b *Target) int { return cmp.Compare(rank[a], rank[b]) })
	}
	for _, byPassage := range idx.cited {
		for _, list := range byPassage {
			slices.SortStableFunc(list, func(a, b *Citation) int { return cmp.Compare(a.From.Title, b.From.Title) })
		}
	}
}

// targetRanks numbers the targets in backlink order, by kind and then
// title whatever its case, equal targets alike: sorting by rank then
// compares as sorting by kind and title does, without lower-casing two
// titles for each comparison.
func (idx *Index) targetRanks() map[*Target]int {
	type keyed struct {
		t     *Target
		title string
	}
	all := make([]keyed, 0, len(idx.targets))
	for _, t := range idx.targets {
		all = append(all, keyed{t, strings.ToLower(t.Title)})
	}
	order := func(a, b keyed) int { return cmp.Or(cmp.Compare(a.t.Kind, b.t.Kind), cmp.Compare(a.title, b.title)) }
	slices.SortFunc(all, order)
	rank := make(map[*Target]int, len(all))
	for i, k := range all {
		rank[k.t] = i
		if i > 0 && order(all[i-1], k) == 0 {
			rank[k.t] = rank[all[i-1].t]
		}
	}
	return rank
}

// Links lists what each wikilink of a parsed document resolved to, in
// order (nil for links that did not resolve): everything its rendering
// takes from other documents.
func Links(p *Parsed) []*wikilink.Link {
	nodes := wikilinks(p.AST)
	links := make([]*wikilink.Link, len(nodes))
	for i, n := range nodes {
		links[i] = n.Link
	}
	return links
}

// wikilinks lists the wikilink nodes of a document in order.
func wikilinks(doc ast.Node) []*wikilink.Node {
	var out []*wikilink.Node
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if w, ok := n.(*wikilink.Node); ok && entering {
			out = append(out, w)
		}
		return ast.WalkContinue, nil
	})
	return out
}
