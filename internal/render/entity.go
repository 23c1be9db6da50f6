package render

import (
	"html/template"
	"slices"

	"github.com/dossier-dev/dossier/internal/layout"
	"github.com/dossier-dev/dossier/internal/resolve"
	"github.com/dossier-dev/dossier/internal/site"
	"github.com/dossier-dev/dossier/internal/view"
)

// snippetWidth is how much context a mention shows on each side.
const snippetWidth = 90

type entityData struct {
	Kind        string
	Aliases     []string
	Description template.HTML
	Mentions    []mentionView
	Notes       []view.Link
}

// mentionView is a passage that names the entity, once however many
// times it does.
type mentionView struct {
	Source  string
	Mark    string
	Href    string
	Snippet template.HTML
	// Count is how many times the passage names the entity.
	Count int
}

func (b *builder) entityPage(e *site.Entity) *page {
	p := b.newPage(layout.EntityDir(e.Slug), "entity", e.Title)
	d := &entityData{Kind: e.Kind, Aliases: e.Aliases, Description: b.html(e.Slug)}
	mentions := b.idx.Mentions(e.Slug)
	for i := 0; i < len(mentions); {
		m := mentions[i]
		var spans []site.Span
		for ; i < len(mentions) && mentions[i].Source == m.Source && mentions[i].Passage == m.Passage; i++ {
			spans = append(spans, mentions[i].Span)
		}
		slices.SortFunc(spans, func(a, b site.Span) int { return a.Start - b.Start })
		passage := &m.Source.Passages[m.Passage]
		d.Mentions = append(d.Mentions, mentionView{
			Source:  resolve.SourceTitle(m.Source),
			Mark:    resolve.CiteMark(m.Source, passage),
			Href:    layout.Passage(m.Source.Slug, passage.ID),
			Snippet: view.Snippet(passage.Text, spans, snippetWidth),
			Count:   len(spans),
		})
	}
	seen := map[string]bool{}
	for _, n := range b.idx.NoteMentions(e.Slug) {
		seen[n.Slug] = true
		d.Notes = append(d.Notes, view.Link{Title: n.Title, Href: layout.Note(n.Slug), Kind: "note"})
	}
	for _, t := range b.idx.Backlinks(e.Slug) {
		if t.Kind == resolve.KindNote && !seen[t.Slug] {
			d.Notes = append(d.Notes, view.Link{Title: t.Title, Href: t.Href, Kind: "note"})
		}
	}
	p.Backlinks = b.backlinks(e.Slug)
	p.LocalGraph = b.localGraph(e.Slug, nil, p.Root)
	p.Data = d
	return p
}
