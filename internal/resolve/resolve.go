// Package resolve builds the dossier's one index from loaded content,
// cleaned sources and parsed Markdown: it resolves every wikilink and
// quote citation, tags source passages with themes, finds entity
// mentions, and gathers backlinks and timeline events. Everything it
// cannot resolve is a diagnostic.
package resolve

import (
	"sync"
	"sync/atomic"
	"unsafe"

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
	// Tree is Src's syntax tree, parsed now or when first asked for.
	Tree *Tree

	// links are what Resolve resolved the wikilinks of the tree to. They
	// are kept here, not in the tree, which later builds share.
	links wikilink.Links
	// readers counts down the readers the tree waits for (see
	// ExpectReaders).
	readers atomic.Int32
}

// Slug is the document's slug, or "" for the summary, which has none a
// link could name.
func (p *Parsed) Slug() string {
	if p.Kind == KindSummary {
		return ""
	}
	return p.Doc.Slug
}

// Documents lists the Markdown documents of c, not yet parsed: the
// summary, notes, themes and entities, in that order. Src shares the
// body's bytes rather than copying them (goldmark only reads its
// source, and a copy would double the memory 10,000 notes' text
// takes), so it must not be written to.
func Documents(c *site.Content) []*Parsed {
	docs := make([]*Parsed, 0, 1+len(c.Notes)+len(c.Themes)+len(c.Entities))
	add := func(kind Kind, d *site.Doc) {
		docs = append(docs, &Parsed{Kind: kind, Doc: d, Src: unsafe.Slice(unsafe.StringData(d.Body), len(d.Body))})
	}
	if c.Summary.Path != "" {
		add(KindSummary, &c.Summary)
	}
	for _, n := range c.Notes {
		add(KindNote, &n.Doc)
	}
	for _, t := range c.Themes {
		add(KindTheme, &t.Doc)
	}
	for _, e := range c.Entities {
		add(KindEntity, &e.Doc)
	}
	return docs
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
	From    *Target
	Pos     site.Pos
	Source  *site.Source
	Passage int // index into Source.Passages
	Quote   site.Span
	// Credibility is the grade, 1 to 6, the citation gives the
	// information it cites; 0 if none.
	Credibility int
	// The sentence the citation stands in is sentence, or found by
	// sentences when first asked for (see Sentence).
	sentence      string
	sentences     *docSentences
	sentenceIndex int
}

// Sentence is the sentence of the note in which the citation stands, as
// a reader sees it (see sentences), or an event's text for the citation
// of a timeline event.
func (c *Citation) Sentence() string {
	if c.sentences != nil {
		return c.sentences.get(c.sentenceIndex)
	}
	return c.sentence
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

	w *world
	// byTarget holds what refers to each target, by slot.
	byTarget      []targetRefs
	cited         map[*site.Source][][]*Citation
	quoted        map[*site.Source][][]site.Span
	themeMatches  map[string][]ThemeMatch
	passageTheme  map[*site.Source]map[int][]string
	mentions      map[string][]Mention
	noteMentions  map[string][]*site.Note
	namedBy       map[*site.Note][]*site.Entity
	notesByTheme  map[string][]*site.Note
	eventsByTheme map[string][]*Event
}

// targetRefs is what refers to a target and what it cites.
type targetRefs struct {
	backlinks []*Target
	links     []*Target // the targets whose backlinks list this one
	citations []*Citation
	events    []*Event
}

// Resolve builds the index, and gives each of parsed the Links its
// rendering needs. It does not write to the ASTs. cache, which may be nil, carries work on
// unchanged documents over from an earlier Resolve.
func Resolve(c *site.Content, parsed []*Parsed, cache *Cache) (*Index, site.Diagnostics) {
	if cache != nil {
		cache.build.Lock()
		defer cache.build.Unlock()
	}
	w := cache.worldOf(c, parsed)
	r := &resolver{cache: cache, w: w, idx: &Index{
		Content:       c,
		Parsed:        parsed,
		w:             w,
		byTarget:      make([]targetRefs, len(w.targets)),
		cited:         map[*site.Source][][]*Citation{},
		quoted:        map[*site.Source][][]site.Span{},
		themeMatches:  map[string][]ThemeMatch{},
		passageTheme:  map[*site.Source]map[int][]string{},
		mentions:      map[string][]Mention{},
		noteMentions:  map[string][]*site.Note{},
		notesByTheme:  map[string][]*site.Note{},
		eventsByTheme: map[string][]*Event{},
	}}
	r.orderThemes()
	r.resolveAllLinks()
	r.resolveNoteThemes()
	r.resolveEvents()
	// The steps left read what those above made, and each fills parts of
	// the index of its own; only matchThemes adds diagnostics. Side by
	// side they take half the time of an edit's resolve at 10,000 notes.
	var wg sync.WaitGroup
	wg.Go(r.gatherBacklinks)
	wg.Go(r.gatherCited)
	wg.Go(r.findMentions)
	r.matchThemes()
	wg.Wait()
	cache.forget(c, parsed)
	return r.idx, r.diags
}

