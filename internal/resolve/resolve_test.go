package resolve

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/dossier-dev/dossier/internal/load"
	"github.com/dossier-dev/dossier/internal/markdown"
	"github.com/dossier-dev/dossier/internal/passage"
	"github.com/dossier-dev/dossier/internal/site"
)

// fixture is a small dossier: one source with three passages, a theme, an
// entity and whatever notes a test adds.
func fixture(notes ...*site.Note) *site.Content {
	src := &site.Source{
		Doc:  site.Doc{Slug: "comillas-2015", Path: "content/sources/comillas-2015.txt", BodyLine: 12},
		Meta: site.SourceMeta{Title: "Russia and Afghanistan", Cite: "Comillas 2015"},
		Normalised: site.Normalised{Passages: []site.Passage{
			{ID: "p-1", Number: 1, Text: "The Russian 201st army base in Tajikistan is the largest grouping of Russian armed forces outside of the borders of the Russian Federation."},
			{ID: "p-2", Number: 2, Text: "Russia lies on one of the principal routes for the trafficking of drugs from Afghanistan."},
			{ID: "p-3", Number: 3, Text: "The CSTO held exercises; trafficking of drugs was discussed by the CSTO in Sochi in cross-border terms."},
		}},
	}
	theme := &site.Theme{Doc: site.Doc{Slug: "drugs", Path: "content/themes/drugs.md", BodyLine: 5}, Title: "Drugs",
		Terms: []site.Term{{Text: "trafficking of drugs"}, {Text: "/hero(in|es)/"}}}
	entity := &site.Entity{Doc: site.Doc{Slug: "russia", Path: "content/entities/russia.md", BodyLine: 4}, Title: "Russia", Aliases: []string{"Russian Federation"}}
	return &site.Content{
		Config:   site.Config{Themes: []string{"drugs"}},
		Sources:  []*site.Source{src},
		Themes:   []*site.Theme{theme},
		Entities: []*site.Entity{entity},
		Notes:    notes,
	}
}

func note(slug, body string) *site.Note {
	return &site.Note{Doc: site.Doc{Slug: slug, Path: "content/notes/" + slug + ".md", Body: body, BodyLine: 6}, Title: "Note " + slug}
}

func resolveAll(t *testing.T, c *site.Content) (*Index, site.Diagnostics) {
	t.Helper()
	md := markdown.New()
	var parsed []*Parsed
	for _, n := range c.Notes {
		parsed = append(parsed, &Parsed{Kind: KindNote, Doc: &n.Doc, Src: []byte(n.Body), Tree: ParsedTree(md.Parse([]byte(n.Body)), nil)})
	}
	idx, diags := Resolve(c, parsed, nil)
	diags.Sort()
	return idx, diags
}

func TestResolveErrors(t *testing.T) {
	tests := []struct {
		name string
		body string
		want string
	}{
		{
			name: "quote not found suggests the closest passage words",
			body: "Intro.\n\nThe base is [[comillas-2015#\"largest group of Russian forces\"]].\n",
			want: `content/notes/x.md:8:13: quote not found in comillas-2015: "largest group of Russian forces" (closest: "largest grouping of Russian armed forces" in ¶1)`,
		},
		{
			name: "quote in two passages lists their numbers",
			body: "Drugs: [[comillas-2015#\"trafficking of drugs\"]].\n",
			want: `content/notes/x.md:6:8: quote ambiguous in comillas-2015: "trafficking of drugs" is in ¶2, ¶3; quote more words`,
		},
		{
			name: "unknown slug says what was meant",
			body: "See [[comillas2015]].\n",
			want: `content/notes/x.md:6:5: unknown link target "comillas2015" (did you mean "comillas-2015"?)`,
		},
		{
			name: "malformed wikilink",
			body: "Broken [[comillas-2015#\"no end]] here.\n",
			want: `content/notes/x.md:6:8: malformed wikilink: unterminated quote`,
		},
		{
			name: "a note embedding itself is a cycle",
			body: "Intro.\n\n![[x]]\n",
			want: `content/notes/x.md:8:1: x embeds itself`,
		},
		{
			name: "only notes and quoted words embed",
			body: "![[drugs]]\n",
			want: `content/notes/x.md:6:1: cannot embed "drugs", which is a theme: embed a note, or quoted words of a source`,
		},
		{
			name: "a credibility outside 1-6",
			body: "See [[comillas-2015#\"largest grouping\" (9)]].\n",
			want: `content/notes/x.md:6:5: malformed wikilink: credibility must be 1 to 6`,
		},
		{
			name: "a quote must cite a source",
			body: "[[drugs#\"trafficking\"]]\n",
			want: `content/notes/x.md:6:1: quote citation of "drugs", which is a theme: quotes cite sources`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := resolveAll(t, fixture(note("x", tt.body)))
			if len(diags) != 1 || diags[0].Error() != tt.want {
				t.Fatalf("diagnostics:\n%v\nwant:\n%s", diags.Error(), tt.want)
			}
		})
	}
}

