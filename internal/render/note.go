package render

import (
	"html/template"

	"github.com/dossier-dev/dossier/internal/layout"
	"github.com/dossier-dev/dossier/internal/site"
	"github.com/dossier-dev/dossier/internal/view"
)

type noteData struct {
	Card    view.NoteCard
	Body    template.HTML
	Events  []eventView
	Sources []view.SourceCard
}

func (b *builder) notePage(n *site.Note) *page {
	p := b.newPage(layout.NoteDir(n.Slug), "note", n.Title)
	p.Description = n.Summary
	d := &noteData{Card: view.NoteCardOf(b.idx, n), Body: b.html(n.Slug)}
	d.Events = b.eventViews(b.idx.EventsBy(n.Slug))
	seen := map[string]bool{}
	for _, c := range b.idx.CitationsBy(n.Slug) {
		if !seen[c.Source.Slug] {
			seen[c.Source.Slug] = true
			d.Sources = append(d.Sources, view.SourceCardOf(b.idx, c.Source))
		}
	}
	p.Backlinks = b.backlinks(n.Slug)
	p.Data = d
	return p
}
