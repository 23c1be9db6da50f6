package resolve

import (
	"fmt"
	"sync"

	"github.com/dossier-dev/dossier/internal/site"
)

// Cache keeps what resolving derives from sources alone (the quote index
// of each source and where theme terms match its passages) from one
// build to the next. Sources and themes rarely change while an analyst
// writes notes, and these are the costliest parts of resolving a small
// dossier. A nil *Cache caches nothing.
type Cache struct {
	mu     sync.Mutex
	quotes map[string]cachedQuotes
	themes map[string]cachedThemes
	docs   map[string]cachedLinks
	names  map[string]cachedNames
}

type cachedLinks struct {
	body, world string
	bodyLine    int
	links       docLinks
}

type cachedNames struct {
	text, names string
	found       []int
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
	return &Cache{quotes: map[string]cachedQuotes{}, themes: map[string]cachedThemes{}, docs: map[string]cachedLinks{}, names: map[string]cachedNames{}}
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

// links returns what a document's wikilinks resolve to, looked up or
// remembered for the same text, position and world (targets and sources).
func (c *Cache) links(p *Parsed, world string, lookup func() docLinks) docLinks {
	if c == nil {
		return lookup()
	}
	c.mu.Lock()
	e, ok := c.docs[p.Doc.Path]
	c.mu.Unlock()
	if ok && e.body == p.Doc.Body && e.bodyLine == p.Doc.BodyLine && e.world == world {
		return e.links
	}
	d := lookup()
	c.mu.Lock()
	c.docs[p.Doc.Path] = cachedLinks{body: p.Doc.Body, bodyLine: p.Doc.BodyLine, world: world, links: d}
	c.mu.Unlock()
	return d
}

// namesIn returns the entities a note names, found or remembered for the
// same text and entity names.
func (c *Cache) namesIn(path, text, names string, find func() []int) []int {
	if c == nil {
		return find()
	}
	c.mu.Lock()
	e, ok := c.names[path]
	c.mu.Unlock()
	if ok && e.text == text && e.names == names {
		return e.found
	}
	found := find()
	c.mu.Lock()
	c.names[path] = cachedNames{text: text, names: names, found: found}
	c.mu.Unlock()
	return found
}

// rulesKey identifies a source's cleaning rules, which decide its
// passages as much as its text does.
func rulesKey(s *site.Source) string { return fmt.Sprint(s.Rules) }
