package markdown

import (
	"cmp"
	"html"
	"slices"
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

// Headings lists the headings of doc, with their ids and their text as a
// reader sees it.
func Headings(src []byte, doc ast.Node) []Heading {
	var out []Heading
	eachHeading(doc, func(h *ast.Heading, id string) {
		out = append(out, Heading{Level: h.Level, ID: id, Text: plainText(src, h)})
	})
	return out
}

// eachHeading calls fn with each heading of doc that has an id, in
// order, and its id.
func eachHeading(doc ast.Node, fn func(h *ast.Heading, id string)) {
	ids := headingIDsOf(doc)
	if len(ids) == 0 {
		return
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch {
		case !entering:
		case n.Kind() == ast.KindHeading:
			h := n.(*ast.Heading)
			if id, ok := idOf(ids, h); ok {
				fn(h, id)
			}
			return ast.WalkSkipChildren, nil
		case n.Type() == ast.TypeInline || n.FirstChild() != nil && n.FirstChild().Type() == ast.TypeInline:
			// Headings are blocks, never inside inline content.
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// headingIDsOf is the list withHeadingIDs kept on doc. doc must come
// from Parse, which has made its Meta map: Meta makes one on first use,
// and doc may be rendered on several goroutines at once.
func headingIDsOf(doc ast.Node) []headingID {
	d, ok := doc.(*ast.Document)
	if !ok {
		return nil
	}
	ids, _ := d.Meta()[headingIDsKey].([]headingID)
	return ids
}

// idOf is the id of heading h in ids.
func idOf(ids []headingID, h *ast.Heading) (string, bool) {
	i := slices.IndexFunc(ids, func(id headingID) bool { return id.heading == h })
	if i < 0 {
		return "", false
	}
	return ids[i].id, true
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
