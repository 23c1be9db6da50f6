package render

import (
	"github.com/dossier-dev/dossier/internal/layout"
	"github.com/dossier-dev/dossier/internal/printed"
	"github.com/dossier-dev/dossier/internal/site"
)

// printPage is the print edition: the whole briefing as one document.
func (b *builder) printPage() *page {
	p := b.newPage(layout.PrintDir, "print", "Print edition")
	p.Description = b.idx.Content.Config.Subtitle
	p.Data, p.finish = printed.Edition(b.idx, b.printOptions(p))
	return p
}

// briefPage is a theme's printable brief.
func (b *builder) briefPage(t *site.Theme) *page {
	p := b.newPage(layout.BriefDir(t.Slug), "brief", t.Title)
	p.Description = "Theme brief: " + t.Title
	p.Data = printed.Brief(b.idx, t, b.printOptions(p))
	return p
}

func (b *builder) printOptions(p *page) printed.Options {
	return printed.Options{Markdown: b.r.md, Memo: b.r.memo, Page: p.Path, Root: p.Root}
}
