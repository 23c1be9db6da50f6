package render

import (
	"html/template"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dossier-dev/dossier/internal/edition"
	"github.com/dossier-dev/dossier/internal/layout"
	"github.com/dossier-dev/dossier/internal/markdown"
	"github.com/dossier-dev/dossier/internal/resolve"
	"github.com/dossier-dev/dossier/internal/site"
	"github.com/dossier-dev/dossier/internal/view"
)

// page is what every template receives.
type page struct {
	Site *siteView
	// Root is the relative path from this page to the site root.
	Root  string
	Path  string
	Title string
	// Kind names the page type: index, theme, source, note, entity,
	// timeline, list, 404. Templates and CSS key off it.
	Kind        string
	Description string
	Backlinks   []view.Link
	// Outline lists the page's sections, for a contents list beside
	// long pages.
	Outline []outlineEntry
	// LocalGraph is the page's node and its neighbours, for a note,
	// source, theme or entity; nil elsewhere.
	LocalGraph *localGraph
	Data       any
	// finish, if set, ends work started for the page's template: the
	// print edition's read-ahead.
	finish func()
}

// siteView is what every page shows of the dossier as a whole.
type siteView struct {
	Config site.Config
	// MarkingCSS is Config.Marking as a CSS string, for the margins of
	// printed pages.
	MarkingCSS template.CSS
	Themes     []view.Link
	// Pages are the paths of the pages every site has.
	Pages layout.Pages
}

// outlineEntry is a section of a page: its heading's id and text.
type outlineEntry struct {
	ID, Title string
	Level     int
}

// spec is a page of the site before it is made: where it goes, its
// template, and how to build its view.
type spec struct {
	path, template string
	view           func() *page
}

// builder assembles the view of each page from the index.
type builder struct {
	r    *Renderer
	idx  *resolve.Index
	site *siteView
	// docs are the Markdown documents by slug ("" for the summary), each
	// rendered to HTML the first time a page shows it.
	docs map[string]*lazyDoc

	renderedDocs atomic.Int64
	failed       atomic.Pointer[error]

	// previous is the earlier edition, or nil; edition is this one,
	// made once for edition.json and the changes page.
	previous *edition.Edition
	edition  func() *edition.Edition
	// links is the map of links between documents, made once for the
	// map page; the local maps read their neighbourhoods from the index,
	// with the themes and entities weighed by hubs.
	links func() *linkGraph
	hubs  *hubWeights
}

// lazyDoc is a Markdown document and, where the build remembers its
// pages, its web rendering, made on first use.
type lazyDoc struct {
	parsed *resolve.Parsed
	once   sync.Once
	html   template.HTML
}

func newBuilder(r *Renderer, idx *resolve.Index) *builder {
	sv := &siteView{Config: idx.Content.Config, MarkingCSS: view.CSSString(idx.Content.Config.Marking), Pages: layout.SitePages()}
	for _, t := range idx.Themes {
		sv.Themes = append(sv.Themes, view.Link{Title: t.Title, Href: layout.Theme(t.Slug), Kind: "theme"})
	}
	b := &builder{r: r, idx: idx, site: sv, docs: make(map[string]*lazyDoc, len(idx.Parsed))}
	b.edition = sync.OnceValue(func() *edition.Edition { return edition.Of(idx) })
	b.links = sync.OnceValue(func() *linkGraph { return linkGraphOf(idx) })
	b.hubs = newHubWeights(idx)
	// One allocation for all: a rebuild under serve makes these for every
	// document, to render one or two of them.
	docs := make([]lazyDoc, len(idx.Parsed))
	for i, p := range idx.Parsed {
		docs[i].parsed = p
		b.docs[p.Slug()] = &docs[i]
	}
	return b
}

// html is the web rendering of the document with slug ("" for the
// summary). A failed rendering is kept for err to report.
func (b *builder) html(slug string) template.HTML {
	d := b.docs[slug]
	if d == nil {
		return ""
	}
	if b.r.memo == nil {
		// A build that remembers nothing shows each document on its
		// one page, once: keeping the HTML would hold every note's.
		return b.renderWeb(d)
	}
	d.once.Do(func() { d.html = b.renderWeb(d) })
	return d.html
}

// renderWeb renders a document for the web; a failure is kept for err.
func (b *builder) renderWeb(d *lazyDoc) template.HTML {
	html, err := b.markdown(d)
	if err != nil {
		b.failed.CompareAndSwap(nil, &err)
		return ""
	}
	return template.HTML(html)
}

// err is the first error rendering Markdown met, if any: not the
// content's fault, but it spoils the pages that show the document.
func (b *builder) err() error {
	if err := b.failed.Load(); err != nil {
		return *err
	}
	return nil
}

