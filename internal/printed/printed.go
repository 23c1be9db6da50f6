// Package printed makes the views of the print pages from the index: the
// print edition (print/index.html), the whole briefing as one document,
// and the theme briefs (themes/<slug>/print/index.html), each one theme's
// part of it, short enough to hand across a table. Both share one
// rendering of each Markdown document for print: wikilinks point at
// anchors inside the page, citations are numbered endnote references, and
// every id starts with the document's anchor, so that ids from different
// documents cannot collide on the one page. Package render runs the
// print template on them.
package printed

import (
	"cmp"
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/dossier-dev/dossier/internal/layout"
	"github.com/dossier-dev/dossier/internal/markdown"
	"github.com/dossier-dev/dossier/internal/memo"
	"github.com/dossier-dev/dossier/internal/parallel"
	"github.com/dossier-dev/dossier/internal/resolve"
	"github.com/dossier-dev/dossier/internal/site"
	"github.com/dossier-dev/dossier/internal/view"
	"github.com/dossier-dev/dossier/internal/wikilink"
)

// keyPassages is how many source passages a theme shows in print: enough
// to ground the theme in its sources, few enough to read.
const keyPassages = 5

// Section ids of the print edition. Document anchors ("note-x",
// "theme-x") come from the resolver; these name the edition's own parts.
const (
	anchorCover        = "cover"
	anchorContents     = "contents"
	anchorSummary      = "summary"
	anchorTimeline     = "timeline"
	anchorGlossary     = "glossary"
	anchorBibliography = "bibliography"
)

// Data is what the print template receives as page Data.
type Data struct {
	Cover coverView
	// Contents lists the sections and notes, for the table of contents.
	Contents []tocEntry
	// Sections name each page-broken section and its running title, for
	// the named @page rules in the page's head.
	Sections     []runningTitle
	SummaryTitle string
	Summary      *Doc
	Themes       []*printTheme
	// Loose holds the notes that have no theme, so every note the
	// edition links to is in it.
	Loose    []*printNote
	Events   []printEvent
	Glossary []glossaryEntry
	Sources  []bibEntry
	// Numbers holds the section numbers by anchor.
	Numbers map[string]string
	// SiteHref is the theme's web page, for the brief.
	SiteHref string
	// Summaries is set when the edition gives notes as summaries; Notes
	// counts them.
	Summaries bool
	Notes     int
}

type coverView struct {
	Eyebrow, Title, Subtitle, Marking, Date, Organisation, Author string
	Counts                                                        string
}

type tocEntry struct {
	Anchor string
	Number string
	Title  string
	Level  int
}

type runningTitle struct {
	Anchor string
	// Page is the CSS page name; Title the running title shown on it,
	// as a CSS string.
	Page  string
	Title template.CSS
}

// Doc is a Markdown document rendered for print, with its endnotes.
type Doc struct {
	HTML     template.HTML
	Endnotes []endnote
}

// endnote says where one citation's words come from: the source and ¶,
// linked to the passage when the page prints it, else to the source in
// the bibliography.
type endnote struct {
	ID, RefID string
	Number    int
	Mark      string
	Href      string
	Quote     string
	Source    string
}

type printTheme struct {
	Anchor, Number, Title string
	Overview              *Doc
	Notes                 []*printNote
	// Elsewhere are the theme's notes printed under another theme.
	Elsewhere []view.Link
	Passages  []keyPassage
	Events    []printEvent
	Terms     []string
}

type printNote struct {
	view.NoteCard
	Anchor string
	body   *Doc
	// ahead renders the body when the template is about to ask for it,
	// where the edition is not remembered: then each note's print
	// rendering is garbage as soon as it is written, rather than all
	// 10,000 held at once. index is the note's place in ahead.
	ahead *readAhead
	index int
}

// Body is the note rendered for print.
func (n *printNote) Body() *Doc {
	if n.ahead != nil {
		return n.ahead.take(n.index)
	}
	return n.body
}

// keyPassage is a source passage printed in full, with the notes that
// cite it inline: print has no margin to hang them in.
type keyPassage struct {
	// Anchor is the passage's id, empty where an earlier theme printed
	// the same passage (ids must stay unique).
	Anchor   string
	Mark     string
	Source   view.Link
	Kind     string
	Lang     string
	HTML     template.HTML
	CitedBy  []view.Link
	Terms    []string
	Citation int
}

type printEvent struct {
	Date, Text, Mark, Href string
	Themes                 []string
	From                   *view.Link
}

type glossaryEntry struct {
	Anchor, Title, Kind string
	Aliases             []string
	Description         *Doc
	Mentions            int
}

