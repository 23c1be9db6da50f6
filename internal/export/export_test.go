package export

import (
	"reflect"
	"testing"

	"github.com/dossier-dev/dossier/internal/site"
)

func TestKindOf(t *testing.T) {
	for _, tt := range []struct {
		kind, url     string
		csl, bib, sub string
	}{
		{"news article", "", "article-newspaper", "article", "newspaper"},
		{"News  Article", "", "article-newspaper", "article", "newspaper"},
		{"journal article", "", "article-journal", "article", ""},
		{"article", "", "article", "article", ""},
		{"book chapter", "", "chapter", "incollection", ""},
		{"book", "", "book", "book", ""},
		{"report", "", "report", "report", ""},
		{"policy brief", "", "report", "report", ""},
		{"blog post", "", "post-weblog", "online", ""},
		{"web page", "", "webpage", "online", ""},
		{"thesis", "", "thesis", "thesis", ""},
		{"", "https://example.org/", "webpage", "online", ""},
		{"pdf", "https://example.org/", "webpage", "online", ""},
		{"", "", "document", "misc", ""},
		{"pamphlet", "", "document", "misc", ""},
	} {
		k := kindOf(tt.kind, tt.url)
		if k.CSL != tt.csl || k.Bib != tt.bib || k.Subtype != tt.sub {
			t.Errorf("kindOf(%q, %q) = %s, @%s, %q; want %s, @%s, %q", tt.kind, tt.url, k.CSL, k.Bib, k.Subtype, tt.csl, tt.bib, tt.sub)
		}
	}
	if g := kindOf("policy brief", "").Genre; g != "Policy brief" {
		t.Errorf("a policy brief's genre is %q", g)
	}
}

