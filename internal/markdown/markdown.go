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

// Document attributes that steer rendering of one document.
const (
	// attrRoot is the relative path from the page to the site root, which
	// prefixes every wikilink so the site works under any path.
	attrRoot = "dossier-root"
	// attrPrefix keeps footnote ids unique when many documents share a page.
	attrPrefix = "dossier-prefix"
)

// Markdown parses and renders dossier Markdown. It is safe for concurrent
// use on different documents.
type Markdown struct {
	md   goldmark.Markdown
	code *codeRenderer
}

// New returns a Markdown with the dossier's extensions: GFM, footnotes,
// typographic quotes, definition lists, heading ids, wikilinks and
// highlighted code.
func New() *Markdown { return newMarkdown(quickWriter{html.DefaultWriter}) }

// newMarkdown is New with the HTML text writer given.
func newMarkdown(writer html.Writer) *Markdown {
	code := newCodeRenderer()
	md := goldmark.New(
		goldmark.WithExtensions(
			gfm,
			extension.NewFootnote(extension.WithFootnoteIDPrefixFunction(footnotePrefix)),
			extension.Typographer,
			extension.DefinitionList,
			wikilink.Extension,
		),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(code, 100)), html.WithWriter(writer)),
	)
	return &Markdown{md: md, code: code}
}

// Parse parses one document. src must stay unchanged while the AST is used.
func (m *Markdown) Parse(src []byte) ast.Node {
	return m.md.Parser().Parse(text.NewReader(src))
}

// Target says where a rendering of a document will be shown.
type Target struct {
	// Root is the relative path from the page to the site root: "" or
	// "../../".
	Root string
	// Print renders links into the print edition.
	Print bool
	// Prefix is prepended to footnote ids; needed when several documents
	// share a page.
	Prefix string
}

// Render renders a parsed, resolved document for a target. It must not run
// concurrently with another Render of the same document.
func (m *Markdown) Render(src []byte, doc ast.Node, t Target) (string, error) {
	doc.SetAttributeString(attrRoot, t.Root)
	wikilink.SetPrint(doc, t.Print)
	doc.SetAttributeString(attrPrefix, []byte(t.Prefix))
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	err := m.md.Renderer().Render(buf, src, doc)
	html := buf.String()
	if buf.Cap() <= maxPooledBuffer {
		buffers.Put(buf)
	}
	return html, err
}

// buffers are reused between renderings: a buffer grown afresh for each
// of 10,000 notes, web and print, was a fifth of a build's allocations.
// One grown for an unusually long document is let go rather than kept.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

const maxPooledBuffer = 1 << 20

// CodeCSS is the stylesheet for highlighted code, light and dark.
func (m *Markdown) CodeCSS() []byte { return m.code.css() }

func footnotePrefix(n ast.Node) []byte {
	if doc := n.OwnerDocument(); doc != nil {
		if v, ok := doc.AttributeString(attrPrefix); ok {
			if b, ok := v.([]byte); ok {
				return b
			}
		}
	}
	return nil
}
