package resolve

import (
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/dossier-dev/dossier/internal/site"
	"github.com/dossier-dev/dossier/internal/wikilink"
)

// Cache keeps what resolving derived from unchanged inputs from one
// build to the next: the quote index of each source and where theme
// terms and entity names match its passages; what each document's
// wikilinks resolve to and the entities each note names; the targets,
// and the order of backlinks and of each theme's notes. dossier serve
// resolves after every edit, and an edit changes one document of
// thousands. A nil *Cache caches nothing. Package build's doc sets out
// how this cache's keys fit with the other caches'.
type Cache struct {
	// build serialises the Resolves that share the cache.
	build sync.Mutex

	// mu guards quotes and themes, which the sources fill in parallel.
	mu       sync.Mutex
	quotes   map[string]cachedQuotes
	themes   map[string]cachedThemes
	mentions map[string]cachedMentions
	docs     entries[cachedDoc]
	notes    entries[cachedNames]

	// world is the last build's; versions counts the worlds made.
	world    *world
	versions uint64
	// sources are the last build's, which cached citations point at;
	// sourcesGen counts the times they changed.
	sources    []*site.Source
	sourcesGen uint64
	backlinks  backlinkLists
	noteOrder  noteOrder
}

// cachedDoc is what a document's wikilinks resolved to.
type cachedDoc struct {
	body     string
	bodyLine int
	world    uint64
	links    *docLinks
	// nodes are the wikilinks of tree.
	tree  *Tree
	nodes []*wikilink.Node
	// cites are the citations links make, as of citesFor.
	cites    []*Citation
	citesFor citesKey
}

// citesKey says what a document's citations point at: they hold for as
// long as its links, its target and the sources are the same.
type citesKey struct {
	links   *docLinks
	from    *Target
	sources uint64
}

// backlinkLists are the backlinks of each target: from[off[i]:off[i+1]]
// are the slots of the documents that link to slot i, in the order they
// were found, and sorted[i] the same documents in backlink order.
type backlinkLists struct {
	world  uint64
	off    []int32
	from   []int32
	sorted [][]*Target
}

// noteOrder is the order of each theme's notes: found[theme] are the
// indexes of the notes tagged with it in note order, sorted[theme] the
// same newest first, as of the notes' dates and titles.
type noteOrder struct {
	dates, titles []string
	found, sorted map[string][]int32
}

type cachedNames struct {
	title, body, names string
	found              []int
	known              bool // found is set
}

type cachedMentions struct {
	body, rules, names string
	// found[i] are the names in passage i.
	found [][]phraseMatch
}

type cachedQuotes struct {
	body  string
	rules string
	index *quoteIndex
}

type cachedThemes struct {
	body, rules, terms string
	// spans[i][t] are theme t's term spans in passage i.
	spans [][][]site.Span
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{
		quotes:   map[string]cachedQuotes{},
		themes:   map[string]cachedThemes{},
		mentions: map[string]cachedMentions{},
		docs:     entries[cachedDoc]{byPath: map[string]*cachedDoc{}},
		notes:    entries[cachedNames]{byPath: map[string]*cachedNames{}},
	}
}

// worldOf returns the world of c and parsed: the last build's if it is
// the same.
func (c *Cache) worldOf(content *site.Content, parsed []*Parsed) *world {
	if c == nil {
		return newWorld(0, content, parsed)
	}
	if c.world == nil || !c.world.sameAs(content, parsed) {
		c.versions++
		c.world = newWorld(c.versions, content, parsed)
	}
	return c.world
}

// sourcesOf returns the generation of sources, a new one when they are
// other values than the last build's.
func (c *Cache) sourcesOf(sources []*site.Source) uint64 {
	if c == nil {
		return 0
	}
	if !slices.Equal(c.sources, sources) {
		c.sources = slices.Clone(sources)
		c.sourcesGen++
	}
	return c.sourcesGen
}

// entries are cache entries by path. A document is mostly where it was
// in the last build, so it is looked for there first, without hashing
// its path.
type entries[E any] struct {
	byPath map[string]*E
	order  []*E
	paths  []string
}

// at returns the entry of the document at index i of this build, made
// if need be.
func (es *entries[E]) at(i int, path string) *E {
	if i < len(es.order) && es.paths[i] == path {
		return es.order[i]
	}
	e := es.byPath[path]
	if e == nil {
		e = new(E)
		es.byPath[path] = e
	}
	for len(es.order) <= i {
		es.order, es.paths = append(es.order, nil), append(es.paths, "")
	}
	es.order[i], es.paths[i] = e, path
	return e
}

