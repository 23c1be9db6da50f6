// Package search makes the data of the site's offline search page: one
// document per source passage, note, theme, entity and source, each with
// its kind, title, link, themes and plain text, taken from the resolved
// index at build time, and the index the page's script (static/search.js)
// searches them with (see Index).
//
// The index is written as scripts, not as JSON, because a page opened
// from disk (file://) may load a script but may not fetch a file.
package search

import (
	"bytes"
	"html"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/dossier-dev/dossier/internal/layout"
	"github.com/dossier-dev/dossier/internal/resolve"
	"github.com/dossier-dev/dossier/internal/site"
	"github.com/dossier-dev/dossier/internal/wikilink"
)

// The kinds of search document, in the order the page offers them as
// filters. Data.Kinds lists them; a Doc refers to one by index.
const (
	KindPassage = "passage"
	KindNote    = "note"
	KindTheme   = "theme"
	KindEntity  = "entity"
	KindSource  = "source"
)

// Kinds lists the kinds of document in filter order.
var Kinds = []string{KindPassage, KindNote, KindTheme, KindEntity, KindSource}

// Doc is one searchable document.
type Doc struct {
	Kind  string
	Title string
	// Href is relative to the site root, as the renderer writes links:
	// "notes/x/index.html", "sources/k/index.html#p-1a2b3c4d".
	Href string
	// Themes are the slugs of the themes the document belongs to, in
	// theme order.
	Themes []string
	// Text is the plain text searched and cut into snippets.
	Text string
}

// Theme is a theme as the page's filter shows it.
type Theme struct {
	Slug, Title string
}

// Data is everything the search page loads.
type Data struct {
	Themes []Theme
	Docs   []Doc
}

// The browser indexes the documents' text when the search page opens,
// at about a megabyte a second, and the time a query takes grows with
// the text too. So the index holds at most about TextBudget bytes of
// text: when the dossier has more, each document is cut to an equal
// share, but never to less than MinText bytes. A dossier the size of the
// shipped one is indexed whole; one of 10,000 long notes keeps the first
// 1,200 bytes of each (its summary and opening), which keeps a query
// under 50 ms and the index a small fraction of the site.
const (
	TextBudget = 12 << 20
	MinText    = 1200
)

// Build collects the search documents of a resolved dossier: every
// passage of every source (headings too, so section titles are found),
// then the notes, themes, entities and sources themselves.
func Build(idx *resolve.Index) *Data {
	return collect(idx, max(MinText, TextBudget/max(docCount(idx), 1)))
}

// docCount is the number of search documents collect makes.
func docCount(idx *resolve.Index) int {
	c := idx.Content
	n := len(c.Notes) + len(idx.Themes) + len(c.Entities) + len(c.Sources)
	for _, s := range c.Sources {
		for i := range s.Passages {
			if searchable(&s.Passages[i]) {
				n++
			}
		}
	}
	return n
}

func searchable(p *site.Passage) bool { return strings.TrimSpace(p.Text) != "" }

// cut shortens text to at most limit bytes, at a word boundary, marking
// the cut with an ellipsis.
func cut(text string, limit int) string {
	if len(text) <= limit {
		return text
	}
	end := limit - len("…")
	for end > 0 && !utf8.RuneStart(text[end]) {
		end--
	}
	if i := strings.LastIndexByte(text[:end], ' '); i > end/2 {
		end = i
	}
	return strings.TrimRightFunc(text[:end], unicode.IsSpace) + "…"
}

