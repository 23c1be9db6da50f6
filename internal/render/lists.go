package render

import (
	"bytes"
	"encoding/xml"
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/internal/layout"
	"github.com/dossier-dev/dossier/internal/view"
)

type timelineData struct {
	Events []eventView
	Themes []view.Link
}

func (b *builder) timelinePage() *page {
	p := b.newPage(layout.TimelineDir, "timeline", "Timeline")
	d := &timelineData{Events: b.eventViews(b.idx.Events)}
	for _, t := range b.idx.Themes {
		d.Themes = append(d.Themes, view.Link{Title: t.Title, Href: t.Slug, Kind: "theme"})
	}
	p.Data = d
	return p
}

// listData is a list page: all notes, sources or entities.
type listData struct {
	Notes    []view.NoteCard
	Sources  []view.SourceCard
	Entities []entityItem
}

type entityItem struct {
	view.Link
	Kind     string
	Mentions int
}

func (b *builder) notesList() *page {
	p := b.newPage(layout.NotesDir, "list", "Notes")
	d := &listData{}
	for _, n := range view.NotesNewestFirst(b.idx.Content.Notes) {
		d.Notes = append(d.Notes, view.NoteCardOf(b.idx, n))
	}
	p.Data = d
	return p
}

func (b *builder) sourcesList() *page {
	p := b.newPage(layout.SourcesDir, "list", "Sources")
	d := &listData{}
	for _, s := range b.idx.Content.Sources {
		d.Sources = append(d.Sources, view.SourceCardOf(b.idx, s))
	}
	p.Data = d
	return p
}

func (b *builder) entitiesList() *page {
	p := b.newPage(layout.EntitiesDir, "list", "Entities")
	d := &listData{}
	for _, e := range b.idx.Content.Entities {
		d.Entities = append(d.Entities, entityItem{
			Link:     view.Link{Title: e.Title, Href: layout.Entity(e.Slug), Kind: "entity"},
			Kind:     e.Kind,
			Mentions: len(b.idx.Mentions(e.Slug)),
		})
	}
	slices.SortStableFunc(d.Entities, func(a, b entityItem) int { return strings.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)) })
	p.Data = d
	return p
}

// sitemap lists every page. Without a base URL the locations are
// relative, which crawlers ignore but which keeps the file valid; set
// base_url in dossier.yaml to publish.
func sitemap(baseURL string, pages []string) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range pages {
		loc := strings.TrimSuffix(p, layout.Index)
		if baseURL != "" {
			loc = baseURL + "/" + loc
		}
		b.WriteString("  <url><loc>")
		xml.EscapeText(&b, []byte(loc))
		b.WriteString("</loc></url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}
