package render

import (
	"path/filepath"
	"strconv"
	"strings"

	"github.com/dossier-dev/dossier/internal/audit"
	"github.com/dossier-dev/dossier/internal/evidence"
	"github.com/dossier-dev/dossier/internal/layout"
	"github.com/dossier-dev/dossier/internal/site"
	"github.com/dossier-dev/dossier/internal/view"
)

// evidenceData is the evidence page: the audit of the key judgements and
// of the notes of each theme, and how much of each source the notes cite.
type evidenceData struct {
	Warnings int
	// Detailed says the notes' warnings are listed one by one; beyond
	// evidenceDetailNotes notes each note gets a count of them instead.
	Detailed   bool
	Thin       []claimView
	Judgements []claimView
	Themes     []evidenceTheme
	Coverage   []coverageView
}

// evidenceTheme is a theme's section of the evidence page.
type evidenceTheme struct {
	ID    string
	Theme view.Link
	Notes []claimView
}

// claimView is a judgement or note: what it rests on, and the audit's
// warnings about it.
type claimView struct {
	// Label is a judgement's number, "" for a note.
	Label   string
	Link    view.Link
	Basis   basisView
	Sources []sourceUseView
	// Flags name a thin basis: "single source", "one line of reporting",
	// "only D-F sources", "no source".
	Flags    []string
	Warnings []warningView
	// Tally counts the warnings by rule ("3 sentences cite nothing"),
	// where they are not listed.
	Tally string
}

// sourceUseView is a source a claim cites, with its grade.
type sourceUseView struct {
	Link        view.Link
	Reliability string
	Citations   int
}

// warningView is one audit warning: where, and what.
type warningView struct {
	Rule, At, Message string
	// Link is the passage a figure's citation cites, if any.
	Link view.Link
}

// coverageView is how much of a source no note cites.
type coverageView struct {
	Source                     view.Link
	Passages, Uncited, Percent int
	Marks                      []view.Link
}

// evidenceDetailNotes is how many notes the evidence page lists the
// warnings of one by one, as the print edition holds notes in full up to
// that many: at 2,000 notes the list of every warning made a 22 MB page,
// and `dossier audit` gives them with their lines anyway.
const evidenceDetailNotes = site.PrintFullNotes

func (b *builder) evidencePage() *page {
	p := b.newPage(layout.EvidenceDir, "evidence", "Evidence")
	detailed := len(b.idx.Content.Notes) <= evidenceDetailNotes
	r := audit.Run(b.idx, audit.Options{CountUncited: !detailed})
	d := &evidenceData{Warnings: r.Count(), Detailed: detailed}
	p.Data = d
	p.Description = "What each key judgement and note rests on, and the claims that rest on little."
	root := filepath.ToSlash(b.idx.Content.Root)
	for _, c := range r.Judgements {
		v := b.claimView(c, root, true)
		d.Judgements = append(d.Judgements, v)
		if len(v.Flags) > 0 {
			d.Thin = append(d.Thin, v)
		}
	}
	notes := map[*site.Note]claimView{}
	var unthemed []claimView
	for _, c := range r.Notes {
		v := b.claimView(c, root, d.Detailed)
		notes[c.Note] = v
		if len(c.Note.Themes) == 0 {
			unthemed = append(unthemed, v)
		}
		if len(v.Flags) > 0 {
			d.Thin = append(d.Thin, v)
		}
	}
	for _, t := range b.idx.Themes {
		s := evidenceTheme{ID: "theme-" + t.Slug, Theme: view.Link{Title: t.Title, Href: layout.Theme(t.Slug), Kind: "theme"}}
		for _, n := range b.idx.NotesOfTheme(t.Slug) {
			s.Notes = append(s.Notes, notes[n])
		}
		d.Themes = append(d.Themes, s)
	}
	if len(unthemed) > 0 {
		d.Themes = append(d.Themes, evidenceTheme{ID: "no-theme", Theme: view.Link{Title: "Notes in no theme"}, Notes: unthemed})
	}
	for _, c := range r.Coverage {
		v := coverageView{
			Source:   view.Link{Title: c.Source.Slug, Href: layout.Source(c.Source.Slug), Kind: "source"},
			Passages: c.Passages,
			Uncited:  len(c.Uncited),
		}
		if c.Passages > 0 {
			v.Percent = (200*v.Uncited + c.Passages) / (2 * c.Passages)
		}
		for _, pa := range c.Uncited {
			v.Marks = append(v.Marks, view.Link{Title: "¶" + strconv.Itoa(pa.Number), Href: layout.Passage(c.Source.Slug, pa.ID)})
		}
		d.Coverage = append(d.Coverage, v)
	}
	return p
}

// claimView is the view of an audited judgement or note; root is the
// content folder, which positions are shown relative to. Without detail
// the warnings are counted rather than listed.
func (b *builder) claimView(c *audit.Claim, root string, detailed bool) claimView {
	v := claimView{Basis: basisOf(c.Basis)}
	if c.Note != nil {
		v.Link = view.Link{Title: c.Note.Title, Href: layout.Note(c.Note.Slug), Kind: "note"}
	} else {
		v.Label = strconv.Itoa(c.Judgement)
		v.Link = view.Link{Title: c.Title, Href: layout.Page("") + "#summary-title"}
	}
	for _, u := range c.Basis.Uses {
		v.Sources = append(v.Sources, sourceUseView{
			Link:        view.Link{Title: u.Source.Slug, Href: layout.Source(u.Source.Slug), Kind: "source"},
			Reliability: u.Source.Meta.Reliability,
			Citations:   u.Citations,
		})
	}
	for _, concern := range c.Basis.Concerns() {
		v.Flags = append(v.Flags, concernFlags[concern])
	}
	if !detailed {
		v.Tally = tally(c)
		return v
	}
	for _, w := range c.Warnings {
		if w.Rule == audit.Basis {
			continue
		}
		wv := warningView{Rule: string(w.Rule), At: strings.TrimPrefix(filepath.ToSlash(w.Pos.Path), root+"/") + ":" + strconv.Itoa(w.Pos.Line) + ":" + strconv.Itoa(w.Pos.Col), Message: w.Message()}
		if w.Citation != nil {
			pa := &w.Citation.Source.Passages[w.Citation.Passage]
			wv.Link = view.Link{Title: w.Citation.Source.Slug + " ¶" + strconv.Itoa(pa.Number), Href: layout.Passage(w.Citation.Source.Slug, pa.ID), Kind: "source"}
		}
		v.Warnings = append(v.Warnings, wv)
	}
	return v
}

// concernFlags name the ways a basis is thin, as the evidence page flags
// them.
var concernFlags = map[evidence.Concern]string{
	evidence.NoSource:     "no source",
	evidence.SingleSource: "single source",
	evidence.SingleLine:   "one line of reporting",
	evidence.OnlyWeak:     "only D-F sources",
}

// tally counts a claim's warnings by rule in words, leaving out the
// basis warnings that the flags show: "3 sentences cite nothing, 1
// figure in no cited passage".
func tally(c *audit.Claim) string {
	uncited, figures := c.Uncited, 0
	for _, w := range c.Warnings {
		switch w.Rule {
		case audit.Uncited:
			uncited++
		case audit.Figure:
			figures++
		}
	}
	var parts []string
	if uncited > 0 {
		parts = append(parts, plural(uncited, "sentence cites", "sentences cite")+" nothing")
	}
	if figures > 0 {
		parts = append(parts, plural(figures, "figure", "figures")+" in no cited passage")
	}
	return strings.Join(parts, ", ")
}
