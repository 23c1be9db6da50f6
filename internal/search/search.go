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

// The index holds at most about TextBudget bytes of text: when the
// dossier has more, each document is cut to an equal share, but never
// to less than MinText bytes. The cut text is both what is indexed and
// what the document shards carry for snippets, so the budget bounds the
// index on disk (18 MB at 10,000 notes) and the time to make it. A
// dossier the size of the shipped one is indexed whole; one of 10,000
// long notes keeps the first 1,200 bytes of each (its summary and
// opening), and a word only further on is not found.
const (
	TextBudget = 12 << 20
	MinText    = 1200
)

// Build collects the search documents of a resolved dossier: every
// passage of every source (headings too, so section titles are found),
// then the notes, themes, entities and sources themselves.
func Build(idx *resolve.Index) *Data { return collectData(idx, textLimit(idx)) }

// collectData is collect into a Data: each document with its own text.
func collectData(idx *resolve.Index, limit int) *Data {
	d := &Data{Themes: themesOf(idx)}
	collect(idx, limit, func(doc *Doc, text []byte) {
		if text != nil {
			doc.Text = string(text)
		}
		d.Docs = append(d.Docs, *doc)
	})
	return d
}

// textLimit is the length each document's text is cut to.
func textLimit(idx *resolve.Index) int {
	return max(MinText, TextBudget/max(docCount(idx), 1))
}

func themesOf(idx *resolve.Index) []Theme {
	var themes []Theme
	for _, t := range idx.Themes {
		themes = append(themes, Theme{Slug: t.Slug, Title: t.Title})
	}
	return themes
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
	return text[:cutEnd(text, limit)] + "…"
}