// markdown renders a document for its web page, reusing the HTML of an
// earlier build when its text and resolved links are unchanged.
func (b *builder) markdown(d *lazyDoc) (string, error) {
	p := d.parsed
	target := markdown.Target{Root: layout.Root(pageDir(p)), Links: resolve.Links(p)}
	name := "markdown:" + p.Doc.Path
	var key uint64
	if b.r.memo != nil {
		var err error
		if key, err = b.r.memo.Key(p.Doc.Body, target); err != nil {
			return "", err
		}
		if v, ok := b.r.memo.Get(name, key); ok {
			if html, ok := v.(string); ok {
				return html, nil
			}
		}
	}
	html, err := b.r.md.Render(p.Src, p.AST(), target)
	if err != nil {
		return "", err
	}
	b.renderedDocs.Add(1)
	if b.r.memo != nil {
		b.r.memo.Put(name, key, html)
	}
	return html, nil
}

// pageDir is the folder of the page that shows a Markdown document.
func pageDir(p *resolve.Parsed) string {
	switch p.Kind {
	case resolve.KindNote:
		return layout.NoteDir(p.Doc.Slug)
	case resolve.KindTheme:
		return layout.ThemeDir(p.Doc.Slug)
	case resolve.KindEntity:
		return layout.EntityDir(p.Doc.Slug)
	}
	return ""
}

func (b *builder) newPage(dir, kind, title string) *page {
	return &page{Site: b.site, Root: layout.Root(dir), Path: layout.Page(dir), Title: title, Kind: kind}
}

func (b *builder) backlinks(slug string) []view.Link {
	var out []view.Link
	for _, t := range b.idx.Backlinks(slug) {
		out = append(out, view.Link{Title: t.Title, Href: t.Href, Kind: string(t.Kind)})
	}
	return out
}

// pages lists every HTML page of the site, with nothing built yet.
func (b *builder) pages() []spec {
	c := b.idx.Content
	specs := make([]spec, 0, len(c.Notes)+len(c.Sources)+len(c.Entities)+2*len(b.idx.Themes)+12)
	add := func(dir, template string, view func() *page) {
		specs = append(specs, spec{path: layout.Page(dir), template: template, view: view})
	}
	add("", "index.html", b.indexPage)
	for _, t := range b.idx.Themes {
		add(layout.ThemeDir(t.Slug), "theme.html", func() *page { return b.themePage(t) })
	}
	for _, s := range b.idx.Content.Sources {
		add(layout.SourceDir(s.Slug), "source.html", func() *page { return b.sourcePage(s) })
	}
	for _, n := range b.idx.Content.Notes {
		add(layout.NoteDir(n.Slug), "note.html", func() *page { return b.notePage(n) })
	}
	for _, e := range b.idx.Content.Entities {
		add(layout.EntityDir(e.Slug), "entity.html", func() *page { return b.entityPage(e) })
	}
	add(layout.TimelineDir, "timeline.html", b.timelinePage)
	add(layout.PrintDir, "print.html", b.printPage)
	for _, t := range b.idx.Themes {
		add(layout.BriefDir(t.Slug), "print.html", func() *page { return b.briefPage(t) })
	}
	add(layout.SearchDir, "search.html", b.searchPage)
	add(layout.ChangesDir, "changes.html", b.changesPage)
	add(layout.GraphDir, "graph.html", b.graphPage)
	add(layout.EvidenceDir, "evidence.html", b.evidencePage)
	add(layout.NotesDir, "list.html", b.notesList)
	add(layout.SourcesDir, "list.html", b.sourcesList)
	add(layout.EntitiesDir, "list.html", b.entitiesList)
	specs = append(specs, spec{path: layout.NotFound, template: "404.html", view: b.notFoundPage})
	return specs
}

// notFoundPage is 404.html. The host serves it at any depth, so its links
// cannot be relative: they start at the base URL, or at the host's root.
func (b *builder) notFoundPage() *page {
	p := b.newPage("", "404", "Page not found")
	p.Path = layout.NotFound
	p.Root = b.idx.Content.Config.BaseURL + "/"
	return p
}

// eventView is a timeline event as shown.
type eventView struct {
	Date    string
	Text    string
	Themes  []string
	Mark    string
	Href    string
	Quote   string
	From    *view.Link
	Classes string
}

func (b *builder) eventView(e *resolve.Event) eventView {
	c := e.Citation
	p := &c.Source.Passages[c.Passage]
	v := eventView{
		Date:  e.Date,
		Text:  e.Text,
		Mark:  markOf(c),
		Href:  layout.Passage(c.Source.Slug, resolve.QuoteAnchor(p, c.Quote)),
		Quote: p.Text[c.Quote.Start:c.Quote.End],
	}
	var classes []string
	for _, r := range e.Themes {
		v.Themes = append(v.Themes, r.Slug)
		classes = append(classes, "t-"+r.Slug)
	}
	v.Classes = strings.Join(classes, " ")
	if e.From != nil {
		v.From = &view.Link{Title: e.From.Title, Href: e.From.Href, Kind: "note"}
	}
	return v
}

// markOf is a citation's mark, with its grade if it has one.
func markOf(c *resolve.Citation) string {
	mark := resolve.CiteMark(c.Source, &c.Source.Passages[c.Passage])
	if g := resolve.Grade(c.Source, c.Credibility); g != "" {
		mark += " · " + g
	}
	return mark
}

func (b *builder) eventViews(events []*resolve.Event) []eventView {
	out := make([]eventView, len(events))
	for i, e := range events {
		out[i] = b.eventView(e)
	}
	return out
}
