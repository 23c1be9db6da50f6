package render

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/dossier-dev/dossier/internal/layout"
	"github.com/dossier-dev/dossier/internal/search"
)

// searchData is the search page's view: the themes and kinds it offers
// as filters, and its index script.
type searchData struct {
	Themes []search.Theme
	Kinds  []kindOption
	// Index is the index script's path relative to the search page.
	Index string
	// data is the index script itself, which addSearchIndex writes
	// beside the page.
	data []byte
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

// searchPage is the offline search page. Its index is a script under a
// fingerprinted name, so that a host that caches it never serves a stale
// index with a newer page.
func (b *builder) searchPage() *page {
	p := b.newPage(layout.SearchDir, "search", "Search")
	p.Description = "Search the passages, notes, themes and entities of the dossier."
	idx := search.Build(b.idx)
	d := &searchData{Themes: idx.Themes, data: idx.Script()}
	for _, k := range search.Kinds {
		d.Kinds = append(d.Kinds, kindOption{Value: k, Label: kindLabels[k]})
	}
	sum := sha256.Sum256(d.data)
	d.Index = "index." + hex.EncodeToString(sum[:5]) + ".js"
	p.Data = d
	return p
}
