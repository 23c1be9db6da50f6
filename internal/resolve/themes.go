package resolve

import (
	"cmp"
	"regexp"
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/internal/site"
)

// resolveNoteThemes checks each note's themes and files the note under them.
func (r *resolver) resolveNoteThemes() {
	for _, n := range r.idx.Content.Notes {
		from := r.idx.targets[n.Slug]
		for _, ref := range n.Themes {
			if r.checkTheme(ref) {
				r.idx.notesByTheme[ref.Slug] = append(r.idx.notesByTheme[ref.Slug], n)
				r.depend(from, ref.Slug)
			}
		}
	}
	for _, notes := range r.idx.notesByTheme {
		slices.SortStableFunc(notes, func(a, b *site.Note) int {
			return cmp.Or(cmp.Compare(b.Date, a.Date), cmp.Compare(a.Title, b.Title))
		})
	}
}

func (r *resolver) checkTheme(ref site.Ref) bool {
	if t := r.idx.targets[ref.Slug]; t != nil && t.Kind == KindTheme {
		return true
	}
	themes := map[string]bool{}
	for _, t := range r.idx.Content.Themes {
		themes[t.Slug] = true
	}
	r.diags.Add(ref.Pos, "unknown theme %q%s", ref.Slug, didYouMean(ref.Slug, themes))
	return false
}

// compileTerms turns a theme's terms into one regular expression.
// Phrases match case-insensitively on word boundaries with any run of
// whitespace between words; /slashed/ terms are regular expressions.
func (r *resolver) compileTerms(t *site.Theme) *regexp.Regexp {
	var alts []string
	for _, term := range t.Terms {
		text := strings.TrimSpace(term.Text)
		var expr string
		if len(text) > 2 && strings.HasPrefix(text, "/") && strings.HasSuffix(text, "/") {
			expr = "(?:" + text[1:len(text)-1] + ")"
		} else {
			words := strings.Fields(text)
			for i, w := range words {
				words[i] = regexp.QuoteMeta(w)
			}
			expr = `\b` + strings.Join(words, `\s+`) + `\b`
		}
		if _, err := regexp.Compile("(?i)" + expr); err != nil || len(strings.Fields(text)) == 0 {
			msg := "empty"
			if err != nil {
				msg = strings.TrimPrefix(err.Error(), "error parsing regexp: ")
			}
			r.diags.Add(term.Pos, "invalid theme term %q: %s", term.Text, msg)
			continue
		}
		alts = append(alts, expr)
	}
	if len(alts) == 0 {
		return nil
	}
	return regexp.MustCompile("(?i)" + strings.Join(alts, "|"))
}

// matchThemes tags every source passage with the themes whose terms it
// contains.
func (r *resolver) matchThemes() {
	for _, t := range r.idx.Themes {
		re := r.compileTerms(t)
		if re == nil {
			continue
		}
		for _, s := range r.idx.Content.Sources {
			for i, p := range s.Passages {
				if p.Kind == site.Heading {
					continue
				}
				locs := re.FindAllStringIndex(p.Text, -1)
				if len(locs) == 0 {
					continue
				}
				m := ThemeMatch{Source: s, Passage: i}
				for _, loc := range locs {
					m.Spans = append(m.Spans, site.Span{Start: loc[0], End: loc[1]})
					term := strings.ToLower(strings.Join(strings.Fields(p.Text[loc[0]:loc[1]]), " "))
					if !slices.Contains(m.Terms, term) {
						m.Terms = append(m.Terms, term)
					}
				}
				r.idx.themeMatches[t.Slug] = append(r.idx.themeMatches[t.Slug], m)
				byPassage := r.idx.passageTheme[s]
				if byPassage == nil {
					byPassage = map[int][]string{}
					r.idx.passageTheme[s] = byPassage
				}
				byPassage[i] = append(byPassage[i], t.Slug)
			}
		}
	}
}
