package render

import (
	"cmp"
	"path"
	"strconv"
	"strings"

	"github.com/dossier-dev/dossier/internal/edition"
	"github.com/dossier-dev/dossier/internal/layout"
	"github.com/dossier-dev/dossier/internal/resolve"
	"github.com/dossier-dev/dossier/internal/view"
)

// changesData is the changes page: what changed since the earlier
// edition that dossier.yaml's previous_edition names, or, without one,
// nothing but how to name one.
type changesData struct {
	// Previous is the earlier edition's file in the content folder, ""
	// when the content names none.
	Previous   string
	Since, Now string
	Empty      bool
	Notes      []changeView
	Judgements []changeView
	Sources    []changeView
	Drift      []driftView
}

// changeView is a note, judgement or source added, changed or removed.
type changeView struct {
	Change string
	// Label is a judgement's number or a note's path; Link its title and,
	// when it is on the site now, where.
	Label   string
	Link    view.Link
	Details string
}

// driftView is a citation whose cited words moved or went.
type driftView struct {
	Kind string
	// At is where the earlier edition had the citation, path:line:col.
	At        string
	Document  view.Link
	Judgement int
	Source    string
	Quote     string
	Was       string
	// Now links the passages that hold the words or took their place.
	Now   []view.Link
	Where string
}

func (b *builder) changesPage() *page {
	p := b.newPage(layout.ChangesDir, "changes", "What changed")
	d := &changesData{}
	p.Data = d
	if b.previous == nil {
		p.Description = "There is no earlier edition to compare this one with."
		return p
	}
	d.Previous = b.idx.Content.Config.PreviousEdition
	r := edition.Compare(b.previous, b.edition())
	d.Since, d.Now, d.Empty = edition.EditionName(r.Since), edition.EditionName(r.Now), r.Empty()
	p.Description = "What changed since edition " + d.Since + "."
	for _, n := range r.Notes {
		c := changeView{Change: string(n.Change), Label: n.Note.Path, Link: view.Link{Title: n.Note.Title, Kind: "note"}, Details: strings.Join(n.Details, ", ")}
		if n.Change != edition.Removed {
			c.Link.Href = layout.Note(n.Note.Slug)
		}
		d.Notes = append(d.Notes, c)
	}
	for _, j := range r.Judgements {
		c := changeView{Change: string(j.Change), Label: strconv.Itoa(j.Number), Link: view.Link{Title: j.Headline}, Details: j.Details()}
		if j.Change != edition.Removed {
			c.Link.Href = layout.Page("") + "#summary-title"
		}
		d.Judgements = append(d.Judgements, c)
	}
	for _, s := range r.Sources {
		c := changeView{Change: string(s.Change), Label: s.Key, Link: view.Link{Title: s.Title, Kind: "source"}}
		if s.Change == edition.Revised {
			c.Details = s.Counts()
		}
		if s.Change != edition.Removed {
			c.Link.Href = layout.Source(s.Key)
		}
		d.Sources = append(d.Sources, c)
	}
	for _, dr := range r.Drift {
		c := dr.Citation
		v := driftView{
			Kind:      string(dr.Kind),
			At:        c.Document + ":" + strconv.Itoa(c.Line) + ":" + strconv.Itoa(c.Col),
			Document:  b.documentLink(c.Document, dr.Note),
			Judgement: c.Judgement,
			Source:    c.Source,
			Quote:     c.Quote,
			Was:       edition.Mark(c.Number),
		}
		for _, np := range dr.Now {
			v.Now = append(v.Now, view.Link{Title: edition.Mark(np.Number), Href: layout.Passage(c.Source, np.ID)})
		}
		if len(v.Now) == 0 {
			v.Where = dr.Where()
		} else if dr.Kind == edition.Reworded {
			v.Where = "words not found"
		}
		d.Drift = append(d.Drift, v)
	}
	return p
}

// documentLink links the document at rel, a path in the content folder,
// if it is on the site now: a note, theme or entity by its slug, the
// summary on the index page, the timeline's events on the timeline.
func (b *builder) documentLink(rel, title string) view.Link {
	l := view.Link{Title: cmp.Or(title, rel)}
	switch dir := path.Dir(rel); {
	case rel == "index.md":
		l.Title, l.Href = "Key judgements", layout.Page("")+"#summary-title"
	case rel == "timeline.yaml":
		l.Title, l.Href = "Timeline", layout.Page(layout.TimelineDir)
	case dir == "notes" || dir == "themes" || dir == "entities":
		slug := strings.TrimSuffix(path.Base(rel), path.Ext(rel))
		if t := b.idx.Target(slug); t != nil && t.Kind != resolve.KindSource {
			l.Title, l.Href, l.Kind = t.Title, t.Href, string(t.Kind)
		}
	}
	return l
}
