package render

import (
	"github.com/dossier-dev/dossier/internal/layout"
	"github.com/dossier-dev/dossier/internal/search"
)

// searchData is the search page's view: the themes and kinds it offers
// as filters, and its index script.
type searchData struct {
	Themes []search.Theme
	Kinds  []kindOption
	// Index is the index's manifest script, relative to the search page.
	Index string
	// files are the manifest and the index's shards, by path relative to
	// the search page, which the site writes beside the page.
	files map[string][]byte
}

// kindOption is a kind of search result as its filter offers it.
type kindOption struct{ Value, Label string }

var kindLabels = map[string]string{
	search.KindPassage: "Passages",
	search.KindNote:    "Notes",
	search.KindTheme:   "Themes",
	search.KindEntity:  "Entities",
	search.KindSource:  "Sources",
}

// searchPage is the offline search page. Its index's manifest is a
// script under a name made of the index's version, so that a host that
// caches it never serves a stale index with a newer page; the manifest
// loads the shards with the version in their query.
func (b *builder) searchPage() *page {
	p := b.newPage(layout.SearchDir, "search", "Search")
	p.Description = "Search the passages, notes, themes and entities of the dossier."
	idx := search.IndexOf(b.idx)
	d := &searchData{Themes: idx.Themes, Index: "index." + idx.Version + ".js", files: idx.Shards}
	d.files[d.Index] = idx.Manifest
	for _, k := range search.Kinds {
		d.Kinds = append(d.Kinds, kindOption{Value: k, Label: kindLabels[k]})
	}
	p.Data = d
	return p
}
