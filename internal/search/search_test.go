package search_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"maps"
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/dossier-dev/dossier/internal/build"
	"github.com/dossier-dev/dossier/internal/corpus/corpustest"
	"github.com/dossier-dev/dossier/internal/resolve"
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

// decoded is the index as the page sees it.
type decoded struct {
	Version   string      `json:"version"`
	Kinds     []string    `json:"kinds"`
	KindStart []int       `json:"kindStart"`
	Themes    [][2]string `json:"themes"`
	Stop      []string    `json:"stop"`
	Words     []string    `json:"words"`
	Sizes     string      `json:"docs"`
	// docs are the documents of the document shards, in order, with
	// their hrefs resolved.
	docs []shownDoc
	// postings are each word's documents and scores, and shard the word
	// shard each word is in.
	postings map[string][][2]int
	shard    map[string]int
}

type shownDoc struct {
	Kind, Title, Href string
	Themes            []int
	Text              string
}

// unwrap checks that a script is prefix + JSON + ");\n" or ";\n" and
// decodes the JSON into v.
func unwrap(t *testing.T, script []byte, prefix, suffix string, v any) {
	t.Helper()
	s := string(script)
	if !strings.HasPrefix(s, prefix) || !strings.HasSuffix(s, suffix) {
		t.Fatalf("script is not %q...%q: %.80q", prefix, suffix, s)
	}
	if err := json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimPrefix(s, prefix), suffix)), v); err != nil {
		t.Fatalf("script data is not JSON: %v: %.200s", err, s)
	}
}

const digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"

func varints(t *testing.T, s string) []int {
	t.Helper()
	var out []int
	for i := 0; i < len(s); {
		v, mul := 0, 1
		for {
			c := strings.IndexByte(digits, s[i])
			i++
			if c < 0 {
				t.Fatalf("%q is not a digit", s[i-1])
			}
			if c < 32 {
				v += c * mul
				break
			}
			v += (c - 32) * mul
			mul *= 32
		}
		out = append(out, v)
	}
	return out
}

