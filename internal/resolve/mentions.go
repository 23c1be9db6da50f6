package resolve

import (
	"unicode"

	"github.com/dossier-dev/dossier/internal/site"
)

// nameIndex finds entity names (titles and aliases) in text, as whole
// words, case and all: "IS" must not match "is". Names are looked up by
// their first word, so a text is scanned once for all entities rather
// than once per entity, which matters with thousands of notes.
type nameIndex struct {
	byFirst map[string][]name
}

type name struct {
	words  []string
	entity int
}

func newNameIndex(entities []*site.Entity) *nameIndex {
	idx := &nameIndex{byFirst: map[string][]name{}}
	for i, e := range entities {
		for _, n := range append([]string{e.Title}, e.Aliases...) {
			var words []string
			for _, w := range wordSpans(n) {
				words = append(words, n[w.Start:w.End])
			}
			if len(words) > 0 {
				idx.byFirst[words[0]] = append(idx.byFirst[words[0]], name{words: words, entity: i})
			}
		}
	}
	return idx
}

// nameMatch is an entity named at a span of a text.
type nameMatch struct {
	entity int
	site.Span
}

// find lists the names in text, longest first where names overlap at one
// start ("Islamic State" rather than "Islamic"), at most one match per
// entity per start.
func (idx *nameIndex) find(text string) []nameMatch {
	words := wordSpans(text)
	var out []nameMatch
	for i, w := range words {
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
			if cur, seen := best[n.entity]; !seen || span.End > cur.End {
				best[n.entity] = span
			}
		}
		for entity, span := range best {
			out = append(out, nameMatch{entity: entity, Span: span})
		}
	}
	return out
}

// wordSpans splits text into runs of letters and digits.
func wordSpans(text string) []site.Span {
	var spans []site.Span
	start := -1
	for i, r := range text {
		word := unicode.IsLetter(r) || unicode.IsDigit(r)
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
				slug := c.Entities[m.entity].Slug
				r.idx.mentions[slug] = append(r.idx.mentions[slug], Mention{Source: s, Passage: i, Span: m.Span})
			}
		}
	}
	for _, n := range c.Notes {
		named := map[int]bool{}
		for _, m := range names.find(n.Title + "\n" + n.Body) {
			named[m.entity] = true
		}
		for i, e := range c.Entities {
			if named[i] {
				r.idx.noteMentions[e.Slug] = append(r.idx.noteMentions[e.Slug], n)
			}
		}
	}
}