type resolver struct {
	idx   *Index
	w     *world
	diags site.Diagnostics
	cache *Cache
	// quotes are the quote indexes of the sources, by index.
	quotes []*quoteIndex
	// docs are the parsed documents' links, by index.
	docs []docState
	// eventLinks are the links, as slots from and to, that event
	// citations make, and eventCites the citations, in order.
	eventLinks [][2]int32
	eventCites []eventCite
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
func (idx *Index) Target(slug string) *Target { return idx.w.target(slug) }

// TargetOf returns the target of a parsed document (nil for the summary).
func (idx *Index) TargetOf(p *Parsed) *Target {
	if p.Kind == KindSummary {
		return nil
	}
	return idx.w.target(p.Doc.Slug)
}

// refs returns what refers to the target slug; nil for no target.
func (idx *Index) refs(slug string) *targetRefs {
	if slot, ok := idx.w.slots[slug]; ok {
		return &idx.byTarget[slot]
	}
	return nil
}

// Backlinks lists the documents that link to slug, in title order.
func (idx *Index) Backlinks(slug string) []*Target {
	if refs := idx.refs(slug); refs != nil {
		return refs.backlinks
	}
	return nil
}

// Links lists the documents that slug links to or cites: those whose
// Backlinks list it, in target order.
func (idx *Index) Links(slug string) []*Target {
	if refs := idx.refs(slug); refs != nil {
		return refs.links
	}
	return nil
}

// CitationsOf lists the citations of one passage of a source.
func (idx *Index) CitationsOf(s *site.Source, passage int) []*Citation {
	if byPassage := idx.cited[s]; passage >= 0 && passage < len(byPassage) {
		return byPassage[passage]
	}
	return nil
}

// QuotedSpans lists the words of a passage that quote citations cite,
// each span once: those of every document, the summary's and the
// timeline's included.
func (idx *Index) QuotedSpans(s *site.Source, passage int) []site.Span {
	if byPassage := idx.quoted[s]; passage >= 0 && passage < len(byPassage) {
		return byPassage[passage]
	}
	return nil
}

// CitationCount counts the citations of a source without listing them:
// note pages show it for every source they cite, and a list of a much
// cited source's citations made for each page made building 10,000 notes
// take three times as long.
func (idx *Index) CitationCount(s *site.Source) int {
	n := 0
	for _, list := range idx.cited[s] {
		n += len(list)
	}
	return n
}

// CitationsOfSource lists every citation of a source, in passage order.
func (idx *Index) CitationsOfSource(s *site.Source) []*Citation {
	var out []*Citation
	for _, list := range idx.cited[s] {
		out = append(out, list...)
	}
	return out
}

// CitationsBy lists the citations a document makes, in the order written.
func (idx *Index) CitationsBy(slug string) []*Citation {
	if refs := idx.refs(slug); refs != nil {
		return refs.citations
	}
	return nil
}

// EventsBy lists the events a note declares, in date order.
func (idx *Index) EventsBy(slug string) []*Event {
	if refs := idx.refs(slug); refs != nil {
		return refs.events
	}
	return nil
}

// ThemeMatches lists the passages a theme's terms tag, in source order.
func (idx *Index) ThemeMatches(theme string) []ThemeMatch { return idx.themeMatches[theme] }

// PassageThemes lists the themes (slugs, in theme order) that tag a passage.
func (idx *Index) PassageThemes(s *site.Source, passage int) []string {
	return idx.passageTheme[s][passage]
}

// Mentions lists the passages that name an entity.
func (idx *Index) Mentions(entity string) []Mention { return idx.mentions[entity] }

// NoteMentions lists the notes whose text names an entity, each once.
func (idx *Index) NoteMentions(entity string) []*site.Note { return idx.noteMentions[entity] }

// EntitiesNamedBy lists the entities a note names, in entity order: the
// notes NoteMentions lists the other way.
func (idx *Index) EntitiesNamedBy(n *site.Note) []*site.Entity { return idx.namedBy[n] }

// NotesOfTheme lists the notes tagged with a theme, newest first, each
// once.
func (idx *Index) NotesOfTheme(theme string) []*site.Note { return idx.notesByTheme[theme] }

// EventsOfTheme lists the events tagged with a theme, in date order.
func (idx *Index) EventsOfTheme(theme string) []*Event { return idx.eventsByTheme[theme] }

// Links returns what each wikilink of a parsed document resolved to,
// by wikilink.Node.Index: everything its rendering takes from other
// documents. It is nil before Resolve, and must not be modified.
func Links(p *Parsed) wikilink.Links { return p.links }

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