// decode reads an index as the page does: the manifest, then every shard.
func decode(t *testing.T, idx *search.Index) decoded {
	t.Helper()
	var d decoded
	unwrap(t, idx.Manifest, "window.DOSSIER_SEARCH=", ";\n", &d)
	if d.Version != idx.Version {
		t.Fatalf("manifest version %q, index %q", d.Version, idx.Version)
	}
	shard := func(name string, v any) {
		t.Helper()
		data, ok := idx.Shards["shards/"+name+".js"]
		if !ok {
			t.Fatalf("no shard %s", name)
		}
		unwrap(t, data, `DOSSIER_SEARCH_SHARD("`+idx.Version+`","`+name+`",`, ");\n", v)
	}
	want := 0
	for i, n := range varints(t, d.Sizes) {
		var docs [][4]any
		shard("d"+strconv.Itoa(i), &docs)
		if len(docs) != n {
			t.Fatalf("document shard %d holds %d documents, the manifest says %d", i, len(docs), n)
		}
		page := ""
		for _, doc := range docs {
			href := doc[1].(string)
			if strings.HasPrefix(href, "#") {
				href = page + href
			}
			page, _, _ = strings.Cut(href, "#")
			kind := ""
			for k := range d.Kinds {
				if len(d.docs) >= d.KindStart[k] && len(d.docs) < d.KindStart[k+1] {
					kind = d.Kinds[k]
				}
			}
			var themes []int
			for _, th := range doc[2].([]any) {
				themes = append(themes, int(th.(float64)))
			}
			d.docs = append(d.docs, shownDoc{Kind: kind, Title: doc[0].(string), Href: href, Themes: themes, Text: doc[3].(string)})
		}
		want += n
	}
	if want != d.KindStart[len(d.KindStart)-1] {
		t.Fatalf("%d documents in the shards, the kinds end at %d", want, d.KindStart[len(d.KindStart)-1])
	}
	d.postings, d.shard = map[string][][2]int{}, map[string]int{}
	prev := ""
	for i := 0; i <= len(d.Words); i++ {
		var words map[string]string
		shard("w"+strconv.Itoa(i), &words)
		for _, w := range slices.Sorted(maps.Keys(words)) {
			if i < len(d.Words) && w >= d.Words[i] || i > 0 && w < d.Words[i-1] || w <= prev && prev != "" {
				t.Fatalf("word %q is out of order in shard %d", w, i)
			}
			d.shard[w] = i
			doc := 0
			s := words[w]
			for j := 0; j < len(s); {
				k := j
				for strings.IndexByte(digits, s[k]) >= 32 {
					k++
				}
				doc += varints(t, s[j:k+1])[0]
				score := strings.IndexByte(digits, s[k+1])*64 + strings.IndexByte(digits, s[k+2])
				d.postings[w] = append(d.postings[w], [2]int{doc, score})
				j = k + 3
			}
		}
		if len(words) > 0 {
			prev = slices.Max(slices.Collect(maps.Keys(words)))
		}
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

// TestIndexRoundTrips checks that the index decodes to the documents,
// numbered kind by kind, and that every word of a document leads to it.
func TestIndexRoundTrips(t *testing.T) {
	data := search.Build(shippedSite(t).Index)
	idx := data.Index()
	got := decode(t, idx)
	if !slices.Equal(got.Kinds, search.Kinds) || len(got.Themes) != len(data.Themes) || len(got.docs) != len(data.Docs) {
		t.Fatalf("decoded %d kinds, %d themes, %d docs; want %d, %d, %d", len(got.Kinds), len(got.Themes), len(got.docs), len(search.Kinds), len(data.Themes), len(data.Docs))
	}
	var want []search.Doc
	for _, k := range search.Kinds {
		for _, d := range data.Docs {
			if d.Kind == k {
				want = append(want, d)
			}
		}
	}
	for i, d := range got.docs {
		w := want[i]
		var themes []string
		for _, ti := range d.Themes {
			themes = append(themes, got.Themes[ti][0])
		}
		if d.Kind != w.Kind || d.Title != w.Title || d.Href != w.Href || !slices.Equal(themes, w.Themes) || d.Text != strings.Join(strings.Fields(w.Text), " ") {
			t.Fatalf("doc %d decodes to %+v, want %+v", i, d, w)
		}
		for _, word := range search.Words(d.Title + " " + d.Text) {
			if slices.Contains(got.Stop, word) {
				continue
			}
			if !slices.ContainsFunc(got.postings[word], func(p [2]int) bool { return p[0] == i }) {
				t.Fatalf("doc %d (%s) has %q, whose postings do not lead to it", i, d.Href, word)
			}
		}
	}
	for _, w := range []string{"the", "and", "of"} {
		if _, ok := got.postings[w]; ok {
			t.Errorf("stop word %q is indexed", w)
		}
	}
	// Accents and case do not count.
	if ps := got.postings["kant"]; len(ps) == 0 {
		t.Errorf("no postings for kant")
	}
	// A title weighs more than the text: the Kant air base entity ranks
	// above a passage that names Kant once.
	scores := map[string]int{}
	for _, p := range got.postings["kant"] {
		scores[got.docs[p[0]].Href] = p[1]
	}
	entity := scores["entities/kant-air-base/index.html"]
	for href, s := range scores {
		if strings.Contains(href, "#") && s >= entity {
			t.Errorf("passage %s scores %d for kant, the entity %d", href, s, entity)
		}
	}
}

// TestIndexCannotBreakOut feeds the encoder text that would end the
// script element, open an HTML comment or end a JavaScript string.
func TestIndexCannotBreakOut(t *testing.T) {
	evil := "a </script><script>alert(1)</script> <!-- b \u2028 c \u2029 d \" ' \\ & <b>"
	data := &search.Data{
		Themes: []search.Theme{{Slug: "x", Title: "</script>\u2028\u2029"}},
		Docs:   []search.Doc{{Kind: search.KindNote, Title: evil, Href: "notes/x/index.html", Themes: []string{"x"}, Text: evil}},
	}
	idx := data.Index()
	for name, script := range map[string][]byte{"manifest": idx.Manifest, "word shard": idx.Shards["shards/w0.js"], "document shard": idx.Shards["shards/d0.js"]} {
		for _, bad := range []string{"</", "<!--", "<script", "\u2028", "\u2029", "<b>"} {
			if bytes.Contains(bytes.ToLower(script), []byte(bad)) {
				t.Errorf("%s contains %q: %s", name, bad, script)
			}
		}
	}
	got := decode(t, idx)
	// Titles and text have their white space folded, U+2028 and U+2029
	// included; the theme title keeps them, escaped.
	folded := strings.Join(strings.Fields(evil), " ")
	if got.docs[0].Title != folded || got.docs[0].Text != folded || got.Themes[0][1] != "</script>\u2028\u2029" {
		t.Errorf("text did not survive encoding: %+v", got)
	}
	if _, ok := got.postings["script><script>alert"]; !ok {
		t.Errorf("words with markup are not indexed as they are: %v", slices.Collect(maps.Keys(got.postings)))
	}
}

// TestIndexSize holds the index, all its files, to under 30% of the
// text the site shows.
func TestIndexSize(t *testing.T) {
	res := shippedSite(t)
	index := 0
	for p, data := range res.Files {
		if strings.HasPrefix(p, "search/") && strings.HasSuffix(p, ".js") {
			index += len(data)
		}
	}
	if index == 0 {
		t.Fatal("the site has no search index")
	}
	text := siteText(res)
	ratio := float64(index) / float64(text)
	t.Logf("search index %d bytes; visible text of the site's pages %d bytes; ratio %.1f%%", index, text, 100*ratio)
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
	for _, want := range []string{`role="search"`, `<label for="search-q">`, `aria-live="polite"`, `name="kind" value="passage"`, `<option value="csto">`} {
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

// IndexOf, which the site uses, indexes each document as it is collected
// rather than collecting them all first: it must make Build's index, on
// the shipped dossier and on one large enough that the text budget cuts
// every note.
func TestIndexOfIsBuildIndex(t *testing.T) {
	for name, idx := range map[string]*resolve.Index{
		"shipped":   shippedSite(t).Index,
		"generated": generatedSite(t, 4000).Index,
	} {
		t.Run(name, func(t *testing.T) {
			want, got := search.Build(idx).Index(), search.IndexOf(idx)
			if got.Version != want.Version || !bytes.Equal(got.Manifest, want.Manifest) || !slices.Equal(got.Themes, want.Themes) {
				t.Errorf("version %s, manifest of %d bytes; want %s, %d bytes", got.Version, len(got.Manifest), want.Version, len(want.Manifest))
			}
			if !maps.EqualFunc(got.Shards, want.Shards, bytes.Equal) {
				t.Errorf("%d shards differ from Build's %d", len(got.Shards), len(want.Shards))
			}
			if cut := search.Collect(idx, math.MaxInt); name == "generated" && slices.EqualFunc(cut.Docs, search.Build(idx).Docs, func(a, b search.Doc) bool { return a.Text == b.Text }) {
				t.Error("the budget cut no text: the test does not cover cut texts")
			}
		})
	}
}

// generatedSite builds the shipped dossier with n generated notes.
func generatedSite(t *testing.T, n int) *build.Result {
	t.Helper()
	res, diags, err := build.New(build.Options{Content: corpustest.Write(t, shippedContent, n)}).Site()
	if err != nil || len(diags) > 0 {
		t.Fatalf("building %d generated notes: %v %v", n, err, diags)
	}
	return res
}

var update = flag.Bool("update", false, "rewrite testdata/shipped-index.sha256")

// The shipped dossier's index, manifest and every shard, is the one
// testdata/shipped-index.sha256 records: a change to how the index is cut
// into words, scored or written shows here even when the round trip
// above still holds. After a change to the shipped content or to the
// index's format, rewrite it with -update and say why in the commit.
func TestShippedIndexIsGolden(t *testing.T) {
	idx := search.IndexOf(shippedSite(t).Index)
	h := sha256.New()
	h.Write(idx.Manifest)
	for _, name := range slices.Sorted(maps.Keys(idx.Shards)) {
		fmt.Fprintf(h, "\n%s %d\n", name, len(idx.Shards[name]))
		h.Write(idx.Shards[name])
	}
	got := fmt.Sprintf("%x %d shards\n", h.Sum(nil), len(idx.Shards))
	const golden = "testdata/shipped-index.sha256"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("the shipped dossier's index is %s, want %s (rewrite with -update if the change is meant)", strings.TrimSpace(got), strings.TrimSpace(string(want)))
	}
}
