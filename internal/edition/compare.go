package edition

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/internal/resolve"
	"github.com/dossier-dev/dossier/internal/site"
)

// Change says what became of a note, judgement or source.
type Change string

// The changes Compare reports.
const (
	Added   Change = "added"
	Changed Change = "changed"
	Removed Change = "removed"
	// Revised is a source whose passages' text differs.
	Revised Change = "revised"
)

// DriftKind says what became of the words a citation quoted, in a source
// whose text changed.
type DriftKind string

// The kinds of quote drift.
const (
	// Moved: the words are in one passage, but another one, or the same
	// one under another ¶ number (a passage was added or removed before
	// it): the citation resolves, its mark reads differently.
	Moved DriftKind = "moved"
	// Reworded: the words are no longer in the source, and the cited
	// passage's place is taken by passages whose text changed.
	Reworded DriftKind = "changed"
	// Gone: the words are no longer in the source, and nothing took the
	// cited passage's place, or the source itself is gone.
	Gone DriftKind = "gone"
	// Ambiguous: the words are now in more than one passage.
	Ambiguous DriftKind = "ambiguous"
)

// Report is what changed between an earlier edition and this one. Each
// list is sorted: notes by path, judgements by number, sources by key,
// drift by the citation's document and position.
type Report struct {
	// Since and Now name the two editions (dossier.yaml's edition).
	Since, Now string
	Notes      []NoteChange
	Judgements []JudgementChange
	Sources    []SourceChange
	Drift      []Drift
}

// Empty reports whether nothing changed.
func (r *Report) Empty() bool {
	return len(r.Notes)+len(r.Judgements)+len(r.Sources)+len(r.Drift) == 0
}

// NoteChange is a note added, changed or removed.
type NoteChange struct {
	Change Change
	// Note is the note now, or as it was for one removed.
	Note Note
	// Details say what changed: "text", "title (was "...")",
	// "confidence moderate -> high".
	Details []string
}

// JudgementChange is a key judgement added, removed, or changed in its
// text or its confidence.
type JudgementChange struct {
	Change Change
	// Number is the judgement's number now, or as it was for one removed;
	// Was is its earlier number, for one changed.
	Number, Was int
	Headline    string
	// Text says the text changed; Confidence, that its estimative words
	// did, from Before to After.
	Text          bool
	Confidence    bool
	Before, After []string
}

// SourceChange is a source added, revised or removed; a revised source
// counts its passages changed, added and removed.
type SourceChange struct {
	Change                  Change
	Key, Title              string
	Changed, Added, Removed int
}

// Drift is a citation of the earlier edition whose source text changed
// under it.
type Drift struct {
	Kind DriftKind
	// Citation is the citation as the earlier edition recorded it, with
	// its position in that edition's file.
	Citation Citation
	// Note is the citing note's title in the earlier edition, "" for a
	// citation in another document.
	Note string
	// Now are the passages of the current source that hold the words
	// (Moved, Ambiguous) or took the cited passage's place (Reworded).
	Now []Passage
	// SourceGone says the whole source is gone.
	SourceGone bool
}

// Compare compares the earlier edition since with the current one, now,
// which must come from Of: quote drift looks for the cited words in the
// current sources' text.
func Compare(since, now *Edition) *Report {
	r := &Report{Since: since.Edition, Now: now.Edition}
	r.Notes = compareNotes(since.Notes, now.Notes)
	r.Judgements = compareJudgements(since.Judgements, now.Judgements)
	oldSources := map[string]*Source{}
	for i := range since.Sources {
		oldSources[since.Sources[i].Key] = &since.Sources[i]
	}
	nowSources := map[string]*Source{}
	for i := range now.Sources {
		s := &now.Sources[i]
		nowSources[s.Key] = s
		old := oldSources[s.Key]
		if old == nil {
			r.Sources = append(r.Sources, SourceChange{Change: Added, Key: s.Key, Title: s.Title})
			continue
		}
		if c := comparePassages(old.Passages, s.Passages); c.Changed+c.Added+c.Removed > 0 {
			c.Key, c.Title = s.Key, s.Title
			r.Sources = append(r.Sources, c)
		}
	}
	for _, s := range since.Sources {
		if nowSources[s.Key] == nil {
			r.Sources = append(r.Sources, SourceChange{Change: Removed, Key: s.Key, Title: s.Title})
		}
	}
	slices.SortFunc(r.Sources, func(a, b SourceChange) int { return cmp.Compare(a.Key, b.Key) })

	titles := map[string]string{}
	for _, n := range since.Notes {
		titles[n.Path] = n.Title
	}
	folded := map[*site.Source][]string{}
	for _, c := range since.Citations {
		old, cur := oldSources[c.Source], nowSources[c.Source]
		if old != nil && cur != nil && samePassages(old.Passages, cur.Passages) || !now.documents[c.Document] {
			// The source did not change, or the citing note is gone.
			continue
		}
		var d Drift
		ok := true
		if src := now.current[c.Source]; cur == nil || src == nil {
			d = Drift{Kind: Gone, Citation: c, SourceGone: true}
		} else {
			if folded[src] == nil {
				folded[src] = foldPassages(src)
			}
			var oldPassages []Passage
			if old != nil {
				oldPassages = old.Passages
			}
			d, ok = classify(c, oldPassages, cur.Passages, folded[src])
		}
		if ok {
			d.Note = titles[c.Document]
			r.Drift = append(r.Drift, d)
		}
	}
	slices.SortFunc(r.Drift, func(a, b Drift) int { return compareCitations(a.Citation, b.Citation) })
	return r
}