type bibEntry struct {
	Anchor string
	view.SourceCard
}

// Options say how to make a print page.
type Options struct {
	Markdown *markdown.Markdown
	// Memo keeps renderings between builds. Without one, the edition's
	// notes are rendered just ahead of the template, and dropped after.
	Memo *memo.Memo
	// Page is the path of the page, and Root the relative path from it
	// to the site root.
	Page, Root string
}

// printer assembles a print page.
type printer struct {
	idx  *resolve.Index
	o    Options
	docs map[string]*resolve.Parsed // by anchor ("summary" for the summary)
	// passages maps a passage's print anchor to its source and index.
	passages map[string]passageRef
	// placed is the theme each note is printed under in the edition.
	placed map[string]string
	// hrefsKey identifies the anchors the page holds and its root: what
	// the hrefs of a document printed on it depend on, besides the
	// document.
	hrefsKey string
}

type passageRef struct {
	source *site.Source
	index  int
}

func newPrinter(idx *resolve.Index, o Options) *printer {
	pr := &printer{idx: idx, o: o, docs: map[string]*resolve.Parsed{}, passages: map[string]passageRef{}, placed: map[string]string{}}
	for _, p := range idx.Parsed {
		if t := idx.TargetOf(p); t != nil {
			pr.docs[t.Anchor] = p
		} else if p.Kind == resolve.KindSummary {
			pr.docs[anchorSummary] = p
		}
	}
	for _, s := range idx.Content.Sources {
		for i := range s.Passages {
			pr.passages[resolve.PassageAnchor(s, &s.Passages[i])] = passageRef{s, i}
		}
	}
	// A note is printed once, under the first theme its author gave it;
	// the other themes point to it.
	themes := map[string]bool{}
	for _, t := range idx.Themes {
		themes[t.Slug] = true
	}
	for _, n := range idx.Content.Notes {
		for _, r := range n.Themes {
			if themes[r.Slug] {
				pr.placed[n.Slug] = r.Slug
				break
			}
		}
	}
	return pr
}