// keep forgets the entries of documents not at indexes 0 to n-1, which
// this build asked for.
func (es *entries[E]) keep(n int) {
	es.order, es.paths = es.order[:min(n, len(es.order))], es.paths[:min(n, len(es.paths))]
	if len(es.byPath) <= n {
		return
	}
	keep := make(map[string]bool, n)
	for _, path := range es.paths {
		keep[path] = true
	}
	for path := range es.byPath {
		if !keep[path] {
			delete(es.byPath, path)
		}
	}
}

// quoteIndex returns the quote index of s, built or remembered.
func (c *Cache) quoteIndex(s *site.Source) *quoteIndex {
	if c == nil {
		return newQuoteIndex(s)
	}
	rules := rulesKey(s)
	c.mu.Lock()
	e, ok := c.quotes[s.Path]
	c.mu.Unlock()
	if ok && e.body == s.Body && e.rules == rules {
		return e.index
	}
	q := newQuoteIndex(s)
	c.mu.Lock()
	c.quotes[s.Path] = cachedQuotes{body: s.Body, rules: rules, index: q}
	c.mu.Unlock()
	return q
}

// themeSpans returns, for each passage of s, each theme's term spans,
// computed by match or remembered for the same text, rules and terms.
func (c *Cache) themeSpans(s *site.Source, terms string, match func() [][][]site.Span) [][][]site.Span {
	if c == nil {
		return match()
	}
	rules := rulesKey(s)
	c.mu.Lock()
	e, ok := c.themes[s.Path]
	c.mu.Unlock()
	if ok && e.body == s.Body && e.rules == rules && e.terms == terms {
		return e.spans
	}
	spans := match()
	c.mu.Lock()
	c.themes[s.Path] = cachedThemes{body: s.Body, rules: rules, terms: terms, spans: spans}
	c.mu.Unlock()
	return spans
}

// mentionsIn returns, for each passage of s, the entity names in it,
// found or remembered for the same text, rules and names.
func (c *Cache) mentionsIn(s *site.Source, names string, find func() [][]phraseMatch) [][]phraseMatch {
	if c == nil {
		return find()
	}
	rules := rulesKey(s)
	e, ok := c.mentions[s.Path]
	if ok && e.body == s.Body && e.rules == rules && e.names == names {
		return e.found
	}
	found := find()
	c.mentions[s.Path] = cachedMentions{body: s.Body, rules: rules, names: names, found: found}
	return found
}

// names returns the cache entry of the note at index i, nil without a
// cache. It holds the entities the note names while its title, text and
// the entity names are the same.
func (c *Cache) names(i int, path string) *cachedNames {
	if c == nil {
		return nil
	}
	return c.notes.at(i, path)
}

// doc returns the cache entry of the document at index i, nil without a
// cache.
func (c *Cache) doc(i int, path string) *cachedDoc {
	if c == nil {
		return nil
	}
	return c.docs.at(i, path)
}

// forget drops the entries of documents and sources that are no longer
// there, with their ASTs and quote indexes.
func (c *Cache) forget(content *site.Content, parsed []*Parsed) {
	if c == nil {
		return
	}
	c.docs.keep(len(parsed))
	c.notes.keep(len(content.Notes))
	c.mu.Lock()
	defer c.mu.Unlock()
	// Each source there is has at most one entry in each map: more
	// entries than sources are those of sources deleted or renamed.
	n := len(content.Sources)
	if len(c.quotes) <= n && len(c.themes) <= n && len(c.mentions) <= n {
		return
	}
	there := make(map[string]bool, n)
	for _, s := range content.Sources {
		there[s.Path] = true
	}
	maps.DeleteFunc(c.quotes, func(p string, _ cachedQuotes) bool { return !there[p] })
	maps.DeleteFunc(c.themes, func(p string, _ cachedThemes) bool { return !there[p] })
	maps.DeleteFunc(c.mentions, func(p string, _ cachedMentions) bool { return !there[p] })
}

// rulesKey identifies a source's cleaning rules, which decide its
// passages as much as its text does.
func rulesKey(s *site.Source) string { return fmt.Sprint(s.Rules) }
