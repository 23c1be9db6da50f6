package render

import (
	"html/template"

	"github.com/dossier-dev/dossier/internal/layout"
	"github.com/dossier-dev/dossier/internal/markdown"
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
	p.Outline = b.noteOutline(n, d)
	p.Backlinks = b.backlinks(n.Slug)
	p.Data = d
	return p
}

// minOutline is the fewest sections a note needs to be given an outline:
// a short note is its own outline.
const minOutline = 3

// noteOutline lists the sections of a note's page: the body's headings
// below its title, then the events and the sources cited.
func (b *builder) noteOutline(n *site.Note, d *noteData) []outlineEntry {
	var out []outlineEntry
	if doc := b.docs[n.Slug]; doc != nil && doc.parsed.AST != nil {
		for _, h := range markdown.Headings(doc.parsed.Src, doc.parsed.AST) {
			if h.Level >= 2 && h.Level <= 3 {
				out = append(out, outlineEntry{ID: h.ID, Title: h.Text, Level: h.Level})
			}
		}
	}
	if len(d.Events) > 0 {
		out = append(out, outlineEntry{ID: "events-title", Title: "Events", Level: 2})
	}
	if len(d.Sources) > 0 {
		out = append(out, outlineEntry{ID: "cited-title", Title: "Sources cited", Level: 2})
	}
	if len(out) < minOutline {
		return nil
	}
	return out
}
