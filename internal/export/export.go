// Package export writes a dossier's sources in the formats reference
// managers and pandoc read: sources.json as CSL-JSON (csljson.go) and
// sources.bib as biblatex-flavoured BibTeX (bibtex.go), one entry per
// source, keyed by its slug, from its front matter. It also formats the
// reference to the dossier itself that the index page shows
// (briefing.go).
//
// Front matter says "unknown" where the text is silent; nothing unknown
// is exported, so a reference manager shows a missing field rather than
// the word. Both formats are made from one entry per source (entryOf),
// so they say the same thing. Names are parsed in names.go, dates in
// dates.go.
package export

import (
	"regexp"
	"strings"

	"github.com/dossier-dev/dossier/internal/site"
)

// entry is what both formats say about a source.
type entry struct {
	Key  string
	Kind kind
	// Title is the source's title or, when the text gives none, its
	// description in square brackets, as cataloguers mark a title they
	// supplied.
	Title   string
	Authors []name
	// Container is the journal, newspaper or site that published an
	// article or page; Publisher is the house of a book or report.
	Container, Publisher string
	Volume, Issue, Pages string
	ISSN, DOI, URL       string
	Language             string
	// Note says where else the source appeared.
	Note string
	Date date
}

// kind is how a source's kind maps onto CSL and biblatex.
type kind struct {
	// CSL is the CSL item type; Bib the biblatex entry type, and
	// Subtype its entrysubtype.
	CSL, Bib, Subtype string
	// Genre is the CSL genre and biblatex type of a report.
	Genre string
	// Contained says the publisher front matter names is where the
	// source appeared (a journal, newspaper or site) rather than who
	// published it.
	Contained bool
}

// kinds maps the kinds front matter says, as dossier add writes them
// ("news article", "journal article", "report", "blog post", "article",
// "web page") and as analysts write them, lowercased.
var kinds = map[string]kind{
	"news article":      {CSL: "article-newspaper", Bib: "article", Subtype: "newspaper", Contained: true},
	"newspaper article": {CSL: "article-newspaper", Bib: "article", Subtype: "newspaper", Contained: true},
	"magazine article":  {CSL: "article-magazine", Bib: "article", Subtype: "magazine", Contained: true},
	"journal article":   {CSL: "article-journal", Bib: "article", Contained: true},
	"article":           {CSL: "article", Bib: "article", Contained: true},
	"blog post":         {CSL: "post-weblog", Bib: "online", Contained: true},
	"web page":          {CSL: "webpage", Bib: "online", Contained: true},
	"webpage":           {CSL: "webpage", Bib: "online", Contained: true},
	"web site":          {CSL: "webpage", Bib: "online", Contained: true},
	"website":           {CSL: "webpage", Bib: "online", Contained: true},
	"book chapter":      {CSL: "chapter", Bib: "incollection"},
	"chapter":           {CSL: "chapter", Bib: "incollection"},
	"book":              {CSL: "book", Bib: "book"},
	"report":            {CSL: "report", Bib: "report"},
	"policy brief":      {CSL: "report", Bib: "report", Genre: "Policy brief"},
	"briefing":          {CSL: "report", Bib: "report", Genre: "Briefing"},
	"working paper":     {CSL: "report", Bib: "report", Genre: "Working paper"},
	"press release":     {CSL: "report", Bib: "report", Genre: "Press release"},
	"thesis":            {CSL: "thesis", Bib: "thesis"},
}

// kindOf maps a source's kind. A kind it does not know (or "unknown")
// is a web page when the source has an address, else a document.
func kindOf(k, url string) kind {
	if m, ok := kinds[strings.ToLower(strings.Join(strings.Fields(k), " "))]; ok {
		return m
	}
	if url != "" {
		return kinds["web page"]
	}
	return kind{CSL: "document", Bib: "misc"}
}

// known returns s trimmed, or "" when front matter says it is unknown.
func known(s string) string {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "unknown") {
		return ""
	}
	return s
}

var (
	issnPattern   = regexp.MustCompile(`\s*\(?\bISSN:?\s*(\d{4}-?\d{3}[\dXx])\)?`)
	pagesPattern  = regexp.MustCompile(`,?\s*\bpp?\.\s*(\d+(?:\s*[-–]\s*\d+)?)`)
	issuePattern  = regexp.MustCompile(`,?\s*(?:\bn[º°]|\b[Nn]o\.|\b[Ii]ssue)\s*(\d+[A-Za-z]?)\b`)
	volumePattern = regexp.MustCompile(`,?\s*\b(?:[Vv]ol\.|[Vv]olume)\s*(\d+[A-Za-z]?)\b`)
	origPattern   = regexp.MustCompile(`,?\s*\b((?:originally|first) published (?:at|in|by) .+)$`)
	doiPattern    = regexp.MustCompile(`^https?://(?:dx\.)?doi\.org/(10\.\d{4,9}/\S+)$`)
)

// entryOf reads a source's front matter. The publisher field often holds
// more than the publisher ("Comillas Journal of International Relations,
// nº 03, pp. 044-057 (ISSN 2386-5776)"): the issue, volume, pages, ISSN
// and an "originally published at" clause go to their own fields.
func entryOf(s *site.Source) entry {
	m := s.Meta
	e := entry{Key: s.Slug, URL: known(m.URL), Language: known(m.Language), Date: parseDate(m.Date)}
	e.Kind = kindOf(known(m.Kind), e.URL)
	e.Title = known(m.Title)
	if e.Title == "" {
		if d := known(m.Description); d != "" {
			e.Title = "[" + d + "]"
		}
	}
	for _, a := range m.Authors {
		if a = known(a); a != "" {
			e.Authors = append(e.Authors, parseName(a))
		}
	}
	if sub := doiPattern.FindStringSubmatch(e.URL); sub != nil {
		e.DOI = sub[1]
	}
	pub := known(m.Publisher)
	take := func(re *regexp.Regexp) string {
		sub := re.FindStringSubmatch(pub)
		if sub == nil {
			return ""
		}
		pub = strings.Replace(pub, sub[0], "", 1)
		return sub[1]
	}
	e.ISSN = take(issnPattern)
	e.Pages = take(pagesPattern)
	e.Issue = take(issuePattern)
	e.Volume = take(volumePattern)
	if n := take(origPattern); n != "" {
		e.Note = strings.ToUpper(n[:1]) + n[1:]
	}
	pub = strings.Trim(strings.Join(strings.Fields(pub), " "), " ,;")
	if e.Kind.Contained {
		e.Container = pub
	} else {
		e.Publisher = pub
	}
	return e
}
