package export

import (
	"bytes"
	"encoding/json"

	"github.com/dossier-dev/dossier/internal/site"
)

// cslItem is a CSL-JSON item (CSL 1.0.2 input data, the schema at
// https://resource.citationstyles.org/schema/v1.0/input/json/csl-data.json),
// with the variables dossier's front matter can fill, in the order they
// are written.
type cslItem struct {
	ID             string    `json:"id"`
	CitationKey    string    `json:"citation-key"`
	Type           string    `json:"type"`
	Title          string    `json:"title,omitempty"`
	Author         []cslName `json:"author,omitempty"`
	Issued         *cslDate  `json:"issued,omitempty"`
	ContainerTitle string    `json:"container-title,omitempty"`
	Publisher      string    `json:"publisher,omitempty"`
	Genre          string    `json:"genre,omitempty"`
	Volume         string    `json:"volume,omitempty"`
	Issue          string    `json:"issue,omitempty"`
	Page           string    `json:"page,omitempty"`
	ISSN           string    `json:"ISSN,omitempty"`
	DOI            string    `json:"DOI,omitempty"`
	URL            string    `json:"URL,omitempty"`
	Language       string    `json:"language,omitempty"`
	Note           string    `json:"note,omitempty"`
}

type cslName struct {
	Family              string `json:"family,omitempty"`
	Given               string `json:"given,omitempty"`
	NonDroppingParticle string `json:"non-dropping-particle,omitempty"`
	Suffix              string `json:"suffix,omitempty"`
	Literal             string `json:"literal,omitempty"`
}

type cslDate struct {
	DateParts [][]int `json:"date-parts,omitempty"`
	Circa     bool    `json:"circa,omitempty"`
	Literal   string  `json:"literal,omitempty"`
}

// CSLJSON returns the sources as CSL-JSON: an array of items, one per
// source in the order given, each with the source's key as its id.
func CSLJSON(sources []*site.Source) ([]byte, error) {
	items := make([]cslItem, 0, len(sources))
	for _, s := range sources {
		items = append(items, cslItemOf(entryOf(s)))
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(items); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func cslItemOf(e entry) cslItem {
	it := cslItem{
		ID: e.Key, CitationKey: e.Key, Type: e.Kind.CSL, Title: e.Title,
		ContainerTitle: e.Container, Publisher: e.Publisher, Genre: e.Kind.Genre,
		Volume: e.Volume, Issue: e.Issue, Page: e.Pages, ISSN: e.ISSN, DOI: e.DOI, URL: e.URL,
		Language: e.Language, Note: e.Note,
	}
	for _, n := range e.Authors {
		it.Author = append(it.Author, cslName{Family: n.Family, Given: n.Given, NonDroppingParticle: n.Particle, Suffix: n.Suffix, Literal: n.Literal})
	}
	switch d := e.Date; {
	case d.Literal != "":
		it.Issued = &cslDate{Literal: d.Literal}
	case !d.IsZero():
		it.Issued = &cslDate{DateParts: [][]int{d.parts()}, Circa: d.Circa}
	}
	return it
}
