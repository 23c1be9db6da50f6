package markdown

import (
	"bytes"
	"embed"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// codeRenderer highlights fenced code with chroma, using CSS classes
// rather than inline styles. Dossiers repeat the same snippets, and
// highlighting is the costliest step of rendering a note, so each
// distinct block (language and text) is highlighted once.
type codeRenderer struct {
	formatter *chromahtml.Formatter
	cache     sync.Map // cacheKey -> []byte
}

type cacheKey struct{ lang, code string }

// The two styles the site uses, light and dark, are chroma's own, copied
// from its styles package (MIT licence, in styles/COPYING-chroma): that
// package parses all of its seventy styles when a program starts, 6 ms
// and 1.9 MB held for the life of every command.
//
//go:embed styles/github.xml styles/github-dark.xml
var styleFiles embed.FS

var lightStyle, darkStyle = style("github"), style("github-dark")

func style(name string) *chroma.Style {
	f, err := styleFiles.Open("styles/" + name + ".xml")
	if err != nil {
		panic(err)
	}
	defer f.Close()
	return chroma.MustNewXMLStyle(f)
}

func newCodeRenderer() *codeRenderer {
	return &codeRenderer{formatter: chromahtml.New(chromahtml.WithClasses(true), chromahtml.ClassPrefix("hl-"))}
}

// RegisterFuncs implements renderer.NodeRenderer.
func (c *codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, c.render)
}

func (c *codeRenderer) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	var code strings.Builder
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		code.Write(seg.Value(src))
	}
	key := cacheKey{lang: strings.ToLower(string(n.Language(src))), code: code.String()}
	if html, ok := c.cache.Load(key); ok {
		_, err := w.Write(html.([]byte))
		return ast.WalkSkipChildren, err
	}
	html := c.highlight(key)
	c.cache.Store(key, html)
	_, err := w.Write(html)
	return ast.WalkSkipChildren, err
}

func (c *codeRenderer) highlight(k cacheKey) []byte {
	lexer := lexers.Get(k.lang)
	if lexer == nil {
		lexer = lexers.Fallback
	}
	var buf bytes.Buffer
	it, err := chroma.Coalesce(lexer).Tokenise(nil, k.code)
	if err == nil {
		err = c.formatter.Format(&buf, lightStyle, it)
	}
	if err != nil {
		buf.Reset()
		buf.WriteString(`<pre class="hl-chroma"><code>`)
		buf.Write(util.EscapeHTML([]byte(k.code)))
		buf.WriteString("</code></pre>")
	}
	return buf.Bytes()
}

func (c *codeRenderer) css() []byte {
	var buf bytes.Buffer
	c.formatter.WriteCSS(&buf, lightStyle)
	buf.WriteString("@media (prefers-color-scheme: dark) {\n")
	c.formatter.WriteCSS(&buf, darkStyle)
	buf.WriteString("}\n")
	return buf.Bytes()
}
