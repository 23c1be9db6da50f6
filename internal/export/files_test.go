package export

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/dossier-dev/dossier/internal/load"
	"github.com/dossier-dev/dossier/internal/site"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fixtures are the sets of sources the file tests export: the shipped
// dossier's, and made-up ones that use every kind, date form and
// character that needs escaping.
func fixtures(t *testing.T) map[string][]*site.Source {
	t.Helper()
	c, diags := load.Load(os.DirFS("../../content"), "content")
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	return map[string][]*site.Source{"shipped": c.Sources, "edge": edgeSources()}
}

func edgeSources() []*site.Source {
	src := func(slug string, m site.SourceMeta) *site.Source {
		return &site.Source{Doc: site.Doc{Slug: slug}, Meta: m}
	}
	return []*site.Source{
		src("escapes-2013", site.SourceMeta{
			Title:   `Fish & Chips: 50% of $5, #1 snake_case {braces} a~b^c back\slash, Ibáñez in Организация`,
			Authors: []string{"Jörg Haßler", "Ludwig van Beethoven", "Martin Luther King Jr.", "Marta Puig i Solé", "Research & Analysis Wing"},
			Kind:    "news article", Publisher: "The Meridian Post", Date: "2013-01-14", Language: "en-GB",
			URL: `https://www.meridianpost.example.com/a_b?q=50%25&x={y}`,
		}),
		src("journal-2024", site.SourceMeta{
			Title:   "From Perpetual Rights to Temporary Concessions: Chile’s 2022 Water Code Reform",
			Authors: []string{"Camila Fuentes Ibáñez", "Haßler, Jörg"},
			Kind:    "journal article", Publisher: "Journal of Water Law and Governance, vol. 14, no. 2, pp. 117-120",
			Date: "2024-05", URL: "https://doi.org/10.1000/jwlg_14.2", Language: "en",
		}),
		src("blog-2024", site.SourceMeta{
			Title: "Should Europe stockpile critical minerals? Lessons from oil", Authors: []string{"Henrik Østergaard", "Zofia Kowalczyk"},
			Kind: "blog post", Publisher: "North Sea Policy Centre", Date: "2024-03-05",
			URL: "https://www.northsea-policy.example.org/blog/2024/critical-minerals", Language: "en",
		}),
		src("press-2024", site.SourceMeta{
			Title: "Minister announces €92 million for zero-emission buses", Authors: []string{"Department of Transport"},
			Kind: "web page", Publisher: "gov.ie", Date: "2024-02-14", URL: "https://www.gov.example.ie/en/press-release/3f2a1/", Language: "en",
		}),
		src("book-2012", site.SourceMeta{
			Title: "A Book Dated Roughly", Authors: []string{"Kucera, Joshua"}, Kind: "book", Publisher: "Example Press", Date: "c. 2012", Language: "en",
		}),
		src("chapter-2022", site.SourceMeta{
			Title: "unknown", Description: "Book chapter on Russia's security cooperation", Authors: []string{"unknown"},
			Kind: "book chapter", Publisher: "Springer", Date: "2022", URL: "https://doi.org/10.1007/978-3-031-16659-4_6", Language: "en",
		}),
		src("report-1985", site.SourceMeta{
			Title: "Drought Relief Programme 1984-85: Progress Report No. 3", Authors: []string{"Ministry of Rural Development, Directorate of Agriculture (Niger)"},
			Kind: "report", Publisher: "Ministry of Rural Development, Republic of Niger", Date: "1985", Language: "en",
		}),
		src("brief-2021", site.SourceMeta{
			Title: "Uncertainty in Afghanistan: Security Woes for Russia", Authors: []string{"Claudia Chia", "Zheng, Haiqi"},
			Kind: "policy brief", Publisher: "Institute of South Asian Studies (ISAS), National University of Singapore", Date: "spring 2021", Language: "en",
		}),
		src("thesis-2020", site.SourceMeta{
			Title: "Water Rights in Chile", Authors: []string{"Ana-Maria Ștefănescu"}, Kind: "thesis", Publisher: "Institute for Peace and Conflict Studies", Date: "2020", Language: "es",
		}),
		src("undated", site.SourceMeta{
			Title: "A document nobody dated", Authors: []string{"unknown"}, Kind: "unknown", Publisher: "unknown", Date: "unknown", URL: "unknown", Language: "unknown",
		}),
	}
}

// exports makes both files of each fixture, by file name:
// shipped.json, shipped.bib, edge.json, edge.bib.
func exports(t *testing.T) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for name, sources := range fixtures(t) {
		data, err := CSLJSON(sources)
		if err != nil {
			t.Fatal(err)
		}
		files[name+".json"] = data
		files[name+".bib"] = BibTeX(sources)
	}
	return files
}

// TestGolden compares the exports with reviewed copies in testdata.
func TestGolden(t *testing.T) {
	for name, got := range exports(t) {
		path := filepath.Join("testdata", name)
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./internal/export -update to create it)", err)
		}
		if string(got) != string(want) {
			t.Errorf("the export differs from %s; run go test ./internal/export -update and review the diff", path)
		}
	}
}