func compareNotes(since, now []Note) []NoteChange {
	var out []NoteChange
	old := map[string]Note{}
	for _, n := range since {
		old[n.Slug] = n
	}
	seen := map[string]bool{}
	for _, n := range now {
		seen[n.Slug] = true
		o, ok := old[n.Slug]
		if !ok {
			out = append(out, NoteChange{Change: Added, Note: n})
			continue
		}
		var details []string
		if o.SHA256 != n.SHA256 {
			details = append(details, "text")
		}
		if o.Title != n.Title {
			details = append(details, fmt.Sprintf("title (was %q)", o.Title))
		}
		if o.Confidence != n.Confidence {
			details = append(details, "confidence "+orNone(o.Confidence)+" -> "+orNone(n.Confidence))
		}
		if len(details) > 0 {
			out = append(out, NoteChange{Change: Changed, Note: n, Details: details})
		}
	}
	for _, n := range since {
		if !seen[n.Slug] {
			out = append(out, NoteChange{Change: Removed, Note: n})
		}
	}
	slices.SortFunc(out, func(a, b NoteChange) int { return cmp.Compare(a.Note.Path, b.Note.Path) })
	return out
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// compareJudgements pairs the judgements of two editions by headline
// (folded as quotes are), then those left over in order, each with the
// first left over in its place among the paired ones, and reports
// the pairs whose text or confidence differ and the judgements left
// unpaired.
func compareJudgements(since, now []Judgement) []JudgementChange {
	pair := make([]int, len(since)) // index in now + 1, or 0
	taken := make([]bool, len(now))
	byHeadline := map[string][]int{}
	for j, n := range now {
		k := resolve.Fold(n.Headline)
		byHeadline[k] = append(byHeadline[k], j)
	}
	for i, o := range since {
		k := resolve.Fold(o.Headline)
		if js := byHeadline[k]; len(js) > 0 {
			pair[i], taken[js[0]] = js[0]+1, true
			byHeadline[k] = js[1:]
		}
	}
	// A judgement reworded in its headline stays where it was: between
	// the judgements paired around it, the first one left over.
	paired := slices.Clone(pair)
	for i := range since {
		if pair[i] != 0 {
			continue
		}
		lo, hi := 0, len(now)
		for k := i - 1; k >= 0; k-- {
			if paired[k] != 0 {
				lo = paired[k]
				break
			}
		}
		for k := i + 1; k < len(since); k++ {
			if paired[k] != 0 {
				hi = paired[k] - 1
				break
			}
		}
		for j := lo; j < hi; j++ {
			if !taken[j] {
				pair[i], taken[j] = j+1, true
				break
			}
		}
	}
	var out []JudgementChange
	for i, o := range since {
		if pair[i] == 0 {
			out = append(out, JudgementChange{Change: Removed, Number: o.Number, Headline: o.Headline, Before: o.Confidence})
			continue
		}
		n := now[pair[i]-1]
		c := JudgementChange{
			Change: Changed, Number: n.Number, Was: o.Number, Headline: n.Headline,
			Text:       o.SHA256 != n.SHA256,
			Confidence: !slices.Equal(o.Confidence, n.Confidence),
			Before:     o.Confidence, After: n.Confidence,
		}
		if c.Text || c.Confidence {
			out = append(out, c)
		}
	}
	for j, n := range now {
		if !taken[j] {
			out = append(out, JudgementChange{Change: Added, Number: n.Number, Headline: n.Headline, After: n.Confidence})
		}
	}
	slices.SortStableFunc(out, func(a, b JudgementChange) int { return cmp.Compare(a.Number, b.Number) })
	return out
}

func samePassages(a, b []Passage) bool { return slices.Equal(a, b) }

// align pairs the passages of two versions of a source: match[i] is the
// index in now of the passage that has the text of old[i], or -1. The
// pairs keep their order (a passage moved past others counts as removed
// and added), and as many as can are paired: since a passage's id comes
// from its text, this is the longest increasing run of now-indexes over
// the passages both versions have, found in O(n log n).
func align(old, now []Passage) []int {
	at := make(map[string]int, len(now))
	for j, p := range now {
		at[p.ID+p.SHA256] = j
	}
	match := make([]int, len(old))
	type cand struct{ i, j int }
	var seq []cand
	for i, p := range old {
		match[i] = -1
		if j, ok := at[p.ID+p.SHA256]; ok {
			seq = append(seq, cand{i, j})
		}
	}
	// Patience sorting: tails[k] is the index in seq of the smallest
	// tail of an increasing run of length k+1; prev links the runs.
	var tails []int
	prev := make([]int, len(seq))
	for s, c := range seq {
		k, _ := slices.BinarySearchFunc(tails, c.j, func(t, j int) int { return cmp.Compare(seq[t].j, j) })
		if k > 0 {
			prev[s] = tails[k-1]
		} else {
			prev[s] = -1
		}
		if k == len(tails) {
			tails = append(tails, s)
		} else {
			tails[k] = s
		}
	}
	if len(tails) > 0 {
		for s := tails[len(tails)-1]; s >= 0; s = prev[s] {
			match[seq[s].i] = seq[s].j
		}
	}
	return match
}

// gap is the passages of now between the paired neighbours of old[i]:
// those that took its place.
func gap(match []int, i int, now []Passage) []Passage {
	lo, hi := 0, len(now)
	for k := i - 1; k >= 0; k-- {
		if match[k] >= 0 {
			lo = match[k] + 1
			break
		}
	}
	for k := i + 1; k < len(match); k++ {
		if match[k] >= 0 {
			hi = match[k]
			break
		}
	}
	if lo >= hi {
		return nil
	}
	return now[lo:hi]
}

// comparePassages counts the passages of a source changed, added and
// removed: between two passages both versions have, unpaired passages
// of the old and the new version pair up as changed, and the rest are
// removed or added.
func comparePassages(old, now []Passage) SourceChange {
	c := SourceChange{Change: Revised}
	match := align(old, now)
	count := func(removed, added int) {
		changed := min(removed, added)
		c.Changed += changed
		c.Removed += removed - changed
		c.Added += added - changed
	}
	removed, lastJ := 0, -1
	for _, j := range match {
		if j < 0 {
			removed++
			continue
		}
		count(removed, j-lastJ-1)
		removed, lastJ = 0, j
	}
	count(removed, len(now)-lastJ-1)
	if c.Changed+c.Added+c.Removed == 0 && !slices.Equal(old, now) {
		// The same texts, numbered differently: a passage became a
		// heading, or stopped being one.
		c.Changed = 1
	}
	return c
}

// foldPassages is the folded text of each passage of src.
func foldPassages(src *site.Source) []string {
	out := make([]string, len(src.Passages))
	for i, p := range src.Passages {
		out[i] = resolve.Fold(p.Text)
	}
	return out
}

// classify says what became of citation c, which cited a passage of a
// source whose passages were old and now are now, with texts that fold
// to folded. ok is false when nothing did: the words are in the passage
// they were, under the same number.
func classify(c Citation, old, now []Passage, folded []string) (d Drift, ok bool) {
	d = Drift{Citation: c}
	if quote := resolve.Fold(c.Quote); quote != "" {
		for i, f := range folded {
			if strings.Contains(f, quote) {
				d.Now = append(d.Now, now[i])
			}
		}
	}
	switch {
	case len(d.Now) == 1:
		if d.Now[0].ID == c.Passage && d.Now[0].Number == c.Number {
			return d, false
		}
		d.Kind = Moved
		return d, true
	case len(d.Now) > 1:
		d.Kind = Ambiguous
		return d, true
	}
	i := slices.IndexFunc(old, func(p Passage) bool { return p.ID == c.Passage })
	if i < 0 {
		// An edition that does not list the passage it cites: without
		// its neighbours, all that can be said is whether it is there.
		if j := slices.IndexFunc(now, func(p Passage) bool { return p.ID == c.Passage }); j >= 0 {
			d.Kind, d.Now = Reworded, now[j:j+1]
			return d, true
		}
		d.Kind = Gone
		return d, true
	}
	match := align(old, now)
	if j := match[i]; j >= 0 {
		// The passage is there, but the words do not fold as they did.
		d.Kind, d.Now = Reworded, now[j:j+1]
		return d, true
	}
	if d.Now = gap(match, i, now); len(d.Now) > 0 {
		d.Kind = Reworded
		return d, true
	}
	d.Kind = Gone
	return d, true
}
