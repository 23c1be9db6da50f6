package markdown

import (
	"math"
	"slices"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// mergeText joins each run of plain Text nodes over contiguous source
// into one node. goldmark's inline parser ends every line with a Text
// node of its own, even when the text before it is as plain: in prose a
// quarter of the Text nodes, and each stays in memory with its document
// for the whole build (28 MB of 10,000 four-kilobyte notes).
type mergeText struct{}

// withMergedText runs mergeText after the other transformers (goldmark
// runs them in ascending priority), so that it sees the nodes they leave.
var withMergedText = parser.WithASTTransformers(util.Prioritized(mergeText{}, math.MaxInt32))

// Transform implements parser.ASTTransformer.
func (mergeText) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			t, ok := c.(*ast.Text)
			if !ok {
				continue
			}
			for next, ok := t.NextSibling().(*ast.Text); ok && joinable(src, t, next); next, ok = t.NextSibling().(*ast.Text) {
				t.Segment = t.Segment.WithStop(next.Segment.Stop)
				t.SetSoftLineBreak(next.SoftLineBreak())
				t.SetHardLineBreak(next.HardLineBreak())
				n.RemoveChild(n, next)
			}
		}
		return ast.WalkContinue, nil
	})
}

// joinable reports whether b continues a's text with nothing between
// them that the renderers would show: b starts where a stops, a ends no
// line, and neither is raw (as code is), padded or given attributes.
// Nor may a end in a backslash: the parser can leave one that escapes
// nothing (after a hard break it carries the escaped state over), and
// joined, the HTML writer would read it as escaping b's first byte.
func joinable(src []byte, a, b *ast.Text) bool {
	plain := func(t *ast.Text) bool {
		s := t.Segment
		return !t.IsRaw() && s.Padding == 0 && !s.ForceNewline && t.Attributes() == nil
	}
	return a.Segment.Stop == b.Segment.Start && a.Segment.Stop > a.Segment.Start && src[a.Segment.Stop-1] != '\\' &&
		!a.SoftLineBreak() && !a.HardLineBreak() && plain(a) && plain(b)
}

// settleLanguages asks each fenced code block for its language once, at
// parse time. goldmark works the language out at the first call to
// Language and stores it in the node, and a document is rendered for
// the web and for print at once: two first calls raced.
type settleLanguages struct{}

// withSettledLanguages runs settleLanguages; its order among the
// transformers does not matter.
var withSettledLanguages = parser.WithASTTransformers(util.Prioritized(settleLanguages{}, 0))

// Transform implements parser.ASTTransformer. It walks the blocks only:
// a code block is never inside a paragraph or heading's inline content.
func (settleLanguages) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch {
		case !entering:
		case n.Kind() == ast.KindFencedCodeBlock:
			n.(*ast.FencedCodeBlock).Language(reader.Source())
		case n.FirstChild() != nil && n.FirstChild().Type() == ast.TypeInline:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// withHeadingIDs gives each heading the id goldmark's
// parser.WithAutoHeadingID would, from the same generator and in the
// same order: the order of the source, before goldmark's footnote
// transformer (priority 999) moves footnotes to the end and drops those
// nothing refers to. The ids are kept in one list on the document
// (Document.Meta, under headingIDsKey; see headingIDsOf), not as each
// heading's "id" attribute, since goldmark gives a node's first
// attribute room for ten: 416 bytes a heading for as long as the AST
// lives, 12 MB of the 242 MB serve held after starting on 10,000 notes.
var withHeadingIDs = parser.WithASTTransformers(util.Prioritized(nameHeadings{}, 0))

type nameHeadings struct{}

// headingID is a heading and its id.
type headingID struct {
	heading *ast.Heading
	id      string
}

const headingIDsKey = "dossier/heading-ids"

// Transform implements parser.ASTTransformer.
func (nameHeadings) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	gen := parser.NewContext().IDs()
	var ids []headingID
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch {
		case !entering:
		case n.Kind() == ast.KindHeading:
			h := n.(*ast.Heading)
			// The text goldmark makes the id from: the heading's last line.
			var line []byte
			if last := h.Lines().Len() - 1; last >= 0 {
				seg := h.Lines().At(last)
				line = seg.Value(reader.Source())
			}
			ids = append(ids, headingID{h, string(gen.Generate(line, ast.KindHeading))})
			return ast.WalkSkipChildren, nil
		case n.Type() == ast.TypeInline || n.FirstChild() != nil && n.FirstChild().Type() == ast.TypeInline:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	// Set even when there are none: Meta makes the document's map on
	// first use, and a document rendered for the web and for print at
	// once must only be read.
	doc.AddMeta(headingIDsKey, slices.Clip(ids))
}
