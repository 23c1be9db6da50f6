package resolve

import (
	"cmp"
	"slices"

	"github.com/dossier-dev/dossier/internal/site"
	"github.com/dossier-dev/dossier/internal/wikilink"
)

// resolveEvents verifies each event's citation and themes and sorts the
// timeline by date.
func (r *resolver) resolveEvents() {
	c := r.idx.Content
	for _, n := range c.Notes {
		for _, e := range n.Events {
			r.resolveEvent(e, r.idx.targets[n.Slug])
		}
	}
	for _, e := range c.Timeline {
		r.resolveEvent(e, nil)
	}
	slices.SortStableFunc(r.idx.Events, func(a, b *Event) int {
		return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.Text, b.Text))
	})
	for _, e := range r.idx.Events {
		if e.From != nil {
			r.idx.eventsBy[e.From.Slug] = append(r.idx.eventsBy[e.From.Slug], e)
		}
	}
}

func (r *resolver) resolveEvent(e site.Event, from *Target) {
	ok := true
	for _, ref := range e.Themes {
		ok = r.checkTheme(ref) && ok
	}
	n, size, isLink := wikilink.Scan([]byte(e.Cite))
	if !isLink || size != len(e.Cite) {
		r.diags.Add(e.CitePos, "event citation must be one wikilink such as [[source#\"quoted words\"]], not %q", e.Cite)
		return
	}
	if n.Err == "" && n.Quote == "" {
		r.diags.Add(e.CitePos, "event citation must quote a source: [[%s#\"quoted words\"]]", n.Target)
		return
	}
	citation := r.resolveLink(n, from, e.CitePos)
	if citation == nil || !ok {
		return
	}
	citation.Sentence = e.Text
	r.idx.Events = append(r.idx.Events, &Event{Event: e, Citation: citation, From: from})
}
