package resolve

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/internal/parallel"
	"github.com/dossier-dev/dossier/internal/site"
)

// resolveNoteThemes checks each note's themes and files the note under them.
func (r *resolver) resolveNoteThemes() {
	notes := r.idx.Content.Notes
	found := map[string][]int32{}
	for i, n := range notes {
		for _, ref := range n.Themes {
			// A theme given twice lists the note once.
			if l := found[ref.Slug]; r.checkTheme(ref) && (len(l) == 0 || l[len(l)-1] != int32(i)) {
				found[ref.Slug] = append(l, int32(i))
			}
		}
	}
	var last noteOrder
	if r.cache != nil {
		last = r.cache.noteOrder
	}
	// The order of a theme's notes is the last build's while they and
	// their dates and titles are the same.
	same := len(last.dates) == len(notes)
	for i := 0; same && i < len(notes); i++ {
		same = last.dates[i] == notes[i].Date && last.titles[i] == notes[i].Title
	}
	order := noteOrder{found: found, sorted: map[string][]int32{}}
	for theme, in := range found {
		sorted := last.sorted[theme]
		if !same || !slices.Equal(in, last.found[theme]) {
			sorted = slices.Clone(in)
			slices.SortStableFunc(sorted, func(a, b int32) int {
				return cmp.Or(cmp.Compare(notes[b].Date, notes[a].Date), cmp.Compare(notes[a].Title, notes[b].Title))
			})
		}
		order.sorted[theme] = sorted
		list := make([]*site.Note, len(sorted))
		for k, i := range sorted {
			list[k] = notes[i]
		}
		r.idx.notesByTheme[theme] = list
	}
	if r.cache != nil {
		order.dates, order.titles = last.dates, last.titles
		if !same {
			order.dates, order.titles = make([]string, len(notes)), make([]string, len(notes))
			for i, n := range notes {
				order.dates[i], order.titles[i] = n.Date, n.Title
			}
		}
		r.cache.noteOrder = order
	}
}

func (r *resolver) checkTheme(ref site.Ref) bool {
	if t := r.w.target(ref.Slug); t != nil && t.Kind == KindTheme {
		return true
	}
	themes := map[string]bool{}
	for _, t := range r.idx.Content.Themes {
		themes[t.Slug] = true
	}
	r.diags.Add(ref.Pos, "unknown theme %q%s", ref.Slug, didYouMean(ref.Slug, themes))
	return false
}

// themeTerms matches the terms of all themes: phrases through one
// case-folded phrase index, /slashed/ terms as one regular expression per
// theme. Phrases match on word boundaries, whatever the punctuation or
// spacing between their words.
type themeTerms struct {
	phrases *phraseIndex
	regexps []*regexp.Regexp // by theme index; nil when a theme has none
}

func (r *resolver) compileTerms() *themeTerms {
	tt := &themeTerms{phrases: newPhraseIndex(true), regexps: make([]*regexp.Regexp, len(r.idx.Themes))}
	for i, t := range r.idx.Themes {
		var alts []string
		for _, term := range t.Terms {
			text := strings.TrimSpace(term.Text)
			if len(text) > 2 && strings.HasPrefix(text, "/") && strings.HasSuffix(text, "/") {
				expr := "(?i)(?:" + text[1:len(text)-1] + ")"
				if _, err := regexp.Compile(expr); err != nil {
					r.diags.Add(term.Pos, "invalid theme term %q: %s", term.Text, strings.TrimPrefix(err.Error(), "error parsing regexp: "))
					continue
				}
				alts = append(alts, expr)
				continue
			}
			if len(wordSpans(text)) == 0 {
				r.diags.Add(term.Pos, "invalid theme term %q: it has no words", term.Text)
				continue
			}
			tt.phrases.add(text, i)
		}
		if len(alts) > 0 {
			tt.regexps[i] = regexp.MustCompile(strings.Join(alts, "|"))
		}
	}
	return tt
}

// matchThemes tags every source passage with the themes whose terms it
// contains.
func (r *resolver) matchThemes() {
	terms := r.compileTerms()
	var key strings.Builder
	for _, t := range r.idx.Themes {
		fmt.Fprintf(&key, "%s:%q;", t.Slug, t.Terms)
	}
	sources := r.idx.Content.Sources
	bySource := make([][][][]site.Span, len(sources))
	parallel.For(len(sources), func(i int) {
		s := sources[i]
		bySource[i] = r.cache.themeSpans(s, key.String(), func() [][][]site.Span { return terms.match(s, len(r.idx.Themes)) })
	})
	for k, s := range sources {
		spans := bySource[k]
		for i := range s.Passages {
			for t, theme := range r.idx.Themes {
				if len(spans[i][t]) > 0 {
					r.tag(theme, s, i, slices.Clone(spans[i][t]))
				}
			}
		}
	}
}

// match finds, for each passage of s, each theme's term spans.
func (tt *themeTerms) match(s *site.Source, themes int) [][][]site.Span {
	out := make([][][]site.Span, len(s.Passages))
	for i, p := range s.Passages {
		out[i] = make([][]site.Span, themes)
		if p.Kind == site.Heading {
			continue
		}
		for _, m := range tt.phrases.find(p.Text, nil) {
			out[i][m.id] = append(out[i][m.id], m.Span)
		}
		for t, re := range tt.regexps {
			if re != nil {
				for _, loc := range re.FindAllStringIndex(p.Text, -1) {
					out[i][t] = append(out[i][t], site.Span{Start: loc[0], End: loc[1]})
				}
			}
		}
	}
	return out
}

// tag records that a theme's terms matched a passage at spans.
func (r *resolver) tag(t *site.Theme, s *site.Source, passage int, spans []site.Span) {
	// Terms may overlap ("collective security" and "Collective Security
	// Treaty"): highlight their union.
	slices.SortFunc(spans, func(a, b site.Span) int { return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(b.End, a.End)) })
	merged := spans[:1]
	for _, span := range spans[1:] {
		last := &merged[len(merged)-1]
		if span.Start < last.End {
			last.End = max(last.End, span.End)
			continue
		}
		merged = append(merged, span)
	}
	text := s.Passages[passage].Text
	m := ThemeMatch{Source: s, Passage: passage, Spans: merged}
	for _, span := range merged {
		term := strings.ToLower(strings.Join(strings.Fields(text[span.Start:span.End]), " "))
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
	byPassage[passage] = append(byPassage[passage], t.Slug)
}
