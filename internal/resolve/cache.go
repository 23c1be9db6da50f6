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
	return &Cache{quotes: map[string]cachedQuotes{}, themes: map[string]cachedThemes{}}
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

// rulesKey identifies a source's cleaning rules, which decide its
// passages as much as its text does.
func rulesKey(s *site.Source) string { return fmt.Sprint(s.Rules) }
