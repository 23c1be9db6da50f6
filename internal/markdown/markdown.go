// Package markdown is the parse stage for analyst writing: it turns the
// Markdown of notes, theme overviews, entity descriptions and the summary
// into goldmark ASTs, and renders resolved ASTs to HTML. Content is
// untrusted: raw HTML is dropped and dangerous URLs are emptied.
package markdown

import (
	"bytes"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/dossier-dev/dossier/internal/wikilink"
)

// Markdown parses and renders dossier Markdown. It is safe for concurrent
// use, also on one document: a parsed document is only read afterwards,
// and what differs between renderings of it goes to a renderer made for
// each, as goldmark's renderer options.
type Markdown struct {
	// linking parses documents that may hold autolinks, and plain the
	// others (see mayHoldAutolinks).
	linking   parser.Parser
	plain     parser.Parser
	writer    html.Writer
	code      *codeRenderer
	renderers sync.Pool
}

// New returns a Markdown with the dossier's extensions: GFM, footnotes,
// typographic quotes, definition lists, heading ids, wikilinks and
// highlighted code.
func New() *Markdown { return newMarkdown(quickWriter{html.DefaultWriter}, withMergedText) }

// newMarkdown is New with the HTML text writer given, and parser options
// beyond those every dossier document is parsed with.
func newMarkdown(writer html.Writer, opts ...parser.Option) *Markdown {
	newParser := func(extensions ...goldmark.Extender) parser.Parser {
		return goldmark.New(
			goldmark.WithExtensions(append(extensions, gfm, extension.Footnote, extension.Typographer, extension.DefinitionList, wikilink.Extension)...),
			goldmark.WithParserOptions(append([]parser.Option{withSettledLanguages, withHeadingIDs}, opts...)...),
		).Parser()
	}
	m := &Markdown{linking: newParser(autolinks{}), plain: newParser(), writer: writer, code: newCodeRenderer()}
	m.renderers.New = func() any { return m.newRenderer() }
	return m
}

// Parse parses one document. src must stay unchanged while the AST is used.
func (m *Markdown) Parse(src []byte) ast.Node {
	if mayHoldAutolinks(src) {
		return m.linking.Parse(text.NewReader(src))
	}
	return m.plain.Parse(text.NewReader(src))
}

// Target says where a rendering of a document will be shown.
type Target struct {
	// Root is the relative path from the page to the site root: "" or
	// "../../".
	Root string
	// Links are what the document's wikilinks resolved to.
	Links wikilink.Links
	// Print, if set, renders the document into the print edition.
	Print *Print
}

// Render renders a parsed, resolved document for a target.
func (m *Markdown) Render(src []byte, doc ast.Node, t Target) (string, error) {
	r := m.renderers.Get().(*pooledRenderer)
	r.set(t)
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	err := r.Render(bufferWriter{buf}, src, doc)
	html := buf.String()
	if buf.Cap() <= maxPooledBuffer {
		buffers.Put(buf)
	}
	// A pooled renderer must not keep a build's links alive.
	r.set(Target{})
	m.renderers.Put(r)
	return html, err
}

// pooledRenderer is a goldmark renderer for one rendering at a time, with
// the node renderers whose options differ between renderings at hand.
// Renderers are reused because making one registers every kind of node
// anew, which took a tenth of the time rendering a note did.
type pooledRenderer struct {
	renderer.Renderer
	footnotes *extension.FootnoteHTMLRenderer
	wikilinks *wikilink.HTMLRenderer
	print     *printRenderer
}

// newRenderer makes a renderer with the renderers of goldmark and of the
// extensions New adds that have any.
func (m *Markdown) newRenderer() *pooledRenderer {
	web := html.NewRenderer()
	r := &pooledRenderer{
		footnotes: extension.NewFootnoteHTMLRenderer().(*extension.FootnoteHTMLRenderer),
		wikilinks: wikilink.NewHTMLRenderer(wikilink.Options{}),
		print:     newPrintRenderer(web, m.writer),
	}
	r.Renderer = renderer.NewRenderer(renderer.WithNodeRenderers(
		util.Prioritized(web, 1000),
		util.Prioritized(extension.NewTableHTMLRenderer(), 500),
		util.Prioritized(extension.NewStrikethroughHTMLRenderer(), 500),
		util.Prioritized(extension.NewTaskCheckBoxHTMLRenderer(), 500),
		util.Prioritized(r.footnotes, 500),
		util.Prioritized(extension.NewDefinitionListHTMLRenderer(), 500),
		util.Prioritized(r.wikilinks, 500),
		util.Prioritized(m.code, 100),
		util.Prioritized(r.print, 50),
	), html.WithWriter(m.writer))
	return r
}

// set readies r to render for t.
func (r *pooledRenderer) set(t Target) {
	o := wikilink.Options{Links: t.Links, Root: t.Root}
	r.footnotes.IDPrefix = nil
	if p := t.Print; p != nil {
		o.Print, o.Prefix, o.At = true, p.Prefix, p.At
		r.footnotes.IDPrefix = []byte(p.Prefix)
	}
	r.wikilinks.SetOptions(o)
	r.print.set(t.Print)
}

// buffers are reused between renderings: a buffer grown afresh for each
// of 10,000 notes, web and print, was a fifth of a build's allocations.
// One grown for an unusually long document is let go rather than kept.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

const maxPooledBuffer = 1 << 20

// bufferWriter is a bytes.Buffer as goldmark's util.BufWriter, which
// writes straight into the buffer: given a plain io.Writer, goldmark
// wraps it in a new 4 KB bufio.Writer for every rendering, and copies
// every byte once more.
type bufferWriter struct{ *bytes.Buffer }

func (bufferWriter) Buffered() int { return 0 }
func (bufferWriter) Flush() error  { return nil }

// CodeCSS is the stylesheet for highlighted code, light and dark.
func (m *Markdown) CodeCSS() []byte { return m.code.css() }
