package search_test

import (
	"bytes"
	"encoding/json"
	"html"
	"math"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/dossier-dev/dossier/internal/build"
	"github.com/dossier-dev/dossier/internal/search"
)

const shippedContent = "../../content"

// shipped builds the shipped dossier once for all tests of the package.
var shipped = sync.OnceValues(func() (*build.Result, error) {
	res, diags, err := build.New(build.Options{Content: shippedContent}).Build()
	if err == nil && len(diags) > 0 {
		err = diags
	}
	return res, err
})

func shippedSite(t *testing.T) *build.Result {
	t.Helper()
	res, err := shipped()
	if err != nil {
		t.Fatalf("building the shipped dossier: %v", err)
	}
	return res
}

// decoded is the index script as the page sees it.
type decoded struct {
	Kinds  []string    `json:"kinds"`
	Themes [][2]string `json:"themes"`
	Docs   [][5]any    `json:"docs"`
}

const scriptPrefix, scriptSuffix = "window.DOSSIER_SEARCH=", ";\n"

func decode(t *testing.T, script []byte) decoded {
	t.Helper()
	s := string(script)
	if !strings.HasPrefix(s, scriptPrefix) || !strings.HasSuffix(s, scriptSuffix) {
		t.Fatalf("script is not %q...%q: %.80q", scriptPrefix, scriptSuffix, s)
	}
	var d decoded
	if err := json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimPrefix(s, scriptPrefix), scriptSuffix)), &d); err != nil {
		t.Fatalf("script data is not JSON: %v", err)
	}
	return d
}

func TestBuildCoversEveryKind(t *testing.T) {
	res := shippedSite(t)
	c := res.Index.Content
	data := search.Build(res.Index)

	count := map[string]int{}
	byHref := map[string]search.Doc{}
	for _, d := range data.Docs {
		count[d.Kind]++
		byHref[d.Href] = d
		if d.Title == "" || d.Text == "" && d.Kind != search.KindSource {
			t.Errorf("%s %s: empty title or text", d.Kind, d.Href)
		}
	}
	passages := 0
	for _, s := range c.Sources {
		for i, p := range s.Passages {
			if strings.TrimSpace(p.Text) == "" {
				continue
			}
			passages++
			d, ok := byHref["sources/"+s.Slug+"/index.html#"+p.ID]
			if !ok {
				t.Errorf("passage %s ¶%d is not indexed", s.Slug, p.Number)
				continue
			}
			if d.Text != p.Text {
				t.Errorf("passage %s ¶%d: text differs from the passage", s.Slug, p.Number)
			}
			if want := res.Index.PassageThemes(s, i); !slices.Equal(d.Themes, want) {
				t.Errorf("passage %s ¶%d: themes %v, want %v", s.Slug, p.Number, d.Themes, want)
			}
		}
	}
	want := map[string]int{
		search.KindPassage: passages,
		search.KindNote:    len(c.Notes),
		search.KindTheme:   len(c.Themes),
		search.KindEntity:  len(c.Entities),
		search.KindSource:  len(c.Sources),
	}
	for k, n := range want {
		if count[k] != n {
			t.Errorf("%d %s documents, want %d", count[k], k, n)
		}
	}
	if len(data.Themes) != len(res.Index.Themes) {
		t.Errorf("%d themes to filter by, want %d", len(data.Themes), len(res.Index.Themes))
	}

	kant := byHref["entities/kant-air-base/index.html"]
	if kant.Title != "Kant air base" || !strings.Contains(kant.Text, "Russian air base in Kyrgyzstan") || !slices.Contains(kant.Themes, "bases") {
		t.Errorf("Kant air base entity: %+v", kant)
	}
	note := byHref["notes/kant-manas-and-us-basing/index.html"]
	if !slices.Equal(note.Themes, []string{"bases"}) {
		t.Errorf("note themes %v, want [bases]", note.Themes)
	}
	// Front matter says [extremism, drugs]; documents list themes in the
	// dossier's order.
	if got := byHref["notes/afghan-threat-debate/index.html"].Themes; !slices.Equal(got, []string{"drugs", "extremism"}) {
		t.Errorf("note themes %v, want [drugs extremism]", got)
	}
	for _, s := range []string{
		"Russia's base at Kant began as a counterweight", // summary
		"Bottom line: Kant air base was born",            // bold and plain wikilinks, by title
		"Russia opened Kant in 2003",                     // a citation's label
		"What the sources say",                           // a heading
		"Russia opens its air base at Kant",              // an event
	} {
		if !strings.Contains(note.Text, s) {
			t.Errorf("note text lacks %q:\n%s", s, note.Text)
		}
	}
	for _, d := range data.Docs {
		if d.Kind == search.KindPassage {
			continue
		}
		for _, markup := range []string{"[[", "]]", "**", "](", "<", "&ldquo;", "&rsquo;"} {
			if strings.Contains(d.Text, markup) {
				t.Errorf("%s text keeps markup %q", d.Href, markup)
			}
		}
	}
}

