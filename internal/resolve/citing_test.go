package resolve

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dossier-dev/dossier/internal/markdown"
	"github.com/dossier-dev/dossier/internal/wikilink"
)

func TestCitingSentences(t *testing.T) {
	const (
		base   = `[[comillas-2015#"largest grouping"]]`
		routes = `[[comillas-2015#"principal routes"|the routes]]`
		csto   = `[[comillas-2015#"CSTO held exercises"]]`
	)
	tests := []struct {
		name, body string
		want       []string
	}{
		{
			name: "three sentences, one citation each",
			body: "First " + base + ". Second " + routes + "! Third *emphasis* `code` " + csto + "? Last.\n",
			want: []string{
				"First “largest grouping”.",
				"Second the routes!",
				"Third emphasis code “CSTO held exercises”?",
			},
		},
		{
			name: "one sentence, several citations",
			body: "Before. One " + base + " and " + routes + " and " + csto + " too. After.\n",
			want: slices.Repeat([]string{"One “largest grouping” and the routes and “CSTO held exercises” too."}, 3),
		},
		{
			name: "line breaks read as spaces",
			body: "The base\nis " + base + ".\nThe\nroutes " + routes + ".\n",
			want: []string{"The base is “largest grouping”.", "The routes the routes."},
		},
		{
			name: "paragraphs, list items and quotes apart",
			body: "Para " + base + ".\n\n- Item " + routes + ". Next.\n\n> Quoted " + csto + "\n",
			want: []string{"Para “largest grouping”.", "Item the routes.", "Quoted “CSTO held exercises”"},
		},
		{
			name: "a citation right after a full stop",
			body: "Done." + base + " more. Then " + routes + ".\n",
			want: []string{"Done.“largest grouping” more.", "Then the routes."},
		},
		{
			name: "a citation opening the paragraph and one closing it",
			body: base + " opens. Closes " + routes + "\n",
			want: []string{"“largest grouping” opens.", "Closes the routes"},
		},
		{
			name: "a heading and an unresolved link in the sentence",
			body: "# Heading " + base + ". Two\n\nSee [[nowhere]] and " + routes + ".\n",
			want: []string{"Heading “largest grouping”.", "See nowhere and the routes."},
		},
		{
			name: "a wikilink in code is read as its text",
			body: "Code `[[b]]` then " + base + ". End.\n",
			want: []string{"Code Note b then “largest grouping”."},
		},
		{
			name: "footnote references dropped, links by their text and titles, quotes curled",
			body: "The \"base\"[^1] of [the ISAS](https://example.org/a) and [[b]] is " + base + ".\n\n[^1]: A note.\n",
			want: []string{"The “base” of the ISAS and Note b is “largest grouping”."},
		},
		{
			name: "full stops without a space do not end a sentence",
			body: "Version 1.2 of it. The e.g.,text " + base + "... yes.Fine " + routes + ". Two.\n",
			want: []string{"The e.g.,text “largest grouping”...", "yes.Fine the routes."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			idx, _ := resolveAll(t, fixture(note("x", tt.body), note("b", "B.\n")))
			var got []string
			for _, c := range idx.Citations {
				got = append(got, c.Sentence())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("sentences:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// BenchmarkCitingSentences resolves one note whose one paragraph holds
// many citations, a few to a sentence: finding each citation's sentence
// must not take time in proportion to the paragraph.
func BenchmarkCitingSentences(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("citations=%d", n), func(b *testing.B) {
			var body strings.Builder
			for i := range n {
				fmt.Fprintf(&body, "Claim %d rests on [[comillas-2015#\"largest grouping\"|the base]]", i)
				if i%3 == 2 {
					body.WriteString(". ")
				} else {
					body.WriteString(" and ")
				}
			}
			body.WriteString("end.\n")
			c := fixture(note("x", body.String()))
			p := &Parsed{Kind: KindNote, Doc: &c.Notes[0].Doc, Src: []byte(c.Notes[0].Body)}
			p.Tree = ParsedTree(markdown.New().Parse(p.Src), nil)
			b.ReportAllocs()
			for b.Loop() {
				idx, diags := Resolve(c, []*Parsed{p}, nil)
				if len(diags) > 0 || len(idx.Citations) != n {
					b.Fatalf("%d citations, diagnostics %v", len(idx.Citations), diags)
				}
			}
		})
	}
}

func TestLineColsCountsOnAsLineColCounts(t *testing.T) {
	src := []byte("ab [[x]]\n\nКŭ [[y]] é\n[[z]]\xe2\x80[[w]]\n\n")
	var offsets []int
	for i := range len(src) + 2 {
		if i >= len(src) || utf8.RuneStart(src[i]) {
			offsets = append(offsets, i)
		}
	}
	// In order, as lookupAll asks; then some going back.
	asked := append(slices.Clone(offsets), 12, 3, 0, -1, 20)
	l := lineCols{src: src, line: 1}
	for _, offset := range asked {
		line, col := l.at(offset)
		wantLine, wantCol := wikilink.LineCol(src, offset)
		if line != wantLine || col != wantCol {
			t.Errorf("offset %d: %d:%d, want %d:%d", offset, line, col, wantLine, wantCol)
		}
	}
}
