package resolve_test

import (
	"fmt"
	"os"
	"testing"

	"github.com/dossier-dev/dossier/internal/corpus/corpustest"
	"github.com/dossier-dev/dossier/internal/load"
	"github.com/dossier-dev/dossier/internal/markdown"
	"github.com/dossier-dev/dossier/internal/parallel"
	"github.com/dossier-dev/dossier/internal/passage"
	"github.com/dossier-dev/dossier/internal/resolve"
	"github.com/dossier-dev/dossier/internal/site"
)

// dossier is a generated corpus as the build hands it to Resolve.
type dossier struct {
	dir     string
	content *site.Content
	parsed  []*resolve.Parsed
	md      *markdown.Markdown
}

// generate writes a synthetic corpus of n notes and loads it.
func generate(tb testing.TB, n int) *dossier {
	tb.Helper()
	return loadDossier(tb, corpustest.Write(tb, "../../content", n), nil)
}

// loadDossier loads the content folder dir, cleans its sources and
// parses its Markdown, as internal/build does: the documents are new
// values, but the AST of a body that last has too is last's.
func loadDossier(tb testing.TB, dir string, last *dossier) *dossier {
	tb.Helper()
	c, diags := load.Load(os.DirFS(dir), dir)
	if len(diags) > 0 {
		tb.Fatal(diags)
	}
	for _, s := range c.Sources {
		s.Normalised = passage.Normalise(s.Body, s.Rules)
	}
	d := &dossier{dir: dir, content: c, md: markdown.New(), parsed: resolve.Documents(c)}
	trees := map[string]*resolve.Tree{}
	if last != nil {
		for _, p := range last.parsed {
			trees[p.Doc.Path+"\x00"+p.Doc.Body] = p.Tree
		}
	}
	parallel.For(len(d.parsed), func(i int) {
		p := d.parsed[i]
		if p.Tree = trees[p.Doc.Path+"\x00"+p.Doc.Body]; p.Tree == nil {
			p.Tree = resolve.ParsedTree(d.md.Parse(p.Src), nil)
		}
	})
	return d
}

// renew makes every document a new value with the same strings, slices
// and AST, as the builder's next build hands them to Resolve (see
// load.LoadCached).
func (d *dossier) renew() {
	c := *d.content
	c.Sources = renewed(c.Sources)
	c.Notes = renewed(c.Notes)
	c.Themes = renewed(c.Themes)
	c.Entities = renewed(c.Entities)
	parsed := resolve.Documents(&c)
	for i, p := range parsed {
		p.Src, p.Tree = d.parsed[i].Src, d.parsed[i].Tree
	}
	d.content, d.parsed = &c, parsed
}

func renewed[T any](docs []*T) []*T {
	out := make([]*T, len(docs))
	for i, doc := range docs {
		copied := *doc
		out[i] = &copied
	}
	return out
}

// edit replaces the body of note i, as a save in the editor does, and
// parses it again.
func (d *dossier) edit(i int, body string) {
	n := d.content.Notes[i]
	n.Body = body
	for _, p := range d.parsed {
		if p.Doc == &n.Doc {
			p.Src = []byte(body)
			p.Tree = resolve.ParsedTree(d.md.Parse(p.Src), nil)
		}
	}
}

func BenchmarkResolve(b *testing.B) {
	for _, n := range []int{10000} {
		b.Run(fmt.Sprintf("notes=%d", n), func(b *testing.B) {
			d := generate(b, n)
			b.ReportAllocs()
			for b.Loop() {
				if _, diags := resolve.Resolve(d.content, d.parsed, nil); len(diags) > 0 {
					b.Fatal(diags)
				}
			}
		})
	}
}

// BenchmarkResolveEdit measures what dossier serve does after a note is
// saved: resolve again, with the cache of the builds before, documents
// that are new values but for the note the same text and AST.
func BenchmarkResolveEdit(b *testing.B) {
	for _, n := range []int{10000} {
		b.Run(fmt.Sprintf("notes=%d", n), func(b *testing.B) {
			d := generate(b, n)
			cache := resolve.NewCache()
			if _, diags := resolve.Resolve(d.content, d.parsed, cache); len(diags) > 0 {
				b.Fatal(diags)
			}
			original := d.content.Notes[n/2].Body
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				b.StopTimer()
				i++
				d.renew()
				d.edit(n/2, original+fmt.Sprintf("\nEdit %d.\n", i))
				b.StartTimer()
				if _, diags := resolve.Resolve(d.content, d.parsed, cache); len(diags) > 0 {
					b.Fatal(diags)
				}
			}
		})
	}
}