// Edition is the view of the print edition, the whole briefing as one
// document, and, where it renders the notes as the template asks for
// them, a func to call when the template is done with it.
func Edition(idx *resolve.Index, o Options) (d *Data, finish func()) {
	pr := newPrinter(idx, o)
	c := idx.Content
	d = &Data{Cover: pr.cover("Briefing"), Numbers: map[string]string{}, Notes: len(c.Notes), Summaries: c.Config.PrintSummaries(len(c.Notes))}
	present := map[string]bool{}
	mark := func(anchor string) string { present[anchor] = true; return anchor }

	d.SummaryTitle = cmp.Or(c.SummaryTitle, "Summary")
	section := 0
	next := func() string { section++; return strconv.Itoa(section) }
	addSection := func(anchor, title string) string {
		n := next()
		d.Contents = append(d.Contents, tocEntry{Anchor: anchor, Number: n, Title: title, Level: 1})
		d.Sections = append(d.Sections, runningTitle{Anchor: anchor, Page: "s-" + anchor, Title: view.CSSString(n + " · " + title)})
		d.Numbers[anchor] = n
		return n
	}
	mark(anchorCover)
	mark(anchorContents)
	if pr.docs[anchorSummary] != nil {
		addSection(mark(anchorSummary), d.SummaryTitle)
	}
	seen := map[*site.Source]map[int]bool{}
	for _, t := range idx.Themes {
		anchor := mark(idx.Target(t.Slug).Anchor)
		pt := &printTheme{Anchor: anchor, Number: addSection(anchor, t.Title), Title: t.Title}
		for _, n := range idx.NotesOfTheme(t.Slug) {
			if pr.placed[n.Slug] != t.Slug {
				pt.Elsewhere = append(pt.Elsewhere, view.Link{Title: n.Title, Href: "#" + idx.Target(n.Slug).Anchor, Kind: "note"})
				continue
			}
			pn := pr.note(n)
			mark(pn.Anchor)
			pt.Notes = append(pt.Notes, pn)
			if !d.Summaries {
				// Thousands of summaries would make the contents a
				// book of their own: they list the sections alone.
				d.Contents = append(d.Contents, tocEntry{Anchor: pn.Anchor, Title: n.Title, Level: 2})
			}
		}
		pt.Passages = pr.keyPassages(t, seen, mark)
		d.Themes = append(d.Themes, pt)
	}
	for _, n := range view.NotesNewestFirst(idx.Content.Notes) {
		if _, ok := pr.placed[n.Slug]; !ok {
			pn := pr.note(n)
			mark(pn.Anchor)
			d.Loose = append(d.Loose, pn)
		}
	}
	if len(d.Loose) > 0 {
		addSection(mark("other-notes"), "Other notes")
	}
	// The template leaves out an empty timeline and glossary, and so
	// must the contents, or their entries link to nothing.
	if len(idx.Events) > 0 {
		addSection(mark(anchorTimeline), "Timeline")
	}
	for _, e := range idx.Events {
		d.Events = append(d.Events, pr.event(e))
	}
	if len(c.Entities) > 0 {
		addSection(mark(anchorGlossary), "Glossary of entities")
	}
	for _, e := range c.Entities {
		d.Glossary = append(d.Glossary, glossaryEntry{
			Anchor:   mark(idx.Target(e.Slug).Anchor),
			Title:    e.Title,
			Kind:     e.Kind,
			Aliases:  slices.DeleteFunc(slices.Clone(e.Aliases), func(a string) bool { return a == e.Title }),
			Mentions: len(idx.Mentions(e.Slug)),
		})
	}
	slices.SortStableFunc(d.Glossary, func(a, b glossaryEntry) int {
		return strings.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title))
	})
	addSection(mark(anchorBibliography), "Bibliography")
	for _, s := range c.Sources {
		d.Sources = append(d.Sources, bibEntry{Anchor: mark(idx.Target(s.Slug).Anchor), SourceCard: view.SourceCardOf(idx, s)})
	}

	// The documents are rendered last, when it is known which anchors the
	// page holds: an endnote links to its passage only if it is printed.
	at := pr.hrefs(present, o.Root)
	// Rendering the documents is most of the edition's work, and each is
	// independent of the others: spread it over the cores.
	var docs []func()
	queue := func(into **Doc, anchor string, shift int) {
		docs = append(docs, func() { *into = pr.doc(anchor, shift, at) })
	}
	queue(&d.Summary, anchorSummary, 0)
	var ahead *readAhead
	if o.Memo == nil && !d.Summaries {
		ahead = &readAhead{render: func(pn *printNote) *Doc { return pr.doc(pn.Anchor, 1, at) }}
		finish = ahead.stop
	}
	note := func(pn *printNote) {
		switch {
		case d.Summaries:
		case ahead != nil:
			ahead.add(pn)
		default:
			queue(&pn.body, pn.Anchor, 1)
		}
	}
	for _, pt := range d.Themes {
		queue(&pt.Overview, pt.Anchor, 1)
		for _, pn := range pt.Notes {
			note(pn)
		}
		pr.linkPassages(pt.Passages, at)
	}
	for _, pn := range d.Loose {
		note(pn)
	}
	for i := range d.Glossary {
		queue(&d.Glossary[i].Description, d.Glossary[i].Anchor, 2)
	}
	parallel.For(len(docs), func(i int) { docs[i]() })
	if d.Summary == nil {
		d.Summary = &Doc{}
	}
	for i := range d.Events {
		d.Events[i].Href = at(d.Events[i].Href)
	}
	return d, finish
}

// Brief is the view of a theme's short printable brief: the overview,
// the notes as summaries, key passages, events and the sources they rest
// on.
func Brief(idx *resolve.Index, t *site.Theme, o Options) *Data {
	pr := newPrinter(idx, o)
	c := idx.Content
	d := &Data{Cover: pr.cover("Theme brief"), SiteHref: layout.Theme(t.Slug)}
	d.Cover.Title = t.Title
	d.Cover.Subtitle = c.Config.Title
	present := map[string]bool{}
	mark := func(anchor string) string { present[anchor] = true; return anchor }
	anchor := mark(idx.Target(t.Slug).Anchor)
	pt := &printTheme{Anchor: anchor, Title: t.Title}
	// The brief flows on from its cover: one named page for the whole
	// brief, as a change of page name would force a page break.
	d.Sections = append(d.Sections, runningTitle{Anchor: "brief", Page: "s-brief", Title: view.CSSString(t.Title)})
	words := map[string]bool{}
	for _, m := range idx.ThemeMatches(t.Slug) {
		pt.Terms = append(pt.Terms, view.MatchedWords(m.Source.Passages[m.Passage].Text, m.Spans, words)...)
	}
	for _, n := range idx.NotesOfTheme(t.Slug) {
		pt.Notes = append(pt.Notes, pr.note(n))
	}
	pt.Passages = pr.keyPassages(t, map[*site.Source]map[int]bool{}, mark)
	cited := map[*site.Source]bool{}
	for _, e := range idx.EventsOfTheme(t.Slug) {
		pt.Events = append(pt.Events, pr.event(e))
		cited[e.Citation.Source] = true
	}
	for _, kp := range pt.Passages {
		cited[pr.passages[kp.Anchor].source] = true
	}
	overview := pr.docs[anchor]
	for _, n := range wikilink.Citations(overview.AST()) {
		if link := resolve.Links(overview).Of(n); link != nil {
			if ref, ok := pr.passages[strings.TrimPrefix(link.PrintHref, "#")]; ok {
				cited[ref.source] = true
			}
		}
	}
	for _, s := range c.Sources {
		if cited[s] {
			d.Sources = append(d.Sources, bibEntry{Anchor: mark(idx.Target(s.Slug).Anchor), SourceCard: view.SourceCardOf(idx, s)})
		}
	}
	at := pr.hrefs(present, o.Root)
	pt.Overview = pr.doc(anchor, 1, at)
	for _, pn := range pt.Notes {
		pn.Href = at("#" + pn.Anchor)
		for i := range pn.Themes {
			pn.Themes[i].Href = at(pn.Themes[i].Href)
		}
	}
	pr.linkPassages(pt.Passages, at)
	for i := range pt.Events {
		pt.Events[i].Href = at(pt.Events[i].Href)
		if f := pt.Events[i].From; f != nil {
			f.Href = at(f.Href)
		}
	}
	d.Themes = []*printTheme{pt}
	return d
}

