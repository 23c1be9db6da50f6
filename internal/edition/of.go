package edition

import (
	"cmp"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/internal/parallel"
	"github.com/dossier-dev/dossier/internal/resolve"
	"github.com/dossier-dev/dossier/internal/site"
)

// Of is the edition the index idx describes. A citation that did not
// resolve is not in it: the edition records what the dossier rests on,
// and `dossier check` reports the rest.
func Of(idx *resolve.Index) *Edition {
	c := idx.Content
	e := &Edition{
		Format:     Format,
		Edition:    c.Config.Edition,
		Title:      c.Config.Title,
		Date:       c.Config.Date,
		Judgements: []Judgement{},
		Notes:      make([]Note, len(c.Notes)),
		Sources:    make([]Source, len(c.Sources)),
		Citations:  make([]Citation, 0, len(idx.Citations)),
		current:    make(map[string]*site.Source, len(c.Sources)),
		documents:  make(map[string]bool, len(idx.Parsed)+1),
	}
	root := contentRoot(c.Root)
	for _, p := range idx.Parsed {
		e.documents[rel(root, p.Doc.Path)] = true
	}
	// Events cite from their notes' front matter or from timeline.yaml.
	e.documents[timelineFile] = true
	var summary *resolve.Parsed
	for _, p := range idx.Parsed {
		if p.Kind == resolve.KindSummary {
			summary = p
			break
		}
	}
	if summary != nil {
		e.Judgements = judgements(summary, idx)
	}
	// Hashing is the cost here: 10,000 notes are 40 MB of text.
	parallel.For(len(c.Notes), func(i int) {
		n := c.Notes[i]
		e.Notes[i] = Note{Slug: n.Slug, Path: rel(root, n.Path), Title: n.Title, Confidence: n.Confidence, SHA256: Hash(n.Body)}
	})
	hashes := make(map[*site.Source][]string, len(c.Sources))
	for _, s := range c.Sources {
		hashes[s] = make([]string, len(s.Passages))
	}
	parallel.For(len(c.Sources), func(i int) {
		s := c.Sources[i]
		ps := make([]Passage, len(s.Passages))
		for j, p := range s.Passages {
			h := Hash(p.Text)
			hashes[s][j] = h
			ps[j] = Passage{ID: p.ID, Number: p.Number, SHA256: h}
		}
		e.Sources[i] = Source{Key: s.Slug, Title: s.Meta.Title, Passages: ps}
	})
	for _, s := range c.Sources {
		e.current[s.Slug] = s
	}
	summaryPath := ""
	if summary != nil {
		summaryPath = summary.Doc.Path
	}
	for _, ci := range idx.Citations {
		p := &ci.Source.Passages[ci.Passage]
		cit := Citation{
			Document: rel(root, ci.Pos.Path),
			Line:     ci.Pos.Line,
			Col:      ci.Pos.Col,
			Source:   ci.Source.Slug,
			Passage:  p.ID,
			Number:   p.Number,
			Quote:    p.Text[ci.Quote.Start:ci.Quote.End],
			SHA256:   hashes[ci.Source][ci.Passage],
		}
		if ci.Pos.Path == summaryPath {
			cit.Judgement = judgementAt(e.Judgements, ci.Pos.Line)
		}
		e.Citations = append(e.Citations, cit)
	}
	slices.SortFunc(e.Notes, func(a, b Note) int { return cmp.Compare(a.Slug, b.Slug) })
	slices.SortFunc(e.Sources, func(a, b Source) int { return cmp.Compare(a.Key, b.Key) })
	slices.SortFunc(e.Citations, compareCitations)
	return e
}

func compareCitations(a, b Citation) int {
	return cmp.Or(
		cmp.Compare(a.Document, b.Document),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Col, b.Col),
		cmp.Compare(a.Source, b.Source),
		cmp.Compare(a.Quote, b.Quote),
	)
}

// timelineFile is the content file of events that belong to no note.
const timelineFile = "timeline.yaml"

// judgementAt is the number of the judgement written on line, or 0.
func judgementAt(js []Judgement, line int) int {
	for _, j := range js {
		if j.Lines[0] <= line && line <= j.Lines[1] {
			return j.Number
		}
	}
	return 0
}

// contentRoot is the prefix that paths in diagnostics put before a path
// in the content folder (see load.Load): the folder as written, cleaned,
// with a slash; "" for the current folder.
func contentRoot(root string) string {
	r := filepath.ToSlash(filepath.Clean(root))
	if r == "." || r == "" {
		return ""
	}
	return strings.TrimSuffix(r, "/") + "/"
}

// rel is a path as diagnostics show it, made relative to the content
// folder, so that editions built with other --content flags compare.
func rel(root, p string) string { return strings.TrimPrefix(p, root) }
