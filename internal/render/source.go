package render

import (
	"github.com/dossier-dev/dossier/internal/site"
)

type sourceData struct {
	Card      sourceCard
	Authors   string
	Passages  []passageView
	Footnotes []footnoteView
	Removed   []site.RemovedLine
	Original  string
}

type footnoteView struct {
	Label, Text string
}

func (b *builder) sourcePage(s *site.Source) *page {
	dir := "sources/" + s.Slug + "/"
	card := b.sourceCard(s)
	p := b.newPage(dir, "source", card.Title)
	d := &sourceData{Card: card, Removed: s.Removed, Original: dir + "original.txt"}
	for i := range s.Passages {
		var marks []textMark
		citations := b.idx.CitationsOf(s, i)
		for _, c := range citations {
			marks = append(marks, textMark{markQuoted, c.Quote})
		}
		v := b.passageView(s, i, marks, p.Root, true)
		for _, c := range citations {
			v.Notes = append(v.Notes, annotation{link: link{Title: c.From.Title, Href: c.From.Href, Kind: string(c.From.Kind)}, Sentence: c.Sentence})
		}
		d.Passages = append(d.Passages, v)
	}
	for _, f := range s.Footnotes {
		d.Footnotes = append(d.Footnotes, footnoteView{Label: f.Label, Text: f.Text})
	}
	p.Backlinks = b.backlinks(s.Slug)
	p.Data = d
	return p
}
