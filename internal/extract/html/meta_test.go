package html

import (
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestMeta(t *testing.T) {
	tests := []struct {
		name, before, head, body, url string
		want                          Meta
	}{
		{
			name: "JSON-LD article",
			head: `<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
				"headline":"Floods &amp; droughts","datePublished":"2024-05-14T23:30:00-05:00",
				"author":{"@type":"Person","name":"Jane Doe"},"publisher":{"@type":"Organization","name":"Daily Example"},
				"inLanguage":"en-GB","mainEntityOfPage":{"@type":"WebPage","@id":"https://daily.example/floods"},
				"description":"What changed."}</script>
				<meta property="og:title" content="Not this one">`,
			want: Meta{Title: "Floods & droughts", Authors: []string{"Jane Doe"}, Date: "2024-05-14",
				Publisher: "Daily Example", URL: "https://daily.example/floods", Language: "en",
				Description: "What changed.", Kind: "news article"},
		},
		{
			name: "JSON-LD graph with references",
			head: `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
				{"@type":"WebSite","@id":"#site","name":"Example Institute"},
				{"@type":"WebPage","@id":"https://inst.example/r","url":"https://inst.example/r","inLanguage":"fr-FR"},
				{"@type":"Report","headline":"Annual report","dateCreated":"2022-03",
				 "author":[{"@id":"#p1"},{"@type":"Person","givenName":"Ann","familyName":"Roe"}],
				 "publisher":{"@id":"#org"}},
				{"@type":"Person","@id":"#p1","name":"John Doe"},
				{"@type":"Organization","@id":"#org","name":"Example Institute Press"}]}</script>`,
			want: Meta{Title: "Annual report", Authors: []string{"John Doe", "Ann Roe"}, Date: "2022-03",
				Publisher: "Example Institute Press", URL: "https://inst.example/r", Language: "fr", Kind: "report"},
		},
		{
			name: "JSON-LD array, author names as strings, web page only",
			head: `<script type="application/ld+json">[{"@type":"WebPage","name":"About us","author":"Jane Doe and John Roe",
				"url":"/about","inLanguage":{"@type":"Language","name":"Spanish","alternateName":"es"}}]</script>`,
			url: "https://site.example/x/",
			want: Meta{Title: "About us", Authors: []string{"Jane Doe", "John Roe"}, URL: "https://site.example/about",
				Language: "es", Kind: "web page"},
		},
		{
			name: "broken JSON-LD is skipped",
			head: `<script type="application/ld+json">{"@type": "NewsArticle", </script>
				<script type="application/ld+json"><![CDATA[{"@type":"BlogPosting","headline":"In CDATA"}]]></script>`,
			want: Meta{Title: "In CDATA", Language: "de", Kind: "blog post"},
		},
		{
			name: "OpenGraph only",
			head: `<meta property="og:title" content="Harbour reopens | Coast News">
				<meta property="og:site_name" content="Coast News">
				<meta property="og:url" content="https://coast.example/harbour">
				<meta property="og:type" content="article">
				<meta property="og:locale" content="pt_BR">
				<meta property="og:description" content="The harbour reopened.">
				<meta property="article:published_time" content="2021-07-09">
				<meta property="article:author" content="https://coast.example/staff/ana">
				<meta property="article:author" content="Ana Lima">`,
			want: Meta{Title: "Harbour reopens", Authors: []string{"Ana Lima"}, Date: "2021-07-09", Publisher: "Coast News",
				URL: "https://coast.example/harbour", Language: "pt", Description: "The harbour reopened.", Kind: "article"},
		},
		{
			name: "citation and Dublin Core",
			head: `<meta name="citation_title" content="Water rights in the Fergana valley">
				<meta name="citation_author" content="Karimova, Dilnoza">
				<meta name="citation_author" content="Smith, J. R.">
				<meta name="citation_publication_date" content="2019/4/1">
				<meta name="citation_journal_title" content="Journal of Eurasian Water">
				<meta name="DC.language" content="ru">`,
			want: Meta{Title: "Water rights in the Fergana valley", Authors: []string{"Dilnoza Karimova", "J. R. Smith"},
				Date: "2019-04-01", Publisher: "Journal of Eurasian Water", Language: "ru", Kind: "journal article"},
		},
		{
			name: "plain meta, canonical link and html lang",
			head: `<title>Site Name » The headline</title><meta name="author" content="By Jane Doe, John Roe">
				<meta name="date" content="14 May 2024"><meta name="description" content="A page.">
				<meta property="og:site_name" content="Site Name">
				<link rel="canonical" href="/news/headline">`,
			url: "https://site.example/news/headline?utm=x",
			want: Meta{Title: "The headline", Authors: []string{"By Jane Doe", "John Roe"}, Date: "2024-05-14",
				Publisher: "Site Name", URL: "https://site.example/news/headline", Language: "de", Description: "A page.", Kind: "web page"},
		},
		{
			name:   "address the page was saved from",
			head:   `<link rel="canonical" href="/a/b">`,
			before: "<!-- saved from url=(0026)https://news.example/x/y -->",
			want:   Meta{URL: "https://news.example/a/b", Language: "de", Kind: "web page"},
		},
		{
			name:   "address SingleFile noted",
			before: "<!--\n Page saved with SingleFile \n url: https://news.example/x/y \n saved date: Mon Jan 01 2024\n-->",
			want:   Meta{URL: "https://news.example/x/y", Language: "de", Kind: "web page"},
		},
		{
			name: "title suffix names the site when nothing else does",
			head: `<title>Ministry opens flood centre - Ministry of Environment</title>`,
			body: `<h1>Ministry opens flood centre</h1>`,
			want: Meta{Title: "Ministry opens flood centre", Publisher: "Ministry of Environment", Language: "de", Kind: "web page"},
		},
		{
			name: "title suffix kept when it is not the site",
			head: `<title>War and peace - a review | Books Weekly</title><meta name="application-name" content="Books Weekly">`,
			want: Meta{Title: "War and peace - a review", Publisher: "Books Weekly", Language: "de", Kind: "web page"},
		},
		{
			name: "microdata author and date",
			body: `<article><h1>T</h1><p itemprop="author" itemscope><span itemprop="name">Ann Poe</span>, staff</p>
				<time itemprop="datePublished" datetime="2020-02-29T10:00">29 Feb</time></article>`,
			want: Meta{Authors: []string{"Ann Poe"}, Date: "2020-02-29", Language: "de", Kind: "web page"},
		},
		{
			name: "a picture's title is not the page's",
			body: `<svg><title>Logo</title></svg>`,
			want: Meta{Language: "de", Kind: "web page"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := `<!DOCTYPE html>` + tt.before + `<html lang="de-AT"><head>` + tt.head + `</head><body>` + tt.body + `</body></html>`
			if strings.Contains(tt.head, "inLanguage") || strings.Contains(tt.head, "og:locale") || strings.Contains(tt.head, "DC.language") {
				page = strings.Replace(page, ` lang="de-AT"`, "", 1)
			}
			doc, err := html.Parse(strings.NewReader(page))
			if err != nil {
				t.Fatal(err)
			}
			got := readMeta(doc, tt.url)
			if !strings.HasPrefix(got.Extractor, "go-readability v2.") || !strings.Contains(got.Extractor, "dossier") {
				t.Errorf("extractor %q", got.Extractor)
			}
			got.Extractor = ""
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestISODate(t *testing.T) {
	for in, want := range map[string]string{
		"2024-05-14":                    "2024-05-14",
		"2024-05-14T23:30:00-05:00":     "2024-05-14",
		"2024-5-4":                      "2024-05-04",
		"2024/05/14":                    "2024-05-14",
		"2024-05":                       "2024-05",
		"2015":                          "2015",
		"14 May 2024":                   "2024-05-14",
		"May 14, 2024":                  "2024-05-14",
		"Tue, 14 May 2024 10:00:00 GMT": "2024-05-14",
		"May 2024":                      "2024-05",
		"2024-02-30":                    "",
		"2024-13":                       "",
		"yesterday":                     "",
		"":                              "",
	} {
		if got := isoDate(in); got != want {
			t.Errorf("isoDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNames(t *testing.T) {
	tests := []struct {
		in   []string
		flip bool
		want []string
	}{
		{[]string{"Jane Doe, John Roe and Ann Poe"}, false, []string{"Jane Doe", "John Roe", "Ann Poe"}},
		{[]string{"Doe, Jane"}, false, []string{"Doe, Jane"}},
		{[]string{"Doe, Jane", "Roe, John"}, true, []string{"Jane Doe", "John Roe"}},
		{[]string{"https://x.example/jane", "@jane", "Jane Doe; Jane Doe"}, false, []string{"Jane Doe"}},
	}
	for _, tt := range tests {
		if got := names(tt.in, tt.flip); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("names(%q, %v) = %q, want %q", tt.in, tt.flip, got, tt.want)
		}
	}
	for in, want := range map[string][]string{
		"By Jane Doe | 14 May 2024": {"Jane Doe"},
		"von Anna Weber und":        {"Anna Weber und"},
		"by":                        nil,
	} {
		if got := bylineNames(in); !reflect.DeepEqual(got, want) {
			t.Errorf("bylineNames(%q) = %q, want %q", in, got, want)
		}
	}
}