func (pr *printer) cover(eyebrow string) coverView {
	cfg := pr.idx.Content.Config
	c := pr.idx.Content
	return coverView{
		Eyebrow:      eyebrow,
		Title:        cfg.Title,
		Subtitle:     cfg.Subtitle,
		Marking:      cfg.Marking,
		Date:         cfg.Date,
		Organisation: cfg.Organisation,
		Author:       cfg.Author,
		Counts: fmt.Sprintf("%d themes · %d analyst notes · %d sources · %d entities · %d dated events",
			len(pr.idx.Themes), len(c.Notes), len(c.Sources), len(c.Entities), len(pr.idx.Events)),
	}
}

func (pr *printer) note(n *site.Note) *printNote {
	card := view.NoteCardOf(pr.idx, n)
	// Every theme is a section of the edition: tag links stay on the page.
	card.Themes = nil
	for _, r := range n.Themes {
		if t := pr.idx.Target(r.Slug); t != nil {
			card.Themes = append(card.Themes, view.Link{Title: t.Title, Href: "#" + t.Anchor, Kind: "theme"})
		}
	}
	return &printNote{NoteCard: card, Anchor: pr.idx.Target(n.Slug).Anchor}
}

func (pr *printer) event(e *resolve.Event) printEvent {
	c := e.Citation
	v := printEvent{
		Date: e.Date,
		Text: e.Text,
		Mark: resolve.CiteMark(c.Source, &c.Source.Passages[c.Passage]),
		Href: "#" + resolve.PassageAnchor(c.Source, &c.Source.Passages[c.Passage]),
	}
	for _, r := range e.Themes {
		v.Themes = append(v.Themes, r.Slug)
	}
	if e.From != nil {
		v.From = &view.Link{Title: e.From.Title, Href: "#" + e.From.Anchor, Kind: "note"}
	}
	return v
}

// keyPassages picks a theme's most telling passages: those the notes
// cite most, then those its terms tag most. seen holds the passages
// already printed, which keep their anchor from the first printing.
func (pr *printer) keyPassages(t *site.Theme, seen map[*site.Source]map[int]bool, mark func(string) string) []keyPassage {
	type scored struct {
		m         resolve.ThemeMatch
		citations int
	}
	var all []scored
	for _, m := range pr.idx.ThemeMatches(t.Slug) {
		if m.Source.Passages[m.Passage].Number == 0 {
			continue // a heading says too little on its own
		}
		all = append(all, scored{m, len(pr.idx.CitationsOf(m.Source, m.Passage))})
	}
	slices.SortStableFunc(all, func(a, b scored) int {
		return cmp.Or(b.citations-a.citations, len(b.m.Terms)-len(a.m.Terms), len(b.m.Spans)-len(a.m.Spans))
	})
	var out []keyPassage
	for _, s := range all[:min(keyPassages, len(all))] {
		src, i := s.m.Source, s.m.Passage
		p := &src.Passages[i]
		var marks []view.TextMark
		for _, c := range pr.idx.CitationsOf(src, i) {
			marks = append(marks, view.TextMark{Kind: view.MarkQuoted, Span: c.Quote})
		}
		// Source footnotes are not printed in the edition: drop their
		// markers rather than link out of the page.
		bare := *p
		bare.Footnotes = nil
		kp := keyPassage{
			Mark:     resolve.CiteMark(src, p),
			Source:   view.Link{Title: resolve.SourceTitle(src), Href: "#" + pr.idx.Target(src.Slug).Anchor, Kind: "source"},
			Kind:     p.Kind.String(),
			Lang:     p.Lang,
			HTML:     view.PassageHTML(&bare, marks, nil),
			Terms:    s.m.Terms,
			Citation: s.citations,
		}
		if !seen[src][i] {
			if seen[src] == nil {
				seen[src] = map[int]bool{}
			}
			seen[src][i] = true
			kp.Anchor = mark(resolve.PassageAnchor(src, p))
		}
		done := map[string]bool{}
		for _, c := range pr.idx.CitationsOf(src, i) {
			if c.From != nil && !done[c.From.Slug] {
				done[c.From.Slug] = true
				kp.CitedBy = append(kp.CitedBy, view.Link{Title: c.From.Title, Href: "#" + c.From.Anchor, Kind: string(c.From.Kind)})
			}
		}
		out = append(out, kp)
	}
	return out
}