func TestThemeGivenTwiceListsTheNoteOnce(t *testing.T) {
	n := note("x", "Body.\n")
	n.Themes = []site.Ref{{Slug: "drugs"}, {Slug: "drugs"}}
	idx, diags := resolveAll(t, fixture(n, note("y", "Body.\n")))
	if len(diags) > 0 {
		t.Fatal(diags.Error())
	}
	if got := idx.NotesOfTheme("drugs"); len(got) != 1 || got[0] != n {
		t.Errorf("notes of drugs = %v, want x once", got)
	}
}

func TestUnknownThemeInNoteAndEvent(t *testing.T) {
	n := note("x", "Body.\n")
	n.Themes = []site.Ref{{Slug: "drug", Pos: site.Pos{Path: n.Path, Line: 3, Col: 10}}}
	n.Events = []site.Event{{
		Date: "2013", Text: "Sochi meeting.", Cite: `[[comillas-2015#"discussed by the CSTO in Sochi"]]`,
		Themes:  []site.Ref{{Slug: "csto", Pos: site.Pos{Path: n.Path, Line: 4, Col: 15}}},
		CitePos: site.Pos{Path: n.Path, Line: 4, Col: 30},
	}}
	_, diags := resolveAll(t, fixture(n))
	want := `content/notes/x.md:3:10: unknown theme "drug" (did you mean "drugs"?)
content/notes/x.md:4:15: unknown theme "csto"`
	if diags.Error() != want {
		t.Fatalf("diagnostics:\n%s\nwant:\n%s", diags.Error(), want)
	}
}

func TestEveryErrorInOneRun(t *testing.T) {
	body := "[[nowhere]] and [[comillas-2015#\"not in the text\"]]\n\n[[comillas-2015#\"trafficking of drugs\"]]\n"
	_, diags := resolveAll(t, fixture(note("x", body), note("y", "[[also-nowhere]]\n")))
	if len(diags) != 4 {
		t.Fatalf("got %d diagnostics, want 4:\n%s", len(diags), diags.Error())
	}
	for i, prefix := range []string{"content/notes/x.md:6:1:", "content/notes/x.md:6:17:", "content/notes/x.md:8:1:", "content/notes/y.md:6:1:"} {
		if !strings.HasPrefix(diags[i].Error(), prefix) {
			t.Errorf("diagnostic %d = %q, want prefix %q", i, diags[i].Error(), prefix)
		}
	}
}

