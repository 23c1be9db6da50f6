package resolve

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-dev/dossier/internal/parallel"

	"github.com/dossier-dev/dossier/internal/site"
)

// phraseIndex finds phrases in text as whole words: entity names, case
// and all ("IS" must not match "is"), and theme terms, case-folded.
// Phrases are looked up by their first word, so a text is scanned once
// for all phrases rather than once per phrase, which matters with
// thousands of notes.
type phraseIndex struct {
	fold    bool
	byFirst map[string][]phrase
	// starts marks the bytes a phrase's first word can begin with, so
	// most words of a text are passed over without a map lookup (entity
	// names start with a capital; prose words mostly do not).
	starts [256]bool
}

type phrase struct {
	words []string
	id    int
}

func newPhraseIndex(fold bool) *phraseIndex {
	return &phraseIndex{fold: fold, byFirst: map[string][]phrase{}}
}

// add adds a phrase that find reports as id.
func (idx *phraseIndex) add(text string, id int) {
	if idx.fold {
		text = strings.ToLower(text)
	}
	var words []string
	for _, w := range wordSpans(text) {
		words = append(words, text[w.Start:w.End])
	}
	if len(words) > 0 {
		idx.byFirst[words[0]] = append(idx.byFirst[words[0]], phrase{words: words, id: id})
		idx.starts[words[0][0]] = true
	}
}

// newNameIndex indexes the titles and aliases of entities by their index.
func newNameIndex(entities []*site.Entity) *phraseIndex {
	idx := newPhraseIndex(false)
	for i, e := range entities {
		for _, n := range append([]string{e.Title}, e.Aliases...) {
			idx.add(n, i)
		}
	}
	return idx
}

// phraseMatch is a phrase found at a span of a text.
type phraseMatch struct {
	id int
	site.Span
}

// find lists the phrases in text, the longest where phrases of one id
// start at one word ("Islamic State" rather than "Islamic").
func (idx *phraseIndex) find(text string) []phraseMatch {
	if idx.fold {
		// Lower-casing keeps byte offsets for all but a few scripts;
		// where it does not, match the text as written.
		if lower := strings.ToLower(text); len(lower) == len(text) {
			text = lower
		}
	}
	words := wordSpans(text)
	var out []phraseMatch
	for i, w := range words {
		if !idx.starts[text[w.Start]] {
			continue
		}
		candidates := idx.byFirst[text[w.Start:w.End]]
		if len(candidates) == 0 {
			continue
		}
		best := map[int]site.Span{}
		for _, n := range candidates {
			if i+len(n.words) > len(words) {
				continue
			}
			ok := true
			for j, nw := range n.words[1:] {
				ws := words[i+1+j]
				if text[ws.Start:ws.End] != nw {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			span := site.Span{Start: w.Start, End: words[i+len(n.words)-1].End}
			if cur, seen := best[n.id]; !seen || span.End > cur.End {
				best[n.id] = span
			}
		}
		for id, span := range best {
			out = append(out, phraseMatch{id: id, Span: span})
		}
	}
	return out
}

// wordSpans splits text into runs of letters and digits.
func wordSpans(text string) []site.Span {
	spans := make([]site.Span, 0, len(text)/6)
	start := -1
	for i, r := range text {
		var word bool
		if r < utf8.RuneSelf {
			word = 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
		} else {
			word = unicode.IsLetter(r) || unicode.IsDigit(r)
		}
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			spans = append(spans, site.Span{Start: start, End: i})
			start = -1
		}
	}
	if start >= 0 {
		spans = append(spans, site.Span{Start: start, End: len(text)})
	}
	return spans
}

// findMentions finds where each entity is named in the sources and notes.
func (r *resolver) findMentions() {
	c := r.idx.Content
	names := newNameIndex(c.Entities)
	for _, s := range c.Sources {
		for i, p := range s.Passages {
			for _, m := range names.find(p.Text) {
				slug := c.Entities[m.id].Slug
				r.idx.mentions[slug] = append(r.idx.mentions[slug], Mention{Source: s, Passage: i, Span: m.Span})
			}
		}
	}
	var key strings.Builder
	for _, e := range c.Entities {
		fmt.Fprintf(&key, "%s %q %q\n", e.Slug, e.Title, e.Aliases)
	}
	named := make([][]int, len(c.Notes))
	parallel.For(len(c.Notes), func(i int) {
		n := c.Notes[i]
		text := n.Title + "\n" + n.Body
		named[i] = r.cache.namesIn(n.Path, text, key.String(), func() []int {
			seen := map[int]bool{}
			for _, m := range names.find(text) {
				seen[m.id] = true
			}
			return slices.Sorted(maps.Keys(seen))
		})
	})
	for i, n := range c.Notes {
		for _, e := range named[i] {
			slug := c.Entities[e].Slug
			r.idx.noteMentions[slug] = append(r.idx.noteMentions[slug], n)
		}
	}
}
