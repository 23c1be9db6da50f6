package resolve

import (
	"fmt"
	"slices"
	"sync"

	"github.com/yuin/goldmark/ast"

	"github.com/dossier-dev/dossier/internal/site"
	"github.com/dossier-dev/dossier/internal/wikilink"
)

// Cache keeps what resolving derived from unchanged inputs from one
// build to the next: the quote index of each source, where theme terms
// and entity names match its passages, what each document's wikilinks
// resolve to, and the targets and backlink lists. dossier serve resolves
// after every edit, and an edit changes one document of thousands. A nil
// *Cache caches nothing.
type Cache struct {
	// build serialises the Resolves that share the cache.
	build sync.Mutex

	mu       sync.Mutex
	quotes   map[string]cachedQuotes
	themes   map[string]cachedThemes
	mentions map[string]cachedMentions
	docs     map[string]*cachedDoc
	notes    map[string]cachedNames

	// world is the last build's; versions counts the worlds made.
	world    *world
	versions uint64
	// sources are the last build's, which cached citations point at;
	// sourcesGen counts the times they changed.
	sources    []*site.Source
	sourcesGen uint64
	backlinks  backlinkLists
}

// cachedDoc is what a document's wikilinks resolved to.
type cachedDoc struct {
	body     string
	bodyLine int
	world    uint64
	links    *docLinks
	// nodes are the wikilinks of ast.
	ast   ast.Node
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

type cachedNames struct {
	title, body, names string
	found              []int
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
		docs:     map[string]*cachedDoc{},
		notes:    map[string]cachedNames{},
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

// doc returns the cache entry of path, made if need be; nil without a
// cache.
func (c *Cache) doc(path string) *cachedDoc {
	if c == nil {
		return nil
	}
	e := c.docs[path]
	if e == nil {
		e = &cachedDoc{}
		c.docs[path] = e
	}
	return e
}

// forget drops the documents that are no longer parsed, with their ASTs.
func (c *Cache) forget(parsed []*Parsed) {
	if c == nil || len(c.docs) <= len(parsed) {
		return
	}
	keep := make(map[string]bool, len(parsed))
	for _, p := range parsed {
		keep[p.Doc.Path] = true
	}
	for path := range c.docs {
		if !keep[path] {
			delete(c.docs, path)
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

// names returns the entities a note names, if they are remembered for
// the same title, text and entity names.
func (c *Cache) names(path, title, body, names string) ([]int, bool) {
	if c == nil {
		return nil, false
	}
	e, ok := c.notes[path]
	if ok && e.body == body && e.title == title && e.names == names {
		return e.found, true
	}
	return nil, false
}

// rememberNames remembers the entities a note names.
func (c *Cache) rememberNames(path, title, body, names string, found []int) {
	if c != nil {
		c.notes[path] = cachedNames{title: title, body: body, names: names, found: found}
	}
}

// rulesKey identifies a source's cleaning rules, which decide its
// passages as much as its text does.
func rulesKey(s *site.Source) string { return fmt.Sprint(s.Rules) }
