package render

import (
	"html/template"

	"github.com/dossier-dev/dossier/internal/export"
	"github.com/dossier-dev/dossier/internal/layout"
	"github.com/dossier-dev/dossier/internal/view"
)

// themeSummary is a theme as the index lists it.
type themeSummary struct {
	view.Link
	Passages, Notes, Events int
	Sources                 int
}

type indexData struct {
	SummaryTitle string
	Summary      template.HTML
	Themes       []themeSummary
	Notes        []view.NoteCard
	Sources      []view.SourceCard
	Counts       struct{ Notes, Citations, Events, Entities int }
	// Cite is the reference to the briefing itself.
	Cite export.Briefing
}

// latestNotes is how many notes the index lists.
const latestNotes = 8

func (b *builder) indexPage() *page {
	c := b.idx.Content
	p := b.newPage("", "index", c.Config.Title)
	p.Description = c.Config.Subtitle
	d := &indexData{SummaryTitle: c.SummaryTitle, Summary: b.html(""), Cite: export.BriefingOf(c.Config)}
	if d.SummaryTitle == "" {
		d.SummaryTitle = "Summary"
	}
	for _, t := range b.idx.Themes {
		sources := map[string]bool{}
		matches := b.idx.ThemeMatches(t.Slug)
		for _, m := range matches {
			sources[m.Source.Slug] = true
		}
		d.Themes = append(d.Themes, themeSummary{
			Link:     view.Link{Title: t.Title, Href: layout.Theme(t.Slug), Kind: "theme"},
			Passages: len(matches),
			Sources:  len(sources),
			Notes:    len(b.idx.NotesOfTheme(t.Slug)),
			Events:   len(b.idx.EventsOfTheme(t.Slug)),
		})
	}
	notes := view.NotesNewestFirst(b.idx.Content.Notes)
	for _, n := range notes[:min(latestNotes, len(notes))] {
		d.Notes = append(d.Notes, view.NoteCardOf(b.idx, n))
	}
	for _, s := range c.Sources {
		d.Sources = append(d.Sources, view.SourceCardOf(b.idx, s))
	}
	d.Counts.Notes = len(c.Notes)
	d.Counts.Citations = len(b.idx.Citations)
	d.Counts.Events = len(b.idx.Events)
	d.Counts.Entities = len(c.Entities)
	p.Data = d
	return p
}
