package render

import (
	"html/template"

	"github.com/dossier-dev/dossier/internal/resolve"
	"github.com/dossier-dev/dossier/internal/site"
)

type noteData struct {
	Card    noteCard
	Body    template.HTML
	Events  []eventView
	Sources []link
}

func (b *builder) notePage(n *site.Note) *page {
	p := b.newPage("notes/"+n.Slug+"/", "note", n.Title)
	p.Description = n.Summary
	d := &noteData{Card: b.noteCard(n), Body: b.html[n.Slug]}
	var events []*resolve.Event
	for _, e := range b.idx.Events {
		if e.From != nil && e.From.Slug == n.Slug {
			events = append(events, e)
		}
	}
	d.Events = b.eventViews(events)
	seen := map[string]bool{}
	for _, c := range b.idx.Citations {
		if c.From != nil && c.From.Slug == n.Slug && !seen[c.Source.Slug] {
			seen[c.Source.Slug] = true
			d.Sources = append(d.Sources, link{Title: resolve.SourceTitle(c.Source), Href: "sources/" + c.Source.Slug + "/index.html", Kind: "source"})
		}
	}
	p.Backlinks = b.backlinks(n.Slug)
	p.Data = d
	return p
}
