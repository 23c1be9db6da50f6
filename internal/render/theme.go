package render

import (
	"html/template"
	"slices"

	"github.com/dossier-dev/dossier/internal/layout"
	"github.com/dossier-dev/dossier/internal/resolve"
	"github.com/dossier-dev/dossier/internal/site"
	"github.com/dossier-dev/dossier/internal/view"
)

type themeData struct {
	Slug     string
	Overview template.HTML
	// Words are the words the theme's terms found in the sources, each
	// once: what a reader reads rather than the terms' expressions.
	Words    []string
	Notes    []view.NoteCard
	Events   []eventView
	Groups   []passageGroup
	Total    int
	Entities []entityCount
}

// passageGroup is the passages of one source that a theme tags.
type passageGroup struct {
	Source   view.SourceCard
	Passages []passageView
}

type entityCount struct {
	view.Link
	Count int
}

func (b *builder) themePage(t *site.Theme) *page {
	p := b.newPage(layout.ThemeDir(t.Slug), "theme", t.Title)
	d := &themeData{Slug: t.Slug, Overview: b.html(t.Slug)}
	for _, n := range b.idx.NotesOfTheme(t.Slug) {
		d.Notes = append(d.Notes, view.NoteCardOf(b.idx, n))
	}
	d.Events = b.eventViews(b.idx.EventsOfTheme(t.Slug))
	matches := b.idx.ThemeMatches(t.Slug)
	d.Total = len(matches)
	tagged := map[*site.Source]map[int]bool{}
	words := map[string]bool{}
	for _, m := range matches {
		if len(d.Groups) == 0 || d.Groups[len(d.Groups)-1].Source.Slug != m.Source.Slug {
			d.Groups = append(d.Groups, passageGroup{Source: view.SourceCardOf(b.idx, m.Source)})
		}
		g := &d.Groups[len(d.Groups)-1]
		pv := b.passageView(m.Source, m.Passage, termMarks(m.Spans), p.Root, false)
		text := m.Source.Passages[m.Passage].Text
		pv.Terms = view.MatchedWords(text, m.Spans, map[string]bool{})
		d.Words = append(d.Words, view.MatchedWords(text, m.Spans, words)...)
		// The sentences the terms stand in, with the whole paragraph a
		// click away: whole paragraphs made the page too long to read.
		cut, spans, whole := view.Sentences(&m.Source.Passages[m.Passage], m.Spans)
		if !whole {
			pv.Sentences = view.PassageHTML(&cut, termMarks(spans), nil)
		}
		g.Passages = append(g.Passages, pv)
		if tagged[m.Source] == nil {
			tagged[m.Source] = map[int]bool{}
		}
		tagged[m.Source][m.Passage] = true
	}
	d.Entities = b.entitiesIn(tagged)
	p.Outline = themeOutline(d)
	p.Backlinks = b.backlinks(t.Slug)
	p.LocalGraph = b.localGraph(t.Slug, nil, p.Root)
	p.Data = d
	return p
}

// themeOutline lists the sections theme.html shows for d, by the ids
// it gives their headings.
func themeOutline(d *themeData) []outlineEntry {
	out := []outlineEntry{{ID: "overview-title", Title: "Overview", Level: 2}}
	if len(d.Notes) > 0 {
		out = append(out, outlineEntry{ID: "notes-title", Title: "Notes", Level: 2})
	}
	if len(d.Events) > 0 {
		out = append(out, outlineEntry{ID: "events-title", Title: "Events", Level: 2})
	}
	if len(d.Entities) > 0 {
		out = append(out, outlineEntry{ID: "entities-title", Title: "Entities", Level: 2})
	}
	out = append(out, outlineEntry{ID: "passages-title", Title: "Source passages", Level: 2})
	for _, g := range d.Groups {
		out = append(out, outlineEntry{ID: "from-" + g.Source.Slug + "-title", Title: g.Source.Cite, Level: 3})
	}
	return out
}