// linkPassages points the links of key passages at the page or the site.
func (pr *printer) linkPassages(ps []keyPassage, at func(string) string) {
	for i := range ps {
		ps[i].Source.Href = at(ps[i].Source.Href)
		for j := range ps[i].CitedBy {
			ps[i].CitedBy[j].Href = at(ps[i].CitedBy[j].Href)
		}
	}
}

// hrefs returns a func that maps an in-page href ("#note-x") to itself
// when the page holds the anchor, and otherwise to the document's web
// page, relative to root: a brief prints one theme, and its links to the
// rest of the dossier go to the site.
func (pr *printer) hrefs(present map[string]bool, root string) func(string) string {
	pr.hrefsKey = root + "\n" + strings.Join(slices.Sorted(maps.Keys(present)), "\n")
	return func(href string) string {
		anchor, ok := strings.CutPrefix(href, "#")
		if !ok || present[anchor] {
			return href
		}
		if ref, ok := pr.passages[anchor]; ok {
			if src := pr.idx.Target(ref.source.Slug).Anchor; present[src] {
				// The passage is not printed, but its source is listed.
				return "#" + src
			}
			return root + layout.Passage(ref.source.Slug, ref.source.Passages[ref.index].ID)
		}
		if kind, slug, ok := strings.Cut(anchor, "-"); ok {
			if t := pr.idx.Target(slug); t != nil && string(t.Kind) == kind {
				return root + t.Href
			}
		}
		return href
	}
}

// doc renders the document with the given anchor for print, its headings
// moved down shift levels, its in-page links mapped through at.
func (pr *printer) doc(anchor string, shift int, at func(string) string) *Doc {
	p := pr.docs[anchor]
	if p == nil {
		return nil
	}
	memo := pr.o.Memo
	if memo == nil {
		return pr.render(p, anchor, shift, at)
	}
	name := "print:" + pr.o.Page + ":" + anchor
	key, err := memo.Key(p.Doc.Body, resolve.Links(p), shift, pr.hrefsKey)
	if err != nil {
		return pr.render(p, anchor, shift, at)
	}
	if d, ok := memo.Get(name, key); ok {
		return d.(*Doc)
	}
	d := pr.render(p, anchor, shift, at)
	memo.Put(name, key, d)
	return d
}

// render prints one document: its Markdown in print mode, headings moved
// down by shift and given ids unique in the edition, and its citations as
// endnotes.
func (pr *printer) render(p *resolve.Parsed, anchor string, shift int, at func(string) string) *Doc {
	prefix := anchor + "--" // slugs never hold "--": no clash with an anchor
	links := resolve.Links(p)
	html, err := pr.o.Markdown.Render(p.Src, p.AST(), markdown.Target{Links: links, Print: &markdown.Print{Prefix: prefix, Shift: shift, At: at}})
	if err != nil {
		return &Doc{HTML: template.HTML(template.HTMLEscapeString(err.Error()))}
	}
	d := &Doc{HTML: template.HTML(html)}
	for i, n := range wikilink.Citations(p.AST()) {
		link := links.Of(n)
		if link == nil {
			continue
		}
		en := endnote{
			ID:     wikilink.EndnoteID(prefix, i+1),
			RefID:  wikilink.EndnoteRefID(prefix, i+1),
			Number: i + 1,
			Mark:   link.Mark,
			Href:   at(link.PrintHref),
			Quote:  n.Quote,
			Source: link.Title,
		}
		d.Endnotes = append(d.Endnotes, en)
	}
	return d
}
