package build

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/dossier-dev/dossier/internal/corpus"
	"github.com/dossier-dev/dossier/internal/corpus/corpustest"
	"github.com/dossier-dev/dossier/internal/output"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// fingerprint matches the content hash in asset names, which changes with
// every stylesheet edit and would churn the golden files.
var fingerprint = regexp.MustCompile(`(static/[a-z-]+)\.[0-9a-f]{10}\.`)

// goldenPages maps a page of the small content tree to its golden file
// and the page template that renders it. Every page template has one.
var goldenPages = map[string]struct{ golden, template string }{
	"index.html":                     {"index.html", "index.html"},
	"sources/tynan-2013/index.html":  {"source-annotated.html", "source.html"},
	"themes/bases/index.html":        {"theme.html", "theme.html"},
	"notes/border-aid/index.html":    {"note.html", "note.html"},
	"entities/kyrgyzstan/index.html": {"entity.html", "entity.html"},
	"timeline/index.html":            {"timeline.html", "timeline.html"},
	"notes/index.html":               {"list.html", "list.html"},
	"search/index.html":              {"search.html", "search.html"},
	"changes/index.html":             {"changes.html", "changes.html"},
	"graph/index.html":               {"graph.html", "graph.html"},
	"evidence/index.html":            {"evidence.html", "evidence.html"},
	"print/index.html":               {"print.html", "print.html"},
	"404.html":                       {"404.html", "404.html"},
}

// TestGoldenPagesCoverTemplates fails when a page template is added
// without a golden page in goldenPages. base.html and partials.html only
// define blocks that the page templates use.
func TestGoldenPagesCoverTemplates(t *testing.T) {
	files, err := filepath.Glob("../../templates/*.html")
	if err != nil || len(files) == 0 {
		t.Fatalf("no templates: %v", err)
	}
	covered := map[string]bool{"base.html": true, "partials.html": true}
	for _, g := range goldenPages {
		covered[g.template] = true
	}
	for _, f := range files {
		if !covered[filepath.Base(f)] {
			t.Errorf("templates/%s has no golden page: add one to goldenPages and run go test ./internal/build -update -run Golden", filepath.Base(f))
		}
	}
}