// collect makes the search documents, each text cut to limit bytes as
// it is written: at 10,000 notes their whole texts would be 90 MB.
func collect(idx *resolve.Index, limit int) *Data {
	d := &Data{}
	for _, t := range idx.Themes {
		d.Themes = append(d.Themes, Theme{Slug: t.Slug, Title: t.Title})
	}
	parsed := map[string]*resolve.Parsed{}
	for _, p := range idx.Parsed {
		if p.Kind != resolve.KindSummary {
			parsed[p.Doc.Slug] = p
		}
	}
	c := idx.Content

	for _, s := range c.Sources {
		for i := range s.Passages {
			p := &s.Passages[i]
			if !searchable(p) {
				continue
			}
			d.Docs = append(d.Docs, Doc{
				Kind:   KindPassage,
				Title:  resolve.CiteMark(s, p),
				Href:   layout.Passage(s.Slug, p.ID),
				Themes: idx.PassageThemes(s, i),
				Text:   cut(p.Text, limit),
			})
		}
	}

	for _, n := range c.Notes {
		text := textWriter{limit: limit}
		text.WriteString(n.Summary)
		text.markdown(parsed[n.Slug])
		for _, e := range n.Events {
			text.sep()
			text.WriteString(e.Text)
		}
		d.Docs = append(d.Docs, Doc{
			Kind:   KindNote,
			Title:  n.Title,
			Href:   layout.Note(n.Slug),
			Themes: inThemeOrder(idx, n.Themes),
			Text:   text.text(),
		})
	}

	for _, t := range idx.Themes {
		text := textWriter{limit: limit}
		text.markdown(parsed[t.Slug])
		d.Docs = append(d.Docs, Doc{
			Kind:   KindTheme,
			Title:  t.Title,
			Href:   layout.Theme(t.Slug),
			Themes: []string{t.Slug},
			Text:   text.text(),
		})
	}

	for _, e := range c.Entities {
		text := textWriter{limit: limit}
		// Aliases come first so a search for "CSTO" finds the
		// Collective Security Treaty Organization by its short name.
		if len(e.Aliases) > 0 {
			text.WriteString(strings.Join(e.Aliases, ", ") + " ·")
		}
		text.markdown(parsed[e.Slug])
		d.Docs = append(d.Docs, Doc{
			Kind:   KindEntity,
			Title:  e.Title,
			Href:   layout.Entity(e.Slug),
			Themes: entityThemes(idx, e),
			Text:   text.text(),
		})
	}

	for _, s := range c.Sources {
		m := s.Meta
		var parts []string
		for _, v := range append([]string{strings.Join(m.Authors, ", "), m.Publisher, m.Date, m.Cite, m.Description}, s.Slug) {
			if v != "" && v != "unknown" {
				parts = append(parts, v)
			}
		}
		d.Docs = append(d.Docs, Doc{
			Kind:  KindSource,
			Title: resolve.SourceTitle(s),
			Href:  layout.Source(s.Slug),
			Text:  cut(strings.Join(parts, " · "), limit),
		})
	}
	return d
}

// inThemeOrder lists the themes a note names in the dossier's theme
// order, as the other documents list theirs.
func inThemeOrder(idx *resolve.Index, refs []site.Ref) []string {
	var out []string
	for _, t := range idx.Themes {
		if slices.ContainsFunc(refs, func(r site.Ref) bool { return r.Slug == t.Slug }) {
			out = append(out, t.Slug)
		}
	}
	return out
}

// entityThemes are the themes of the passages that name an entity: the
// same relation the theme page shows as "entities named in its
// passages", so filtering by a theme finds the entities it lists.
func entityThemes(idx *resolve.Index, e *site.Entity) []string {
	in := map[string]bool{}
	for _, m := range idx.Mentions(e.Slug) {
		for _, t := range idx.PassageThemes(m.Source, m.Passage) {
			in[t] = true
		}
	}
	var out []string
	for _, t := range idx.Themes {
		if in[t.Slug] {
			out = append(out, t.Slug)
		}
	}
	return out
}

// textWriter gathers a document's text up to a little past the limit
// it will be cut to: the rest would be cut off.
type textWriter struct {
	strings.Builder
	limit int
}

// full reports whether the text is long enough to be cut: cut's result
// depends on the first limit bytes alone.
func (b *textWriter) full() bool { return b.Len() > b.limit }

// text is the document's text, cut to the limit.
func (b *textWriter) text() string { return cut(b.String(), b.limit) }

// sep ends the text so far with a space, so that blocks do not run into
// each other.
func (b *textWriter) sep() {
	if s := b.String(); s != "" && !strings.HasSuffix(s, " ") {
		b.WriteByte(' ')
	}
}

// markdown appends the plain text a reader sees of a Markdown document:
// words without markup, links by their labels, code as written, raw HTML
// (which rendering drops) left out.
func (b *textWriter) markdown(p *resolve.Parsed) {
	if p == nil || p.AST == nil {
		return
	}
	src, links := p.Src, resolve.Links(p)
	_ = ast.Walk(p.AST, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if b.full() {
			return ast.WalkStop, nil
		}
		if n.Type() == ast.TypeBlock {
			b.sep()
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock, *ast.RawHTML, *east.FootnoteLink, *east.FootnoteBacklink:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			b.Write(n.Segment.Value(src))
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			if n.IsCode() {
				// The typographer's substitutions are HTML entities.
				b.WriteString(html.UnescapeString(string(n.Value)))
			} else {
				b.Write(n.Value)
			}
		case *ast.AutoLink:
			b.Write(n.Label(src))
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				b.Write(bytes.TrimRight(seg.Value(src), "\n"))
				b.WriteByte(' ')
			}
			return ast.WalkSkipChildren, nil
		case *wikilink.Node:
			b.WriteString(linkText(n, links.Of(n)))
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// linkText is what a wikilink shows: its label, else the quoted words,
// else the title of what it links to.
func linkText(n *wikilink.Node, link *wikilink.Link) string {
	switch {
	case n.Label != "":
		return n.Label
	case n.Quote != "":
		return "“" + n.Quote + "”"
	case link != nil && link.Title != "":
		return link.Title
	}
	return n.Target
}

// fold collapses runs of white space into one space and trims the ends:
// the page shows text on one line, so the rest is bytes for nothing.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