func TestHrefsResolveToPages(t *testing.T) {
	res := shippedSite(t)
	ids := map[string]map[string]bool{}
	idAttr := regexp.MustCompile(`\sid="([^"]+)"`)
	for _, d := range search.Build(res.Index).Docs {
		page, anchor, _ := strings.Cut(d.Href, "#")
		html, ok := res.Files[page]
		if !ok {
			t.Errorf("%s %q: no page %s in the site", d.Kind, d.Title, page)
			continue
		}
		if anchor == "" {
			continue
		}
		if ids[page] == nil {
			ids[page] = map[string]bool{}
			for _, m := range idAttr.FindAllSubmatch(html, -1) {
				ids[page][string(m[1])] = true
			}
		}
		if !ids[page][anchor] {
			t.Errorf("%s %q: page %s has no id %q", d.Kind, d.Title, page, anchor)
		}
	}
}

// TestScriptRoundTrips checks that the compact encoding decodes to the
// documents, with passage hrefs shortened to their anchors.
func TestScriptRoundTrips(t *testing.T) {
	data := search.Build(shippedSite(t).Index)
	got := decode(t, data.Script())
	if !slices.Equal(got.Kinds, search.Kinds) || len(got.Themes) != len(data.Themes) || len(got.Docs) != len(data.Docs) {
		t.Fatalf("decoded %d kinds, %d themes, %d docs; want %d, %d, %d", len(got.Kinds), len(got.Themes), len(got.Docs), len(search.Kinds), len(data.Themes), len(data.Docs))
	}
	page := ""
	for i, d := range got.Docs {
		want := data.Docs[i]
		href := d[2].(string)
		if strings.HasPrefix(href, "#") {
			href = page + href
		}
		page, _, _ = strings.Cut(href, "#")
		var themes []string
		for _, ti := range d[3].([]any) {
			themes = append(themes, got.Themes[int(ti.(float64))][0])
		}
		if got.Kinds[int(d[0].(float64))] != want.Kind || d[1] != want.Title || href != want.Href ||
			!slices.Equal(themes, want.Themes) || d[4] != strings.Join(strings.Fields(want.Text), " ") {
			t.Fatalf("doc %d decodes to %v, want %+v", i, d, want)
		}
	}
}

// TestScriptCannotBreakOut feeds the encoder text that would end the
// script element, open an HTML comment or end a JavaScript string.
func TestScriptCannotBreakOut(t *testing.T) {
	evil := "a </script><script>alert(1)</script> <!-- b \u2028 c \u2029 d \" ' \\ & <b>"
	data := &search.Data{
		Themes: []search.Theme{{Slug: "x", Title: "</script>\u2028\u2029"}},
		Docs:   []search.Doc{{Kind: search.KindNote, Title: evil, Href: "notes/x/index.html", Themes: []string{"x"}, Text: evil}},
	}
	script := data.Script()
	for _, bad := range []string{"</", "<!--", "<script", "\u2028", "\u2029", "<b>"} {
		if bytes.Contains(bytes.ToLower(script), []byte(bad)) {
			t.Errorf("script contains %q: %s", bad, script)
		}
	}
	got := decode(t, script)
	// Titles and text have their white space folded, U+2028 and U+2029
	// included; the theme title keeps them, escaped.
	folded := strings.Join(strings.Fields(evil), " ")
	if got.Docs[0][1] != folded || got.Docs[0][4] != folded || got.Themes[0][1] != "</script>\u2028\u2029" {
		t.Errorf("text did not survive encoding: %v", got)
	}
}