func TestParseDate(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want date
		edtf string
	}{
		{"2012", date{Year: 2012}, "2012"},
		{"2012-05", date{Year: 2012, Month: 5}, "2012-05"},
		{"2013-01-14", date{Year: 2013, Month: 1, Day: 14}, "2013-01-14"},
		{"c. 2012", date{Year: 2012, Circa: true}, "2012~"},
		{"c.2012-05", date{Year: 2012, Month: 5, Circa: true}, "2012-05~"},
		{"ca. 2012", date{Year: 2012, Circa: true}, "2012~"},
		{"Circa 2012", date{Year: 2012, Circa: true}, "2012~"},
		{"2012~", date{Year: 2012, Circa: true}, "2012~"},
		{"unknown", date{}, ""},
		{"Unknown", date{}, ""},
		{"", date{}, ""},
		{"n.d.", date{}, ""},
		{"spring 2013", date{Literal: "spring 2013"}, ""},
		{"2023-02-31", date{Literal: "2023-02-31"}, ""},
		{"2023-13", date{Literal: "2023-13"}, ""},
		{"2023-00", date{Literal: "2023-00"}, ""},
	} {
		got := parseDate(tt.in)
		if got != tt.want {
			t.Errorf("parseDate(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
		if got.Literal == "" && !got.IsZero() && got.edtf() != tt.edtf {
			t.Errorf("parseDate(%q).edtf() = %q, want %q", tt.in, got.edtf(), tt.edtf)
		}
	}
}

func TestParseName(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want name
	}{
		{"Joshua Kucera", name{Family: "Kucera", Given: "Joshua"}},
		{"Kucera, Joshua", name{Family: "Kucera", Given: "Joshua"}},
		{"Deirdre  Tynan", name{Family: "Tynan", Given: "Deirdre"}},
		{"J. R. R. Tolkien", name{Family: "Tolkien", Given: "J. R. R."}},
		{"Ana-Maria Ștefănescu", name{Family: "Ștefănescu", Given: "Ana-Maria"}},
		{"Jörg Haßler", name{Family: "Haßler", Given: "Jörg"}},
		{"Ludwig van Beethoven", name{Family: "Beethoven", Given: "Ludwig", Particle: "van"}},
		{"van Beethoven, Ludwig", name{Family: "Beethoven", Given: "Ludwig", Particle: "van"}},
		{"Marta Puig i Solé", name{Family: "Puig i Solé", Given: "Marta"}},
		{"Martin Luther King Jr.", name{Family: "King", Given: "Martin Luther", Suffix: "Jr."}},
		{"Guillermo O'Donnell", name{Family: "O'Donnell", Given: "Guillermo"}},
		// Organisations are literal names.
		{"Regional Security Analysis Cell, Eurasia Desk", name{Literal: "Regional Security Analysis Cell, Eurasia Desk"}},
		{"Department of Transport", name{Literal: "Department of Transport"}},
		{"Select Committee on Food Security", name{Literal: "Select Committee on Food Security"}},
		{"Veterinary Public Health Unit", name{Literal: "Veterinary Public Health Unit"}},
		{"Humanitarian Coordination Office – Chad", name{Literal: "Humanitarian Coordination Office – Chad"}},
		{"Ministry of Rural Development, Directorate of Agriculture (Niger)", name{Literal: "Ministry of Rural Development, Directorate of Agriculture (Niger)"}},
		{"Reuters", name{Literal: "Reuters"}},
		{"BBC News", name{Literal: "BBC News"}},
		{"UNODC", name{Literal: "UNODC"}},
		{"G8 Summit", name{Literal: "G8 Summit"}},
		{"Liisa Mägi, Tomasz Wójcik, Ana-Maria Ștefănescu", name{Literal: "Liisa Mägi, Tomasz Wójcik, Ana-Maria Ștefănescu"}},
	} {
		if got := parseName(tt.in); got != tt.want {
			t.Errorf("parseName(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestBibName(t *testing.T) {
	for _, tt := range []struct {
		in, want string
	}{
		{"Joshua Kucera", "Kucera, Joshua"},
		{"Ludwig van Beethoven", "van Beethoven, Ludwig"},
		{"Martin Luther King Jr.", "King, Jr., Martin Luther"},
		{"Marta Puig i Solé", "{Puig i Solé}, Marta"},
		{"Regional Security Analysis Cell, Eurasia Desk", "{Regional Security Analysis Cell, Eurasia Desk}"},
		{"Research & Analysis Wing", `{Research \& Analysis Wing}`},
	} {
		if got := bibName(parseName(tt.in)); got != tt.want {
			t.Errorf("bibName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestBibEscape(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Fish & Chips", `Fish \& Chips`},
		{"50% of $5", `50\% of \$5`},
		{"#1 snake_case", `\#1 snake\_case`},
		{"{braces}", `\{braces\}`},
		{"a~b^c", `a\textasciitilde{}b\textasciicircum{}c`},
		{`back\slash`, `back\textbackslash{}slash`},
		{"Ibáñez, Ștefănescu, Организация", "Ibáñez, Ștefănescu, Организация"},
		{"tab\there", "tab here"},
	} {
		if got := bibEscape(tt.in); got != tt.want {
			t.Errorf("bibEscape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got, want := bibVerbatim(`https://example.org/a_b?q=50%25&x={y}\z`), `https://example.org/a_b?q=50%25&x=%7By%7D%5Cz`; got != want {
		t.Errorf("bibVerbatim = %q, want %q", got, want)
	}
}

func TestEntryOf(t *testing.T) {
	for _, tt := range []struct {
		name string
		meta site.SourceMeta
		want entry
	}{
		{
			name: "unknowns are left out",
			meta: site.SourceMeta{Title: "unknown", Authors: []string{"unknown"}, Publisher: "unknown", Date: "unknown", URL: "unknown", Kind: "unknown", Language: "unknown"},
			want: entry{Kind: kind{CSL: "document", Bib: "misc"}},
		},
		{
			name: "a supplied title is bracketed",
			meta: site.SourceMeta{Title: "unknown", Description: "Journal article on X", Kind: "journal article",
				Publisher: "Comillas Journal of International Relations, nº 03, pp. 044-057 (ISSN 2386-5776)", Date: "2015"},
			want: entry{Kind: kinds["journal article"], Title: "[Journal article on X]", Container: "Comillas Journal of International Relations",
				Issue: "03", Pages: "044-057", ISSN: "2386-5776", Date: date{Year: 2015}},
		},
		{
			name: "originally published",
			meta: site.SourceMeta{Title: "T", Kind: "news article", Publisher: "Eurasia Review (ISSN 2330-717X), originally published at Eurasianet"},
			want: entry{Kind: kinds["news article"], Title: "T", Container: "Eurasia Review", ISSN: "2330-717X", Note: "Originally published at Eurasianet"},
		},
		{
			name: "volume and DOI",
			meta: site.SourceMeta{Title: "T", Kind: "journal article", Publisher: "Journal of Water Law, vol. 14, no. 2, pp. 117–120", URL: "https://doi.org/10.1000/x_1"},
			want: entry{Kind: kinds["journal article"], Title: "T", Container: "Journal of Water Law", Volume: "14", Issue: "2", Pages: "117–120", DOI: "10.1000/x_1", URL: "https://doi.org/10.1000/x_1"},
		},
		{
			name: "a report's publisher stays whole",
			meta: site.SourceMeta{Title: "T", Kind: "policy brief", Authors: []string{"Claudia Chia"}, Publisher: "Institute of South Asian Studies (ISAS), National University of Singapore", Language: "en"},
			want: entry{Kind: kinds["policy brief"], Title: "T", Authors: []name{{Family: "Chia", Given: "Claudia"}},
				Publisher: "Institute of South Asian Studies (ISAS), National University of Singapore", Language: "en"},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := entryOf(&site.Source{Meta: tt.meta})
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("entryOf =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

func TestBriefingOf(t *testing.T) {
	for _, tt := range []struct {
		cfg  site.Config
		want Briefing
	}{
		{
			site.Config{Title: "T", Subtitle: "S", Author: "Regional Security Analysis Cell, Eurasia Desk", Organisation: "Regional Security Analysis Cell", Date: "2026-11-23", BaseURL: "https://example.org/dossier"},
			Briefing{Author: "Regional Security Analysis Cell, Eurasia Desk", Year: "2026", Title: "T", Subtitle: "S", Publisher: "Regional Security Analysis Cell",
				Date: "2026-11-23", DateText: "23 November 2026", URL: "https://example.org/dossier/"},
		},
		{
			site.Config{Title: "T", Organisation: "Cell", Date: "2026-11"},
			Briefing{Author: "Cell", Year: "2026", Title: "T", Date: "2026-11", DateText: "November 2026"},
		},
		{
			site.Config{Title: "T", Author: "Cell", Organisation: "Cell", Date: "2026", Edition: "2026-11 (1st)"},
			Briefing{Author: "Cell", Year: "2026", Title: "T", Edition: "2026-11 (1st)"},
		},
		{
			site.Config{Title: "T"},
			Briefing{Year: "n.d.", Title: "T"},
		},
	} {
		if got := BriefingOf(tt.cfg); got != tt.want {
			t.Errorf("BriefingOf(%+v) =\n%+v\nwant\n%+v", tt.cfg, got, tt.want)
		}
	}
}
