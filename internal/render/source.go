package render

import (
	"path"
	"strings"

	"github.com/dossier-dev/dossier/internal/layout"
	"github.com/dossier-dev/dossier/internal/resolve"
	"github.com/dossier-dev/dossier/internal/site"
	"github.com/dossier-dev/dossier/internal/view"
)

// originalDocument is where the site publishes the document a source
// was extracted from, or "" when it keeps none. A PDF is published as
// it is; a saved web page only as text, since its scripts would run on
// the dossier's own origin.
func originalDocument(s *site.Source) string {
	if s.OriginalData == nil {
		return ""
	}
	if ext := path.Ext(s.Meta.Original); ext == ".pdf" {
		return layout.OriginalPDF(s.Slug)
	}
	return layout.OriginalHTMLText(s.Slug)
}

type sourceData struct {
	Card      view.SourceCard
	Authors   string
	Passages  []passageView
	Footnotes []footnoteView
	Removed   []site.RemovedLine
	Original  string
	// Document is the original document's path, and DocumentKind what
	// it is, when the source keeps one.
	Document, DocumentKind string
}

type footnoteView struct {
	Label, Text string
}

func (b *builder) sourcePage(s *site.Source) *page {
	card := view.SourceCardOf(b.idx, s)
	p := b.newPage(layout.SourceDir(s.Slug), "source", card.Title)
	d := &sourceData{Card: card, Original: layout.OriginalText(s.Slug), Document: originalDocument(s)}
	for _, r := range s.Removed {
		// Lines of the file, front matter included, as cleaning rules
		// and check -v count them.
		r.Line += s.BodyLine - 1
		d.Removed = append(d.Removed, r)
	}
	if strings.HasSuffix(s.Meta.Original, ".pdf") {
		d.DocumentKind = "PDF"
	} else if d.Document != "" {
		d.DocumentKind = "saved web page, shown as text"
	}
	for i := range s.Passages {
		var marks []view.TextMark
		citations := b.idx.CitationsOf(s, i)
		for _, q := range b.idx.QuotedSpans(s, i) {
			marks = append(marks, view.TextMark{Kind: view.MarkQuoted, Span: q, ID: resolve.QuoteAnchor(&s.Passages[i], q)})
		}
		v := b.passageView(s, i, marks, p.Root, true)
		v.Notes, v.More = annotate(citations)
		v.CitedBy = citedBy(v.Notes, v.More)
		d.Passages = append(d.Passages, v)
	}
	for _, f := range s.Footnotes {
		d.Footnotes = append(d.Footnotes, footnoteView{Label: f.Label, Text: f.Text})
	}
	p.Backlinks = b.backlinks(s.Slug)
	p.LocalGraph = b.localGraph(s.Slug, nil, p.Root)
	p.Data = d
	return p
}