// entitiesIn counts the mentions of each entity within a set of passages,
// most mentioned first.
func (b *builder) entitiesIn(passages map[*site.Source]map[int]bool) []entityCount {
	var out []entityCount
	for _, e := range b.idx.Content.Entities {
		n := 0
		for _, m := range b.idx.Mentions(e.Slug) {
			if passages[m.Source][m.Passage] {
				n++
			}
		}
		if n > 0 {
			out = append(out, entityCount{view.Link{Title: e.Title, Href: layout.Entity(e.Slug), Kind: "entity"}, n})
		}
	}
	slices.SortStableFunc(out, func(a, b entityCount) int { return b.Count - a.Count })
	return out
}

// passageView is a source passage as shown on any page.
type passageView struct {
	ID     string
	Number int
	Kind   string
	Level  int
	Lang   string
	HTML   template.HTML
	Href   string
	Mark   string
	Lines  site.LineRange
	Themes []view.Link
	// Terms are the words a theme's terms found in the passage, and
	// Sentences the sentences they stand in, unless that is the whole
	// passage.
	Terms     []string
	Sentences template.HTML
	// Notes are the documents citing the passage, on its source's page:
	// the first shownAnnotations of them, and More the rest.
	Notes, More []annotation
	// CitedBy says how many documents cite the passage.
	CitedBy string
}

// termMarks marks the words a theme's terms found.
func termMarks(spans []site.Span) []view.TextMark {
	marks := make([]view.TextMark, len(spans))
	for i, s := range spans {
		marks[i] = view.TextMark{Kind: view.MarkTerm, Span: s}
	}
	return marks
}

// annotation is a document citing a passage, shown in the margin, with
// the sentences in which it does, each once.
type annotation struct {
	view.Link
	Sentences []string
}

// shownAnnotations is how many citing documents the margin shows beside
// a passage before "N more": more would stand taller than most passages
// and push the text apart.
const shownAnnotations = 3

// citedBy says how many documents the annotations name: notes, if they
// are all notes.
func citedBy(docs ...[]annotation) string {
	n, notes := 0, 0
	for _, d := range docs {
		for _, a := range d {
			n++
			if a.Kind == string(resolve.KindNote) {
				notes++
			}
		}
	}
	if notes == n {
		return "Cited by " + plural(n, "note", "notes")
	}
	return "Cited by " + plural(n, "document", "documents")
}

// annotate groups the citations of a passage by the document making
// them, in the order they first appear.
func annotate(citations []*resolve.Citation) (shown, more []annotation) {
	var all []annotation
	at := map[*resolve.Target]int{}
	for _, c := range citations {
		if c.From == nil {
			continue
		}
		i, ok := at[c.From]
		if !ok {
			i = len(all)
			at[c.From] = i
			all = append(all, annotation{Link: view.Link{Title: c.From.Title, Href: c.From.Href, Kind: string(c.From.Kind)}})
		}
		if sentence := c.Sentence(); sentence != "" && !slices.Contains(all[i].Sentences, sentence) {
			all[i].Sentences = append(all[i].Sentences, sentence)
		}
	}
	if len(all) > shownAnnotations {
		return all[:shownAnnotations], all[shownAnnotations:]
	}
	return all, nil
}

// passageView shows passage i of s on a page whose root is root. Its
// footnote markers link to the footnotes, which only the source's own page
// has (onSourcePage).
func (b *builder) passageView(s *site.Source, i int, marks []view.TextMark, root string, onSourcePage bool) passageView {
	p := &s.Passages[i]
	footnoteHref := func(label string) string { return root + layout.Passage(s.Slug, "fn-"+label) }
	if onSourcePage {
		footnoteHref = func(label string) string { return "#fn-" + label }
	}
	v := passageView{
		ID:     p.ID,
		Number: p.Number,
		Kind:   p.Kind.String(),
		Level:  min(p.Level+1, 6),
		Lang:   p.Lang,
		HTML:   view.PassageHTML(p, marks, footnoteHref),
		Href:   layout.Passage(s.Slug, p.ID),
		Mark:   resolve.CiteMark(s, p),
		// Lines of the file, front matter included, as everywhere a
		// reader or an analyst sees line numbers.
		Lines: site.LineRange{First: s.BodyLine + p.Lines.First - 1, Last: s.BodyLine + p.Lines.Last - 1},
	}
	for _, slug := range b.idx.PassageThemes(s, i) {
		if t := b.idx.Target(slug); t != nil {
			v.Themes = append(v.Themes, view.Link{Title: t.Title, Href: t.Href, Kind: slug})
		}
	}
	return v
}
