package resolve_test

import (
	"fmt"
	"strings"

	"github.com/dossier-dev/dossier/internal/resolve"
	"github.com/dossier-dev/dossier/internal/site"
)

// dump writes out everything an index tells the renderer, and the
// diagnostics in the order Resolve returned them, so that two indexes can
// be compared as text.
func dump(idx *resolve.Index, diags site.Diagnostics) string {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	cite := func(c *resolve.Citation) string {
		from := "-"
		if c.From != nil {
			from = c.From.Slug
		}
		return fmt.Sprintf("%s %v %s ¶%d %v %q", from, c.Pos, c.Source.Slug, c.Passage, c.Quote, c.Sentence())
	}
	event := func(e *resolve.Event) string {
		from := "-"
		if e.From != nil {
			from = e.From.Slug
		}
		return fmt.Sprintf("%s %+v [%s]", from, e.Event, cite(e.Citation))
	}
	for _, d := range diags {
		p("diag %s", d.Error())
	}
	for _, t := range idx.Themes {
		p("theme %s", t.Slug)
	}
	for _, c := range idx.Citations {
		p("citation %s", cite(c))
	}
	for _, e := range idx.Events {
		p("event %s", event(e))
	}
	var slugs []string
	c := idx.Content
	for _, s := range c.Sources {
		slugs = append(slugs, s.Slug)
		for _, c := range idx.CitationsOfSource(s) {
			p("cited %s %s", s.Slug, cite(c))
		}
		for i := range s.Passages {
			for _, c := range idx.CitationsOf(s, i) {
				p("cited %s ¶%d %s", s.Slug, i, cite(c))
			}
			p("passage themes %s ¶%d %v", s.Slug, i, idx.PassageThemes(s, i))
		}
	}
	for _, n := range c.Notes {
		slugs = append(slugs, n.Slug)
	}
	for _, t := range c.Themes {
		slugs = append(slugs, t.Slug)
		for _, m := range idx.ThemeMatches(t.Slug) {
			p("match %s %s ¶%d %v %q", t.Slug, m.Source.Slug, m.Passage, m.Spans, m.Terms)
		}
		for _, n := range idx.NotesOfTheme(t.Slug) {
			p("note of %s %s", t.Slug, n.Slug)
		}
		for _, e := range idx.EventsOfTheme(t.Slug) {
			p("event of %s %s", t.Slug, event(e))
		}
	}
	for _, e := range c.Entities {
		slugs = append(slugs, e.Slug)
		for _, m := range idx.Mentions(e.Slug) {
			p("mention %s %s ¶%d %v", e.Slug, m.Source.Slug, m.Passage, m.Span)
		}
		for _, n := range idx.NoteMentions(e.Slug) {
			p("named %s %s", e.Slug, n.Slug)
		}
	}
	for _, slug := range slugs {
		p("target %+v", *idx.Target(slug))
		for _, t := range idx.Backlinks(slug) {
			p("backlink %s %s", slug, t.Slug)
		}
		for _, c := range idx.CitationsBy(slug) {
			p("cites %s %s", slug, cite(c))
		}
		for _, e := range idx.EventsBy(slug) {
			p("events by %s %s", slug, event(e))
		}
	}
	for _, d := range idx.Parsed {
		if t := idx.TargetOf(d); t != nil {
			p("target of %s %s", d.Doc.Path, t.Slug)
		}
		for _, l := range resolve.Links(d) {
			if l == nil {
				p("link %s nil", d.Doc.Path)
				continue
			}
			p("link %s %+v", d.Doc.Path, *l)
		}
	}
	return b.String()
}
