package render

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/dossier-dev/dossier/internal/evidence"
	"github.com/dossier-dev/dossier/internal/layout"
	"github.com/dossier-dev/dossier/internal/markdown"
	"github.com/dossier-dev/dossier/internal/site"
	"github.com/dossier-dev/dossier/internal/view"
)

type noteData struct {
	Card   view.NoteCard
	Body   template.HTML
	Events []eventView
	// Sources are the sources the note cites, with what it rests on.
	Sources []sourceUse
	Basis   basisView
}

// sourceUse is a source as a note uses it.
type sourceUse struct {
	view.SourceCard
	Citations     int
	Credibilities string
}

// basisView says in a sentence what a piece of analysis rests on, and
// what it should be read with care for.
type basisView struct {
	Summary  string
	Warnings []string
}

func (b *builder) notePage(n *site.Note) *page {
	p := b.newPage(layout.NoteDir(n.Slug), "note", n.Title)
	p.Description = n.Summary
	d := &noteData{Card: view.NoteCardOf(b.idx, n), Body: b.html(n.Slug)}
	d.Events = b.eventViews(b.idx.EventsBy(n.Slug))
	basis := evidence.Of(b.idx.CitationsBy(n.Slug))
	for _, u := range basis.Uses {
		d.Sources = append(d.Sources, sourceUse{SourceCard: view.SourceCardOf(b.idx, u.Source), Citations: u.Citations, Credibilities: credibilities(u.Credibilities)})
	}
	d.Basis = basisOf(basis)
	p.Outline = b.noteOutline(n, d)
	if doc := b.docs[n.Slug]; doc != nil {
		doc.parsed.Done()
	}
	p.Backlinks = b.backlinks(n.Slug)
	p.LocalGraph = b.localGraph(n.Slug, n, p.Root)
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
	if doc := b.docs[n.Slug]; doc != nil && doc.parsed.AST() != nil {
		for _, h := range markdown.Headings(doc.parsed.Src, doc.parsed.AST()) {
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

// credibilities lists the credibility grades a source's citations give.
func credibilities(grades []int) string {
	var out []string
	for _, g := range grades {
		if g > 0 {
			out = append(out, strconv.Itoa(g)+" ("+site.Credibilities[g]+")")
		}
	}
	return strings.Join(out, ", ")
}

// concernWarnings say, on a note's page, the ways what it rests on is
// thin. A note that cites nothing shows no basis at all.
var concernWarnings = map[evidence.Concern]string{
	evidence.SingleSource: "Rests on a single source.",
	evidence.SingleLine:   "Its sources are one line of reporting: they share an author or a publisher.",
	evidence.OnlyWeak:     "Rests only on sources graded D to F.",
}

// basisOf says what a piece of analysis rests on.
func basisOf(b evidence.Basis) basisView {
	var v basisView
	if len(b.Uses) == 0 {
		return v
	}
	v.Summary = "Rests on " + plural(len(b.Uses), "source", "sources")
	if len(b.Lines) < len(b.Uses) {
		v.Summary += ", " + plural(len(b.Lines), "independent line", "independent lines") + " of reporting (sources sharing an author or publisher count as one)"
	}
	v.Summary += "."
	for _, concern := range b.Concerns() {
		v.Warnings = append(v.Warnings, concernWarnings[concern])
	}
	ungraded := 0
	for _, u := range b.Uses {
		if u.Source.Meta.Reliability == "" {
			ungraded++
		}
	}
	if ungraded > 0 {
		v.Warnings = append(v.Warnings, plural(ungraded, "source is", "sources are")+" not graded for reliability.")
	}
	return v
}
