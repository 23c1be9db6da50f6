package markdown

import (
	"cmp"
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/dossier-dev/dossier/internal/wikilink"
)

// Heading is a heading of a document, for an outline of its page.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Headings lists the headings of doc that have ids, with their text as
// a reader sees it.
func Headings(src []byte, doc ast.Node) []Heading {
	var out []Heading
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		if id, ok := headingID(h); ok {
			out = append(out, Heading{Level: h.Level, ID: id, Text: plainText(src, h)})
		}
		return ast.WalkSkipChildren, nil
	})
	return out
}

// plainText is the text of n's inline children, markup left out.
func plainText(src []byte, n ast.Node) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			// The typographer's quotes and dashes are HTML entities.
			b.WriteString(html.UnescapeString(string(c.Value)))
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if s, ok := t.(*ast.Text); ok {
					b.Write(s.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *wikilink.Node:
			b.WriteString(cmp.Or(c.Label, c.Quote, c.Target))
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}