// TestGoldenPages renders the small content tree and compares one page
// of each page template with a reviewed copy.
func TestGoldenPages(t *testing.T) {
	res, diags, err := New(Options{Content: "../../testdata/site"}).Build()
	if err != nil || len(diags) > 0 {
		t.Fatalf("build: %v %v", err, diags)
	}
	for page, g := range goldenPages {
		if res.Files[page] == nil {
			t.Errorf("the build has no %s", page)
			continue
		}
		got := fingerprint.ReplaceAll(res.Files[page], []byte("$1.HASH."))
		path := filepath.Join("testdata", "golden", g.golden)
		if *update {
			os.MkdirAll(filepath.Dir(path), 0o755)
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if string(got) != string(want) {
			t.Errorf("%s differs from %s; run go test ./internal/build -update and review the diff", page, path)
		}
	}
}

// TestRebuildEqualsFreshBuild edits a note, a theme, a template, a
// stylesheet and a source, rebuilding after each with the same Builder
// told which file changed, and compares every file with a fresh build of
// the edited content. It also checks that a one-note edit re-renders a
// few pages, not the site.
func TestRebuildEqualsFreshBuild(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	c, err := corpus.New(corpus.Options{Shipped: "../../content", Notes: 30, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Write(content); err != nil {
		t.Fatal(err)
	}
	opts := Options{Content: content, Templates: filepath.Join(dir, "templates"), Static: filepath.Join(dir, "static")}
	b := New(opts)
	first, diags, err := b.Build()
	if err != nil || len(diags) > 0 {
		t.Fatalf("build: %v %v", err, diags)
	}
	edits := []struct {
		name, file, text string
		appendText       bool
		maxPages         int
	}{
		{"note", "content/notes/note-00003.md", "\nAn added line that links [[note-00004]].\n", true, 6},
		{"note title", "content/notes/note-00005.md", "", false, 0},
		{"theme", "content/themes/drugs.md", "\nA further paragraph of overview.\n", true, 0},
		{"template", "templates/note.html", "{{define \"main\"}}<article>{{.Title}}</article>{{end}}", false, 0},
		{"stylesheet", "static/style.css", "body { color: black; }\n", false, 0},
		{"source", "content/sources/tynan-2013.txt", "\nA closing line added to the source.\n", true, 0},
	}
	for _, e := range edits {
		path := filepath.Join(dir, filepath.FromSlash(e.file))
		data, _ := os.ReadFile(path)
		switch {
		case e.appendText:
			data = append(data, e.text...)
		case e.name == "note title":
			data = []byte(strings.Replace(string(data), "title: \"Generated note 5", "title: \"Renamed note 5", 1))
		default:
			data = []byte(e.text)
		}
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		// The rebuild is told what changed, as dossier serve tells it.
		again, diags, err := b.buildAfter([]string{path})
		if err != nil || len(diags) > 0 {
			t.Fatalf("%s: rebuild: %v %v", e.name, err, diags)
		}
		fresh, diags, err := New(opts).Build()
		if err != nil || len(diags) > 0 {
			t.Fatalf("%s: fresh build: %v %v", e.name, err, diags)
		}
		if len(again.Files) != len(fresh.Files) {
			t.Errorf("%s: rebuild has %d files, fresh build %d", e.name, len(again.Files), len(fresh.Files))
		}
		for p, want := range fresh.Files {
			if string(again.Files[p]) != string(want) {
				t.Errorf("%s: %s differs between rebuild and fresh build", e.name, p)
			}
		}
		if e.maxPages > 0 && again.Rendered.Pages > e.maxPages {
			t.Errorf("%s: rebuild rendered %d pages, want at most %d of %d", e.name, again.Rendered.Pages, e.maxPages, first.Rendered.Pages)
		}
	}
}

// BenchmarkBuild measures a one-shot build of the shipped dossier and of
// generated ones, or, with DOSSIER_BENCH_CONTENT set, of that content
// folder (for the independent corpus of /work/shared/perf/gencorpus):
//
//	DOSSIER_BENCH_CONTENT=<content> go test ./internal/build -run XXX -bench 'Build/content' -benchmem
func BenchmarkBuild(b *testing.B) {
	if dir := os.Getenv("DOSSIER_BENCH_CONTENT"); dir != "" {
		b.Run("content", func(b *testing.B) { benchmarkBuild(b, dir) })
		return
	}
	b.Run("shipped", func(b *testing.B) { benchmarkBuild(b, "../../content") })
	for _, n := range []int{1000, 10000} {
		b.Run(corpusName(n), func(b *testing.B) { benchmarkBuild(b, corpustest.Write(b, "../../content", n)) })
	}
}

// benchmarkBuild builds as dossier build does: once, streaming the files
// (here to nowhere, so that the disk is not measured).
func benchmarkBuild(b *testing.B, content string) {
	for b.Loop() {
		if _, diags, err := New(Options{Content: content, OneShot: true}).BuildTo(discard{}); err != nil || len(diags) > 0 {
			b.Fatal(err, diags)
		}
	}
}

// discard is a sink that keeps nothing.
type discard struct{}

func (discard) Put(string, []byte) error                           { return nil }
func (discard) Stream(_ string, write func(io.Writer) error) error { return write(io.Discard) }

// BenchmarkIncrementalEdit measures what dossier serve does after one
// note is saved: a rebuild with the Builder that did the first build,
// told which file changed, and the edited note's page rendered.
func BenchmarkIncrementalEdit(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(corpusName(n), func(b *testing.B) {
			dir := corpustest.Write(b, "../../content", n)
			builder := New(Options{Content: dir})
			if _, diags, err := builder.Site(); err != nil || len(diags) > 0 {
				b.Fatal(err, diags)
			}
			slug := corpus.Slug(n / 2)
			note, page := filepath.Join(dir, "notes", slug+".md"), "notes/"+slug+"/index.html"
			original, _ := os.ReadFile(note)
			b.Cleanup(func() { os.WriteFile(note, original, 0o644) })
			i := 0
			for b.Loop() {
				i++
				edit := fmt.Sprintf("Edit %d.", i)
				os.WriteFile(note, fmt.Appendf(slices.Clone(original), "\n%s\n", edit), 0o644)
				res, diags, err := builder.SiteAfter([]string{note})
				if err != nil || len(diags) > 0 {
					b.Fatal(err, diags)
				}
				if html, err := res.Site.File(page); err != nil || !bytes.Contains(html, []byte(edit)) {
					b.Fatalf("the note page lacks the edit: %v", err)
				}
			}
		})
	}
}

func corpusName(n int) string { return fmt.Sprintf("notes=%d", n) }

// A one-shot build streams its pages and renders the print edition's
// notes a few ahead of its template; it must make the same site as a
// build that remembers its pages, on the shipped dossier and on one with
// more notes than the read-ahead's window.
func TestOneShotEqualsRememberedBuild(t *testing.T) {
	for name, content := range map[string]string{
		"shipped":   "../../content",
		"generated": corpustest.Write(t, "../../content", 120),
	} {
		t.Run(name, func(t *testing.T) {
			remembered, diags, err := New(Options{Content: content}).Build()
			if err != nil || len(diags) > 0 {
				t.Fatalf("build: %v %v", err, diags)
			}
			got := &collect{files: output.Files{}}
			if _, diags, err := New(Options{Content: content, OneShot: true}).BuildTo(got); err != nil || len(diags) > 0 {
				t.Fatalf("one-shot build: %v %v", err, diags)
			}
			if len(got.files) != len(remembered.Files) {
				t.Errorf("one-shot build made %d files, remembered build %d", len(got.files), len(remembered.Files))
			}
			for p, want := range remembered.Files {
				if !bytes.Equal(got.files[p], want) {
					t.Errorf("%s differs between the one-shot and the remembered build", p)
				}
			}
			if got.streamed == 0 {
				t.Error("the one-shot build streamed no page")
			}
		})
	}
}

// collect is a sink that keeps what it is given and counts the streams.
type collect struct {
	mu       sync.Mutex
	files    output.Files
	streamed int
}

func (c *collect) Put(p string, data []byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.files[p] = data
	return nil
}

func (c *collect) Stream(p string, write func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	c.mu.Lock()
	c.streamed++
	c.mu.Unlock()
	return c.Put(p, buf.Bytes())
}

// BuildTo calls Options.Rendering once, when it has read the content and
// before it makes the first file, and not at all when the content does
// not build.
func TestBuildToCallsRenderingBetweenThePhases(t *testing.T) {
	calls := 0
	got := &filesBefore{}
	opts := Options{Content: "../../content", OneShot: true, Rendering: func() {
		got.mu.Lock()
		defer got.mu.Unlock()
		calls++
		got.before = len(got.files)
	}}
	if _, diags, err := New(opts).BuildTo(got); err != nil || len(diags) > 0 {
		t.Fatal(err, diags)
	}
	if calls != 1 || got.before != 0 || len(got.files) == 0 {
		t.Errorf("Rendering called %d times, with %d of %d files made before it; want once, before any", calls, got.before, len(got.files))
	}

	calls = 0
	broken := t.TempDir()
	if err := os.MkdirAll(filepath.Join(broken, "notes"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(broken, "notes", "bad.md"), []byte("---\ntitle: [unclosed\n---\nText.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	opts.Content = broken
	if _, diags, _ := New(opts).BuildTo(got); len(diags) == 0 {
		t.Fatal("a note with broken front matter built")
	}
	if calls != 0 {
		t.Errorf("Rendering called %d times for content that does not build", calls)
	}
}

// filesBefore is a sink that counts the files it is given.
type filesBefore struct {
	mu     sync.Mutex
	files  []string
	before int
}

func (f *filesBefore) Put(p string, _ []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.files = append(f.files, p)
	return nil
}

func (f *filesBefore) Stream(p string, write func(io.Writer) error) error {
	if err := write(io.Discard); err != nil {
		return err
	}
	return f.Put(p, nil)
}
