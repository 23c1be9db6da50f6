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
		from, ok := r.w.slots[n.Slug]
		if !ok {
			from = -1
		}
		for _, e := range n.Events {
			r.resolveEvent(e, from)
		}
	}
	for _, e := range c.Timeline {
		r.resolveEvent(e, -1)
	}
	slices.SortStableFunc(r.idx.Events, func(a, b *Event) int {
		return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.Text, b.Text))
	})
	for _, e := range r.idx.Events {
		if e.From != nil {
			refs := &r.idx.byTarget[r.w.slots[e.From.Slug]]
			refs.events = append(refs.events, e)
		}
		for i, ref := range e.Themes {
			if !slices.ContainsFunc(e.Themes[:i], func(earlier site.Ref) bool { return earlier.Slug == ref.Slug }) {
				r.idx.eventsByTheme[ref.Slug] = append(r.idx.eventsByTheme[ref.Slug], e)
			}
		}
	}
}

// resolveEvent resolves an event that the note in slot from declares
// (-1 for the timeline).
func (r *resolver) resolveEvent(e site.Event, from int32) {
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
	citation := r.resolveEventLink(n, from, e.CitePos)
	if citation == nil || !ok {
		return
	}
	citation.sentence = e.Text
	r.idx.Events = append(r.idx.Events, &Event{Event: e, Citation: citation, From: citation.From})
}