func TestCitationsBacklinksThemesAndMentions(t *testing.T) {
	a := note("a", "The base is [[comillas-2015#\"largest  grouping of Russian\narmed forces\"]]. See [[b]].\n")
	b := note("b", "Drugs come [[comillas-2015#\"principal routes for the trafficking\"|north]].\n")
	idx, diags := resolveAll(t, fixture(a, b))
	if len(diags) > 0 {
		t.Fatal(diags.Error())
	}
	src := idx.Content.Sources[0]
	cites := idx.CitationsOf(src, 0)
	if len(cites) != 1 || cites[0].From.Slug != "a" {
		t.Fatalf("citations of ¶1 = %v, want one from a", cites)
	}
	quoted := src.Passages[0].Text[cites[0].Quote.Start:cites[0].Quote.End]
	if quoted != "largest grouping of Russian armed forces" {
		t.Errorf("quoted range = %q", quoted)
	}
	if got := cites[0].Sentence(); got != "The base is “largest grouping of Russian armed forces”." {
		t.Errorf("citing sentence = %q", got)
	}
	if bl := idx.Backlinks("b"); len(bl) != 1 || bl[0].Slug != "a" {
		t.Errorf("backlinks of b = %v, want a", bl)
	}
	if bl := idx.Backlinks("comillas-2015"); len(bl) != 2 {
		t.Errorf("backlinks of the source = %v, want a and b", bl)
	}
	for slug, want := range map[string][]string{"a": {"comillas-2015", "b"}, "b": {"comillas-2015"}, "comillas-2015": nil} {
		var got []string
		for _, l := range idx.Links(slug) {
			got = append(got, l.Slug)
		}
		if !slices.Equal(got, want) {
			t.Errorf("links of %s = %q, want %q", slug, got, want)
		}
	}
	matches := idx.ThemeMatches("drugs")
	if len(matches) != 2 || matches[0].Passage != 1 || matches[1].Passage != 2 {
		t.Fatalf("drugs matches = %+v, want ¶2 and ¶3", matches)
	}
	if got := matches[0].Terms; len(got) != 1 || got[0] != "trafficking of drugs" {
		t.Errorf("terms = %v", got)
	}
	mentions := idx.Mentions("russia")
	if len(mentions) != 2 {
		t.Errorf("mentions of Russia = %d, want 2: the Russian Federation and Russia, not Russian", len(mentions))
	}
}

func TestFoldMatchesAcrossTypography(t *testing.T) {
	tests := []struct{ quote, text string }{
		{"cross-border", "in crossborder terms"},
		{"cross-border", "in cross- border terms"},
		{"“weakest link”", `the "weakest link" in`},
		{"Russia’s", "RUSSIA'S"},
		{"a – b", "a-b"},
		{"two  words", "two\nwords"},
	}
	for _, tt := range tests {
		q, text := foldString(tt.quote), foldString(tt.text)
		if !strings.Contains(text, q) {
			t.Errorf("fold(%q) = %q not in fold(%q) = %q", tt.quote, q, tt.text, text)
		}
	}
	folded, offsets := fold("Ab – “c”")
	if string(folded) != `ab"c"` || len(offsets) != len(folded)+1 {
		t.Errorf("fold = %q with %d offsets", folded, len(offsets))
	}
}

// BenchmarkResolveQuotes looks up every quote the shipped notes cite, by
// the suffix array over the folded passages of their source.
func BenchmarkResolveQuotes(b *testing.B) {
	c, diags := load.Load(os.DirFS("../../content"), "content")
	if len(diags) > 0 {
		b.Fatal(diags)
	}
	indexes := map[string]*quoteIndex{}
	for _, s := range c.Sources {
		s.Normalised = passage.Normalise(s.Body, s.Rules)
		indexes[s.Slug] = newQuoteIndex(s)
	}
	type cite struct{ source, quote string }
	var cites []cite
	for _, n := range c.Notes {
		for _, m := range quoteLink.FindAllStringSubmatch(n.Body, -1) {
			cites = append(cites, cite{m[1], m[2]})
		}
	}
	if len(cites) == 0 {
		b.Fatal("no quote citations in the shipped notes")
	}
	for b.Loop() {
		for _, c := range cites {
			if len(indexes[c.source].find(c.quote)) != 1 {
				b.Fatalf("%s: %q not found once", c.source, c.quote)
			}
		}
	}
	b.ReportMetric(float64(len(cites)), "quotes/op")
}

