package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// Print is how a document is rendered into the print edition, where many
// documents share one page.
type Print struct {
	// Prefix starts every id the document's rendering makes: headings,
	// footnotes and endnotes.
	Prefix string
	// Shift moves headings down so many levels, to h6 at most: a note's
	// title is a section of the edition.
	Shift int
	// At, if set, maps an in-page link ("#note-x") that is not to one of
	// the document's own headings to where the page has the anchor: a
	// theme brief prints part of the edition and links to the site for
	// the rest.
	At func(href string) string
}

// printRenderer renders headings, with their ids, for the web and for
// the print edition, and links for print, and as goldmark does for the
// web.
type printRenderer struct {
	p      *Print
	writer html.Writer
	// web is goldmark's own renderer of links, for the web.
	web map[ast.NodeKind]renderer.NodeRendererFunc
	// headings are the document's headings' ids, gathered at its first
	// in-page link.
	headings map[string]bool
}

func newPrintRenderer(web renderer.NodeRenderer, writer html.Writer) *printRenderer {
	r := &printRenderer{writer: writer, web: map[ast.NodeKind]renderer.NodeRendererFunc{}}
	web.RegisterFuncs(r)
	return r
}

// Register keeps goldmark's renderer of links, which RegisterFuncs
// replaces.
func (r *printRenderer) Register(kind ast.NodeKind, f renderer.NodeRendererFunc) {
	if kind == ast.KindLink {
		r.web[kind] = f
	}
}

// set readies r for a rendering, for print if p is set.
func (r *printRenderer) set(p *Print) { r.p, r.headings = p, nil }

// RegisterFuncs implements renderer.NodeRenderer.RegisterFuncs.
func (r *printRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.heading)
	reg.Register(ast.KindLink, r.link)
}

func (r *printRenderer) heading(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	level := n.Level
	prefix := ""
	if r.p != nil {
		level, prefix = min(n.Level+r.p.Shift, 6), r.p.Prefix
	}
	if !entering {
		_, _ = w.WriteString("</h")
		_ = w.WriteByte('0' + byte(level))
		_, _ = w.WriteString(">\n")
		return ast.WalkContinue, nil
	}
	// Written as goldmark writes a heading and its id attribute.
	_, _ = w.WriteString("<h")
	_ = w.WriteByte('0' + byte(level))
	if id, ok := idOf(headingIDsOf(n.OwnerDocument()), n); ok {
		_, _ = w.WriteString(` id="`)
		_, _ = w.Write(util.EscapeHTML([]byte(prefix + id)))
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

// link renders a Markdown link. For print, a link to one of the
// document's headings goes to its prefixed id, and another in-page link
// through At.
func (r *printRenderer) link(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if r.p == nil || !bytes.HasPrefix(n.Destination, []byte("#")) {
		return r.web[ast.KindLink](w, source, node, entering)
	}
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	id := string(n.Destination[1:])
	href := "#" + id
	switch {
	case r.isHeading(n, id):
		href = "#" + r.p.Prefix + id
	case r.p.At != nil:
		href = r.p.At(href)
	}
	_, _ = w.WriteString(`<a href="`)
	_, _ = w.Write(util.EscapeHTML(util.URLEscape([]byte(href), true)))
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		r.writer.Write(w, n.Title)
		_ = w.WriteByte('"')
	}
	if n.Attributes() != nil {
		html.RenderAttributes(w, n, html.LinkAttributeFilter)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

// isHeading reports whether id is that of a heading of n's document.
func (r *printRenderer) isHeading(n ast.Node, id string) bool {
	if r.headings == nil {
		r.headings = map[string]bool{}
		if doc := n.OwnerDocument(); doc != nil {
			eachHeading(doc, func(_ *ast.Heading, id string) { r.headings[id] = true })
		}
	}
	return r.headings[id]
}