// TestIndexSize holds the index to under 30% of the text the site shows.
func TestIndexSize(t *testing.T) {
	res := shippedSite(t)
	var index []byte
	for p, data := range res.Files {
		if strings.HasPrefix(p, "search/index.") && strings.HasSuffix(p, ".js") {
			if index != nil {
				t.Fatalf("two search indexes in the site")
			}
			index = data
		}
	}
	if index == nil {
		t.Fatal("the site has no search/index.*.js")
	}
	text := siteText(res)
	ratio := float64(len(index)) / float64(text)
	t.Logf("search index %d bytes; visible text of the site's pages %d bytes; ratio %.1f%%", len(index), text, 100*ratio)
	if ratio >= 0.30 {
		t.Errorf("search index is %.1f%% of the site's text, want under 30%%", 100*ratio)
	}
}

var (
	invisible  = regexp.MustCompile(`(?is)<script\b.*?</script>|<style\b.*?</style>|<!--.*?-->|<head\b.*?</head>`)
	tag        = regexp.MustCompile(`(?s)<[^>]*>`)
	whitespace = regexp.MustCompile(`\s+`)
)

// siteText counts the bytes of visible text in every HTML page: tags,
// scripts, styles and the head removed, entities decoded, runs of white
// space counted as one.
func siteText(res *build.Result) int {
	n := 0
	for p, data := range res.Files {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		s := invisible.ReplaceAllString(string(data), " ")
		s = html.UnescapeString(tag.ReplaceAllString(s, " "))
		n += len(strings.TrimSpace(whitespace.ReplaceAllString(s, " ")))
	}
	return n
}

func TestSearchPageLoadsItsIndex(t *testing.T) {
	res := shippedSite(t)
	page := string(res.Files["search/index.html"])
	m := regexp.MustCompile(`<script src="(index\.[0-9a-f]+\.js)" defer>`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("search page does not load its index script")
	}
	if _, ok := res.Files["search/"+m[1]]; !ok {
		t.Errorf("search page loads %s, which the site lacks", m[1])
	}
	for _, want := range []string{`role="search"`, `<label for="search-q">`, `aria-live="polite"`, `name="kind" value="passage"`, `<option value="csto">`, "static/vendor/minisearch/index."} {
		if !strings.Contains(page, want) {
			t.Errorf("search page lacks %s", want)
		}
	}
	// Every other page has the header's search box; the search page has
	// its own instead, so that there is one box to focus.
	note := string(res.Files["notes/kant-manas-and-us-basing/index.html"])
	if !strings.Contains(note, `action="../../search/index.html"`) || !strings.Contains(note, `<label class="visually-hidden" for="site-search-q">`) {
		t.Errorf("note page lacks the header search form")
	}
	if strings.Contains(page, "site-search-q") {
		t.Errorf("search page has the header search box as well as its own")
	}
	var license bool
	for p := range res.Files {
		license = license || strings.HasPrefix(p, "static/vendor/minisearch/LICENSE.")
	}
	if !license {
		t.Errorf("MiniSearch's licence is not shipped beside it")
	}
}

// Texts are cut as they are written, which must give what cutting each
// whole text gives, at any limit.
func TestTextsCutAsWrittenEqualCutWholeTexts(t *testing.T) {
	idx := shippedSite(t).Index
	whole := search.Collect(idx, math.MaxInt)
	if n := search.DocCount(idx); n != len(whole.Docs) {
		t.Errorf("the text budget is shared among %d documents; there are %d", n, len(whole.Docs))
	}
	for _, limit := range []int{40, 300, 1200, 5000} {
		short := search.Collect(idx, limit)
		if len(short.Docs) != len(whole.Docs) {
			t.Fatalf("limit %d: %d documents, want %d", limit, len(short.Docs), len(whole.Docs))
		}
		shortened := 0
		for i, d := range short.Docs {
			want := search.Cut(whole.Docs[i].Text, limit)
			if d.Text != want {
				t.Errorf("limit %d: %s %q: text %q, want %q", limit, d.Kind, d.Title, d.Text, want)
			}
			if want != whole.Docs[i].Text {
				shortened++
			}
		}
		if limit < 5000 && shortened == 0 {
			t.Errorf("limit %d shortened no document: the test tests nothing", limit)
		}
	}
}