var quoteLink = regexp.MustCompile(`\[\[([a-z0-9-]+)#"([^"\]]+)"`)

// A note's title and body read as one text: a name may begin in one and
// end in the other.
func TestNoteNameAcrossTitleAndBody(t *testing.T) {
	across := note("across", "Federation forces.\n")
	across.Title = "Moves of the Russian"
	apart := note("apart", "Russian forces; the federation.\n")
	idx, diags := resolveAll(t, fixture(across, apart))
	if len(diags) > 0 {
		t.Fatal(diags.Error())
	}
	if got := idx.NoteMentions("russia"); len(got) != 1 || got[0] != across {
		t.Errorf("notes naming Russia = %v, want the one whose title and body say Russian Federation", got)
	}
}

// Links are what Resolve found for each wikilink, by its Index. A later
// Resolve of the same ASTs, as the next build under serve makes while the
// last build's pages are still served, gives its documents their own
// links and leaves the earlier ones as they were.
func TestLinksAreKeptOutOfTheAST(t *testing.T) {
	c := fixture(note("a", "See [[b]] and [[nowhere]].\n"), note("b", "No links.\n"))
	idx, diags := resolveAll(t, c)
	if len(diags) != 1 {
		t.Fatalf("diagnostics: %v", diags.Error())
	}
	a, b := idx.Parsed[0], idx.Parsed[1]
	if got := Links(a); len(got) != 2 || got[0] == nil || got[0].Href != "notes/b/index.html" || got[1] != nil {
		t.Errorf("links of a = %v, want b's page and nil", got)
	}
	if got := Links(b); got == nil || len(got) != 0 {
		t.Errorf("links of b = %#v, want an empty list", got)
	}

	next := fixture(c.Notes[0])
	again := &Parsed{Kind: KindNote, Doc: &next.Notes[0].Doc, Src: a.Src, Tree: a.Tree}
	if _, diags := Resolve(next, []*Parsed{again}, nil); len(diags) != 2 {
		t.Fatalf("diagnostics without b: %v", diags.Error())
	}
	if got := Links(again); len(got) != 2 || got[0] != nil || got[1] != nil {
		t.Errorf("links of a without b = %v, want two unresolved", got)
	}
	if got := Links(a); len(got) != 2 || got[0] == nil {
		t.Errorf("links of the earlier a = %v, want b's page still", got)
	}
}

// A citation's sentence is found when it is first asked for, not while
// resolving (serve's first pages show none), and then for every citation
// of its note at once; asked for on many goroutines at once, as the pages
// that show them are made, every caller gets the same sentence.
func TestSentencesAreFoundWhenAskedFor(t *testing.T) {
	a := note("a", "First [[comillas-2015#\"largest grouping of Russian\"]]. Then [[b|a note]] and [[comillas-2015#\"principal routes for the trafficking\"]].\n")
	idx, diags := resolveAll(t, fixture(a, note("b", "B.\n")))
	if len(diags) > 0 {
		t.Fatal(diags.Error())
	}
	cites := idx.CitationsBy("a")
	if len(cites) != 2 || cites[0].sentences == nil || cites[0].sentences != cites[1].sentences {
		t.Fatalf("citations of a = %v, want two sharing their note's sentences", cites)
	}
	if cites[0].sentences.found != nil {
		t.Error("the sentences were found while resolving")
	}
	want := []string{"First “largest grouping of Russian”.", "Then a note and “principal routes for the trafficking”."}
	var wg sync.WaitGroup
	for range 8 {
		for i, c := range cites {
			wg.Go(func() {
				if got := c.Sentence(); got != want[i] {
					t.Errorf("sentence %d = %q, want %q", i, got, want[i])
				}
			})
		}
	}
	wg.Wait()
}
