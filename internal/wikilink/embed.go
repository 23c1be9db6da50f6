package wikilink

import (
	"bytes"
	"cmp"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Embed is a paragraph that holds nothing but an embedding link,
// ![[key#"words"]] or ![[note-slug]]: it renders as a block, the passage
// as a block quote or the note's summary, where a link inside running
// text stays a link.
type Embed struct {
	ast.BaseBlock
	// Link is the embedding link, Embed's only child.
	Link *Node
}

// KindEmbed is the NodeKind of Embed.
var KindEmbed = ast.NewNodeKind("WikilinkEmbed")

// Kind implements ast.Node.Kind.
func (e *Embed) Kind() ast.NodeKind { return KindEmbed }

// Dump implements ast.Node.Dump.
func (e *Embed) Dump(source []byte, level int) { ast.DumpHelper(e, source, level, nil, nil) }

// embedBlocks turns each paragraph that holds only an embedding link into
// an Embed, when the document is parsed.
type embedBlocks struct{}

// Transform implements parser.ASTTransformer.
func (embedBlocks) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	source := reader.Source()
	var paragraphs []*ast.Paragraph
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if p, ok := n.(*ast.Paragraph); ok && entering {
			if embedIn(p, source) != nil {
				paragraphs = append(paragraphs, p)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, p := range paragraphs {
		link := embedIn(p, source)
		e := &Embed{Link: link}
		e.SetLines(p.Lines())
		link.Parent().RemoveChild(link.Parent(), link)
		e.AppendChild(e, link)
		p.Parent().ReplaceChild(p.Parent(), p, e)
	}
}

// embedIn returns the embedding link that is all p holds but white space.
func embedIn(p *ast.Paragraph, source []byte) *Node {
	var link *Node
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *Node:
			if !c.Embed || link != nil {
				return nil
			}
			link = c
		case *ast.Text:
			if len(bytes.TrimSpace(c.Segment.Value(source))) > 0 {
				return nil
			}
		default:
			return nil
		}
	}
	return link
}

// renderEmbed renders an Embed: a quoted passage as a block quote with its
// mark, a note as its title and summary. One that did not resolve, or
// names something else, renders as the link would.
func (r *HTMLRenderer) renderEmbed(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*Embed).Link
	link := r.o.Links.Of(n)
	switch {
	case n.Err != "" || link == nil:
		_, _ = w.WriteString("<p>")
		_, _ = r.render(w, source, n, true)
		_, _ = w.WriteString("</p>\n")
	case n.Quote != "":
		e := link.Excerpt
		_, _ = w.WriteString(`<figure class="embed embed-passage"><blockquote><p>`)
		writeText(w, e.Before)
		_, _ = w.WriteString(`<mark class="quoted">`)
		writeText(w, e.Words)
		_, _ = w.WriteString(`</mark>`)
		writeText(w, e.After)
		_, _ = w.WriteString(`</p></blockquote><figcaption>`)
		writeText(w, link.Title)
		if r.o.Print {
			// In print the mark is an endnote, numbered with the
			// document's other citations.
			r.writeEndnoteNumber(w, n, link)
		} else {
			_ = w.WriteByte(' ')
			writeAnchor(w, "cite-mark", r.hrefOf(n, link), gradeAttr(link), cmp.Or(link.Mark, link.Title, n.Target))
		}
		_, _ = w.WriteString("</figcaption></figure>\n")
	default:
		_, _ = w.WriteString(`<div class="embed embed-note"><p class="embed-title">`)
		writeAnchor(w, "wikilink", r.hrefOf(n, link), nil, cmp.Or(n.Label, link.Title, n.Target))
		_, _ = w.WriteString("</p>")
		if link.Summary != "" {
			_, _ = w.WriteString("<p>")
			writeText(w, link.Summary)
			_, _ = w.WriteString("</p>")
		}
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkSkipChildren, nil
}

// gradeAttr is the title that spells out a mark's grade, if it has one.
func gradeAttr(link *Link) [][2]string {
	if link.Grade == "" {
		return nil
	}
	return [][2]string{{"title", link.Grade}}
}
