package markdown

import (
	"cmp"
	"html"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"

	"github.com/dossier-dev/dossier/internal/wikilink"
)

// Heading is a heading of a document, for an outline of its page.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Headings lists the headings of doc, with their ids and their text as a
// reader sees it.
func Headings(src []byte, doc ast.Node) []Heading {
	var out []Heading
	eachHeading(src, doc, func(h *ast.Heading, id string) {
		out = append(out, Heading{Level: h.Level, ID: id, Text: plainText(src, h)})
	})
	return out
}

// eachHeading calls fn with each heading of doc, in order, and its id:
// what goldmark's parser.WithAutoHeadingID would have set as its "id"
// attribute, from the same generator. The parser is not asked to, since
// it gives each heading room for ten attributes: 416 bytes a heading, 12
// MB of the 240 MB that serve holds for 10,000 notes. Ids are made anew
// for each rendering instead, in document order, which is the order the
// parser made them in but for a heading inside a footnote (goldmark
// moves footnotes to the end).
func eachHeading(src []byte, doc ast.Node, fn func(h *ast.Heading, id string)) {
	ids := parser.NewContext().IDs()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch {
		case !entering:
		case n.Kind() == ast.KindHeading:
			h := n.(*ast.Heading)
			var line []byte
			if last := h.Lines().Len() - 1; last >= 0 {
				seg := h.Lines().At(last)
				line = seg.Value(src)
			}
			fn(h, string(ids.Generate(line, ast.KindHeading)))
			return ast.WalkSkipChildren, nil
		case n.Type() == ast.TypeInline || n.FirstChild() != nil && n.FirstChild().Type() == ast.TypeInline:
			// Headings are blocks, never inside inline content.
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// headingIDs are the ids of doc's headings (see eachHeading).
func headingIDs(src []byte, doc ast.Node) map[*ast.Heading]string {
	ids := map[*ast.Heading]string{}
	eachHeading(src, doc, func(h *ast.Heading, id string) { ids[h] = id })
	return ids
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
