package render

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"slices"
	"strings"

	"github.com/dossier-dev/dossier/internal/layout"
	"github.com/dossier-dev/dossier/internal/resolve"
	"github.com/dossier-dev/dossier/internal/site"
)

// atomFeed is an Atom feed (RFC 4287) of the notes, newest first.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	Sub     string      `xml:"subtitle,omitempty"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  *atomAuthor `xml:"author,omitempty"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Link    atomLink    `xml:"link"`
	Author  *atomAuthor `xml:"author,omitempty"`
	Summary string      `xml:"summary,omitempty"`
}

// feed makes feed.xml. Atom ids must be absolute: with a base URL they
// are the pages' URLs; without one, tag URIs stable across builds. Links
// are relative without a base URL, which feed readers resolve against
// the feed's own address.
func feed(idx *resolve.Index) ([]byte, error) {
	c := idx.Content
	base := c.Config.BaseURL
	url := func(p string) string {
		if base == "" {
			return p
		}
		return base + "/" + p
	}
	id := func(p string) string {
		if base != "" {
			return base + "/" + p
		}
		return "tag:dossier," + strings.ReplaceAll(c.Config.Title, " ", "-") + ":" + p
	}
	notes := slices.Clone(c.Notes)
	slices.SortStableFunc(notes, func(a, b *site.Note) int { return strings.Compare(b.Date, a.Date) })
	f := atomFeed{
		Title:   c.Config.Title,
		Sub:     c.Config.Subtitle,
		ID:      id(layout.Index),
		Updated: atomDate(c.Config.Date),
		Links:   []atomLink{{Href: url(layout.Index)}, {Href: url(layout.Feed), Rel: "self"}},
	}
	if name := cmp.Or(c.Config.Author, c.Config.Organisation); name != "" {
		f.Author = &atomAuthor{Name: name}
	}
	for _, n := range notes {
		p := layout.Note(n.Slug)
		e := atomEntry{Title: n.Title, ID: id(p), Updated: atomDate(n.Date), Link: atomLink{Href: url(p)}, Summary: n.Summary}
		if n.Author != "" {
			e.Author = &atomAuthor{Name: n.Author}
		}
		if e.Updated > f.Updated {
			f.Updated = e.Updated
		}
		f.Entries = append(f.Entries, e)
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	b.WriteString("\n")
	return b.Bytes(), nil
}

// atomDate turns a dossier date (2013, 2013-09 or 2013-09-17) into an
// RFC 3339 timestamp, filling missing parts with the first of the period.
func atomDate(d string) string {
	switch len(d) {
	case 4:
		d += "-01-01"
	case 7:
		d += "-01"
	case 10:
	default:
		d = "1970-01-01"
	}
	return d + "T00:00:00Z"
}

// robots allows everything and points crawlers at the sitemap when the
// site knows its address.
func robots(baseURL string) []byte {
	s := "User-agent: *\nAllow: /\n"
	if baseURL != "" {
		s += "Sitemap: " + baseURL + "/" + layout.Sitemap + "\n"
	}
	return []byte(s)
}
