package resolve

import (
	"cmp"
	"slices"

	"github.com/dossier-dev/dossier/internal/site"
)

// gatherBacklinks lists, for each target, the documents that link to it,
// in backlink order. The lists are first made in the order the links
// were found and then sorted; a list found in the same order as in the
// last build of the same world is the same list, sorted then.
func (r *resolver) gatherBacklinks() {
	w := r.w
	// firstDoc is the document each target's links are taken from: a
	// later one with the same slug, or an event, adds only the links
	// that are not there yet.
	firstDoc := make([]int32, len(w.targets))
	for i := range firstDoc {
		firstDoc[i] = -1
	}
	for i, from := range w.froms {
		if from >= 0 && firstDoc[from] < 0 {
			firstDoc[from] = int32(i)
		}
	}
	// each calls link for every backlink, once, in the order found.
	each := func(link func(from, to int32)) {
		var added map[[2]int32]bool
		other := func(from, to int32) {
			if d := firstDoc[from]; from == to || d >= 0 && slices.Contains(r.docs[d].links.tos, to) || added[[2]int32{from, to}] {
				return
			}
			if added == nil {
				added = map[[2]int32]bool{}
			}
			added[[2]int32{from, to}] = true
			link(from, to)
		}
		for i, from := range w.froms {
			if from < 0 {
				continue
			}
			for _, to := range r.docs[i].links.tos {
				switch {
				case firstDoc[from] != int32(i):
					other(from, to)
				case to != from:
					link(from, to)
				}
			}
		}
		for _, l := range r.eventLinks {
			other(l[0], l[1])
		}
	}
	// Lay the lists end to end, in the order found.
	off := make([]int32, len(w.targets)+1)
	each(func(_, to int32) { off[to+1]++ })
	for i := 1; i < len(off); i++ {
		off[i] += off[i-1]
	}
	from := make([]int32, off[len(off)-1])
	next := slices.Clone(off[:len(off)-1])
	each(func(f, to int32) {
		from[next[to]] = f
		next[to]++
	})
	var last backlinkLists
	if r.cache != nil {
		last = r.cache.backlinks
	}
	sorted := make([][]*Target, len(w.targets))
	for to := range sorted {
		list := from[off[to]:off[to+1]]
		if len(list) == 0 {
			continue
		}
		if last.world == w.version && to+1 < len(last.off) && slices.Equal(list, last.from[last.off[to]:last.off[to+1]]) {
			sorted[to] = last.sorted[to]
		} else {
			sorted[to] = w.backlinkOrder(list)
		}
		r.idx.byTarget[to].backlinks = sorted[to]
	}
	if r.cache != nil {
		r.cache.backlinks = backlinkLists{world: w.version, off: off, from: from, sorted: sorted}
	}
	r.gatherLinks(off, from)
}

// gatherLinks turns the backlinks, laid end to end by target as
// gatherBacklinks lays them, the other way round: what each target
// links to, in target order, all in one array.
func (r *resolver) gatherLinks(off, from []int32) {
	targets := r.w.targets
	start := make([]int32, len(targets)+1)
	for _, f := range from {
		start[f+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	tos := make([]*Target, len(from))
	next := slices.Clone(start[:len(start)-1])
	for to := range targets {
		for _, f := range from[off[to]:off[to+1]] {
			tos[next[f]] = targets[to]
			next[f]++
		}
	}
	for f := range targets {
		if start[f] < start[f+1] {
			r.idx.byTarget[f].links = tos[start[f]:start[f+1]:start[f+1]]
		}
	}
}

// backlinkOrder returns the targets in slots, sorted by rank as the
// targets themselves would be by kind and title.
func (w *world) backlinkOrder(slots []int32) []*Target {
	order := slices.Clone(slots)
	slices.SortFunc(order, func(a, b int32) int { return cmp.Compare(w.rank[a], w.rank[b]) })
	targets := make([]*Target, len(order))
	for i, slot := range order {
		targets[i] = w.targets[slot]
	}
	return targets
}

// gatherCited lists the citations of each passage, by the title of the
// citing document. Taking the documents in title order lists their
// citations in that order; only an event's citation, which comes after
// all of the documents', needs a list sorted again.
func (r *resolver) gatherCited() {
	sources := r.idx.Content.Sources
	// each calls cite for every citation of a passage, in that order.
	each := func(cite func(c *Citation, source int32)) {
		for _, i := range r.w.byTitle {
			for k, c := range r.docs[i].cites {
				cite(c, r.docs[i].links.quotes[k].source)
			}
		}
		for _, c := range r.eventCites {
			cite(c.Citation, c.source)
		}
	}
	// Count first: a passage that thousands of notes cite would
	// otherwise have its list copied again and again as it grows.
	lists := make([][][]*Citation, len(sources))
	counts := make([][]int32, len(sources))
	each(func(c *Citation, source int32) {
		if counts[source] == nil {
			counts[source] = make([]int32, len(sources[source].Passages))
			lists[source] = make([][]*Citation, len(sources[source].Passages))
			r.idx.cited[c.Source] = lists[source]
		}
		counts[source][c.Passage]++
	})
	each(func(c *Citation, source int32) {
		list := &lists[source][c.Passage]
		if *list == nil {
			*list = make([]*Citation, 0, counts[source][c.Passage])
		}
		*list = append(*list, c)
	})
	// Every quote citation has an anchor on its source's page, the
	// summary's and timeline.yaml's too, which annotate nothing.
	for _, c := range r.idx.Citations {
		byPassage := r.idx.quoted[c.Source]
		if byPassage == nil {
			byPassage = make([][]site.Span, len(c.Source.Passages))
			r.idx.quoted[c.Source] = byPassage
		}
		if !slices.Contains(byPassage[c.Passage], c.Quote) {
			byPassage[c.Passage] = append(byPassage[c.Passage], c.Quote)
		}
	}
	sorted := map[[2]int]bool{}
	for _, c := range r.eventCites {
		passage := [2]int{int(c.source), c.Passage}
		if list := lists[c.source][c.Passage]; len(list) > 1 && !sorted[passage] {
			slices.SortStableFunc(list, func(a, b *Citation) int { return cmp.Compare(a.From.Title, b.From.Title) })
			sorted[passage] = true
		}
	}
}
