package passage

import (
	"slices"

	"github.com/dossier-dev/dossier/internal/site"
)

// assemble groups the kept lines into passages, builds their text and
// collects the footnotes and removed lines. A line starts a new passage
// when a stage or rule said so, or where a heading, block quote or table
// begins or ends; a rule's join beats both.
func (d *doc) assemble() site.Normalised {
	w := d.countWords()
	var out site.Normalised
	for i, n := range d.notes {
		var texts []string
		lr := site.LineRange{}
		for j := range d.lines {
			if d.lines[j].note == i+1 {
				texts = append(texts, d.lines[j].text)
				if lr.First == 0 {
					lr.First = d.lines[j].n
				}
				lr.Last = d.lines[j].n
			}
		}
		out.Footnotes = append(out.Footnotes, site.Footnote{Label: n.label, Text: w.join(texts), Lines: lr})
	}

	var groups [][]int
	prev := -1
	for i := range d.lines {
		l := &d.lines[i]
		if !l.body() {
			continue
		}
		if p := &d.lines[max(prev, 0)]; prev < 0 || !l.join &&
			(l.start || l.heading > 0 || p.heading > 0 || l.quote != p.quote || l.table != p.table) {
			groups = append(groups, nil)
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], i)
		prev = i
	}

	marks := newMarkers(out.Footnotes)
	for _, g := range groups {
		if p, ok := d.passage(g, w, marks); ok {
			out.Passages = append(out.Passages, p)
		}
	}
	assignIDs(out.Passages)
	d.setLanguages(out.Passages)

	for i := range d.lines {
		if l := &d.lines[i]; l.removed != "" {
			out.Removed = append(out.Removed, site.RemovedLine{Line: l.n, Text: l.raw, Reason: l.removed})
		}
	}
	return out
}

// passage builds the passage of a group of lines. A passage whose text
// comes out empty (a link with no text, say) is not one: its lines are
// recorded as removed, and ok is false.
func (d *doc) passage(g []int, w words, marks *markers) (p site.Passage, ok bool) {
	first := &d.lines[g[0]]
	p.Lines = site.LineRange{First: first.n, Last: d.lines[g[len(g)-1]].n}
	switch {
	case first.heading > 0:
		p.Kind, p.Level = site.Heading, first.heading
	case first.quote:
		p.Kind = site.BlockQuote
	case first.table:
		p.Kind = site.Table
	case first.item:
		p.Kind = site.List
	}
	texts := make([]string, len(g))
	for k, i := range g {
		texts[k] = d.lines[i].text
		if pg := d.lines[i].page; pg > 0 {
			if p.Pages.First == 0 {
				p.Pages.First = pg
			}
			p.Pages.Last = pg
		}
		if pg := d.lines[i].endPage; pg > p.Pages.Last && p.Pages.First > 0 {
			p.Pages.Last = pg
		}
	}
	p.Text = w.join(texts)
	if p.Kind == site.Table {
		p.Text = tableText(texts)
	}
	if d.format == "pdf" {
		p.Text = w.rehyphenate(p.Text)
	}
	if d.format == "markdown" {
		p.Text, p.Emphasis = inline(p.Text)
	}

	es, refs := marks.find(p.Text)
	if d.format == "markdown" {
		es, refs = noteRefs(p.Text)
	}
	p.Text = es.apply(p.Text)
	moveSpans(&p, refs, es)
	p.Footnotes = refs

	es = spaceSentences(p.Text)
	p.Text = es.apply(p.Text)
	moveSpans(&p, p.Footnotes, es)

	// Lines are trimmed, but markup removed at an end of the text can
	// leave white space there: "*a*b [ ](#)" is "ab ".
	es = trimSpace(p.Text)
	p.Text = es.apply(p.Text)
	moveSpans(&p, p.Footnotes, es)

	if p.Text == "" {
		for _, i := range g {
			d.lines[i].removed = "empty after cleaning"
		}
		return p, false
	}
	return p, true
}

// moveSpans maps the emphasis spans of p and the references refs through
// edits to p's text.
func moveSpans(p *site.Passage, refs []site.FootnoteRef, es edits) {
	if len(es) == 0 {
		return
	}
	for k := range p.Emphasis {
		s := &p.Emphasis[k]
		s.Start, s.End = es.move(s.Start, true), es.move(s.End, false)
	}
	p.Emphasis = slices.DeleteFunc(p.Emphasis, func(s site.Span) bool { return s.Start >= s.End })
	for k := range refs {
		refs[k].At = es.move(refs[k].At, false)
	}
}

// setLanguages marks the passages written in another language than most
// of the document.
func (d *doc) setLanguages(ps []site.Passage) {
	size := map[string]int{}
	langs := make([]string, len(ps))
	for i := range ps {
		langs[i] = language(ps[i].Text)
		size[langs[i]] += len(ps[i].Text)
	}
	main, most := "", 0
	for _, lang := range []string{"en", "es", "fr", "de"} {
		if size[lang] > most {
			main, most = lang, size[lang]
		}
	}
	for i := range ps {
		if langs[i] != "" && langs[i] != main {
			ps[i].Lang = langs[i]
		}
	}
}
