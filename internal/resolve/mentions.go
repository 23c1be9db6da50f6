package resolve

import (
	"regexp"
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/internal/site"
)

// entityPattern matches an entity's title and aliases as whole words, case
// and all: "IS" must not match "is".
func entityPattern(e *site.Entity) *regexp.Regexp {
	names := append([]string{e.Title}, e.Aliases...)
	var alts []string
	for _, name := range names {
		words := strings.Fields(name)
		if len(words) == 0 {
			continue
		}
		for i, w := range words {
			words[i] = regexp.QuoteMeta(w)
		}
		alts = append(alts, strings.Join(words, `\s+`))
	}
	// Longer names first, so "Islamic State" wins over "Islamic".
	slices.SortFunc(alts, func(a, b string) int { return len(b) - len(a) })
	return regexp.MustCompile(`\b(?:` + strings.Join(alts, "|") + `)\b`)
}

// findMentions finds where each entity is named in the sources and notes.
func (r *resolver) findMentions() {
	for _, e := range r.idx.Content.Entities {
		re := entityPattern(e)
		for _, s := range r.idx.Content.Sources {
			for i, p := range s.Passages {
				for _, loc := range re.FindAllStringIndex(p.Text, -1) {
					r.idx.mentions[e.Slug] = append(r.idx.mentions[e.Slug], Mention{Source: s, Passage: i, Span: site.Span{Start: loc[0], End: loc[1]}})
				}
			}
		}
		for _, n := range r.idx.Content.Notes {
			if re.MatchString(n.Body) || re.MatchString(n.Title) {
				r.idx.noteMentions[e.Slug] = append(r.idx.noteMentions[e.Slug], n)
			}
		}
	}
}