// cutEnd is the length of the part of text, longer than limit, that cut
// keeps before the ellipsis. It takes bytes too, so that a textWriter
// cuts its buffer in place and allocates the document's text once.
func cutEnd[T string | []byte](text T, limit int) int {
	end := limit - len("…")
	for end > 0 && !utf8.RuneStart(text[end]) {
		end--
	}
	space := end - 1
	for space >= 0 && text[space] != ' ' {
		space--
	}
	if space > end/2 {
		end = space
	}
	for end > 0 {
		r, n := lastRune(text[:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= n
	}
	return end
}

// lastRune decodes the last rune of s, as utf8.DecodeLastRune does.
func lastRune[T string | []byte](s T) (rune, int) {
	var b [utf8.UTFMax]byte
	n := copy(b[:], s[max(len(s)-utf8.UTFMax, 0):])
	return utf8.DecodeLastRune(b[:n])
}

// collect makes the search documents, in the order of Kinds, and hands
// each to emit. The text of a note, theme or entity is made from its
// Markdown into a buffer emit is given as text (the document's Text is
// then empty), which the next document reuses; the others have their
// Text and a nil text. Each text is cut to limit bytes as it is written:
// at 10,000 notes the whole texts would be 90 MB.
func collect(idx *resolve.Index, limit int, emit func(doc *Doc, text []byte)) {
	parsed := map[string]*resolve.Parsed{}
	for _, p := range idx.Parsed {
		if p.Kind != resolve.KindSummary {
			parsed[p.Doc.Slug] = p
		}
	}
	c := idx.Content
	text := textWriter{limit: limit}

	for _, s := range c.Sources {
		for i := range s.Passages {
			p := &s.Passages[i]
			if !searchable(p) {
				continue
			}
			emit(&Doc{
				Kind:   KindPassage,
				Title:  resolve.CiteMark(s, p),
				Href:   layout.Passage(s.Slug, p.ID),
				Themes: idx.PassageThemes(s, i),
				Text:   cut(p.Text, limit),
			}, nil)
		}
	}

	for _, n := range c.Notes {
		text.writeString(n.Summary)
		text.markdown(parsed[n.Slug])
		if p := parsed[n.Slug]; p != nil {
			p.Done()
		}
		for _, e := range n.Events {
			text.sep()
			text.writeString(e.Text)
		}
		emit(&Doc{
			Kind:   KindNote,
			Title:  n.Title,
			Href:   layout.Note(n.Slug),
			Themes: inThemeOrder(idx, n.Themes),
		}, text.bytes())
	}

	for _, t := range idx.Themes {
		text.markdown(parsed[t.Slug])
		emit(&Doc{
			Kind:   KindTheme,
			Title:  t.Title,
			Href:   layout.Theme(t.Slug),
			Themes: []string{t.Slug},
		}, text.bytes())
	}

	for _, e := range c.Entities {
		// Aliases come first so a search for "CSTO" finds the
		// Collective Security Treaty Organization by its short name.
		if len(e.Aliases) > 0 {
			text.writeString(strings.Join(e.Aliases, ", ") + " ·")
		}
		text.markdown(parsed[e.Slug])
		emit(&Doc{
			Kind:   KindEntity,
			Title:  e.Title,
			Href:   layout.Entity(e.Slug),
			Themes: entityThemes(idx, e),
		}, text.bytes())
	}

	for _, s := range c.Sources {
		m := s.Meta
		var parts []string
		for _, v := range append([]string{strings.Join(m.Authors, ", "), m.Publisher, m.Date, m.Cite, m.Description}, s.Slug) {
			if v != "" && v != "unknown" {
				parts = append(parts, v)
			}
		}
		emit(&Doc{
			Kind:  KindSource,
			Title: resolve.SourceTitle(s),
			Href:  layout.Source(s.Slug),
			Text:  cut(strings.Join(parts, " · "), limit),
		}, nil)
	}
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
// it will be cut to: the rest would be cut off. collect writes every
// document with one textWriter, so that its buffer grows once, not once
// per document.
type textWriter struct {
	buf   []byte
	limit int
}

// full reports whether the text is long enough to be cut: cut's result
// depends on the first limit bytes alone, so writing more is for
// nothing.
func (b *textWriter) full() bool { return len(b.buf) > b.limit }

func (b *textWriter) write(p []byte) {
	if !b.full() {
		b.buf = append(b.buf, p...)
	}
}

func (b *textWriter) writeString(s string) {
	if !b.full() {
		b.buf = append(b.buf, s...)
	}
}

func (b *textWriter) writeByte(c byte) {
	if !b.full() {
		b.buf = append(b.buf, c)
	}
}

// bytes is the document's text, cut to the limit, in the writer's
// buffer: valid until the next write. It empties the writer for the
// next document.
func (b *textWriter) bytes() []byte {
	if b.full() {
		b.buf = append(b.buf[:cutEnd(b.buf, b.limit)], "…"...)
	}
	text := b.buf
	b.buf = b.buf[:0]
	return text
}

// sep ends the text so far with a space, so that blocks do not run into
// each other.
func (b *textWriter) sep() {
	if n := len(b.buf); n > 0 && b.buf[n-1] != ' ' {
		b.writeByte(' ')
	}
}

// markdown appends the plain text a reader sees of a Markdown document:
// words without markup, links by their labels, code as written, raw HTML
// (which rendering drops) left out.
func (b *textWriter) markdown(p *resolve.Parsed) {
	if p == nil || p.AST() == nil {
		return
	}
	src, links := p.Src, resolve.Links(p)
	_ = ast.Walk(p.AST(), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
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
			b.write(n.Segment.Value(src))
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.writeByte(' ')
			}
		case *ast.String:
			if n.IsCode() {
				// The typographer's substitutions are HTML entities.
				b.writeString(html.UnescapeString(string(n.Value)))
			} else {
				b.write(n.Value)
			}
		case *ast.AutoLink:
			b.write(n.Label(src))
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				b.write(bytes.TrimRight(seg.Value(src), "\n"))
				b.writeByte(' ')
			}
			return ast.WalkSkipChildren, nil
		case *wikilink.Node:
			b.writeString(linkText(n, links.Of(n)))
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
