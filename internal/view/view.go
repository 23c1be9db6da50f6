// Package view makes the values pages show of the dossier's content,
// shared by the web pages (package render) and the print edition
// (package printed): links, cards of notes and sources, and passages
// with ranges marked.
package view

import (
	"cmp"
	"slices"

	"github.com/dossier-dev/dossier/internal/layout"
	"github.com/dossier-dev/dossier/internal/resolve"
	"github.com/dossier-dev/dossier/internal/site"
)

// Link is a link to a document, site-root-relative.
type Link struct {
	Title string
	Href  string
	Kind  string
}

// NoteCard is a note as listed on other pages.
type NoteCard struct {
	Link
	Date, Author, Summary, Confidence string
	Themes                            []Link
}

// NoteCardOf is n's card.
func NoteCardOf(idx *resolve.Index, n *site.Note) NoteCard {
	c := NoteCard{
		Link:       Link{Title: n.Title, Href: layout.Note(n.Slug), Kind: "note"},
		Date:       n.Date,
		Author:     n.Author,
		Summary:    n.Summary,
		Confidence: n.Confidence,
	}
	for _, ref := range n.Themes {
		if t := idx.Target(ref.Slug); t != nil {
			c.Themes = append(c.Themes, Link{Title: t.Title, Href: t.Href, Kind: "theme"})
		}
	}
	return c
}

// NotesNewestFirst returns the notes sorted by date, newest first, then
// by title.
func NotesNewestFirst(notes []*site.Note) []*site.Note {
	notes = slices.Clone(notes)
	slices.SortStableFunc(notes, func(a, b *site.Note) int {
		return cmp.Or(cmp.Compare(b.Date, a.Date), cmp.Compare(a.Title, b.Title))
	})
	return notes
}

// SourceCard is a source with its metadata, as listed.
type SourceCard struct {
	Link
	// Cite is the short name citation marks give the source, e.g.
	// "Kucera 2012": listed with the title, it ties the marks in the
	// notes to the sources they name.
	Cite string
	Slug string
	Meta site.SourceMeta
	// Reliability is the source's Admiralty grade spelt out, "B, usually
	// reliable", or "".
	Reliability string
	// Passages counts ¶-numbered passages.
	Passages  int
	Citations int
}

// SourceCardOf is s's card.
func SourceCardOf(idx *resolve.Index, s *site.Source) SourceCard {
	c := SourceCard{
		Link:      Link{Title: resolve.SourceTitle(s), Href: layout.Source(s.Slug), Kind: "source"},
		Cite:      resolve.CiteName(s),
		Slug:      s.Slug,
		Meta:      s.Meta,
		Citations: idx.CitationCount(s),
	}
	if r := s.Meta.Reliability; r != "" {
		c.Reliability = r + ", " + site.Reliabilities[r]
	}
	for _, p := range s.Passages {
		if p.Number > 0 {
			c.Passages++
		}
	}
	return c
}
