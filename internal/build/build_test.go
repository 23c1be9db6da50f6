package build

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/dossier-dev/dossier/internal/corpus"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// fingerprint matches the content hash in asset names, which changes with
// every stylesheet edit and would churn the golden files.
var fingerprint = regexp.MustCompile(`(static/[a-z-]+)\.[0-9a-f]{10}\.`)

// TestGoldenPages renders the small content tree and compares pages that
// show every kind of rendering with reviewed copies.
func TestGoldenPages(t *testing.T) {
	res, diags, err := New(Options{Content: "../../testdata/site"}).Build()
	if err != nil || len(diags) > 0 {
		t.Fatalf("build: %v %v", err, diags)
	}
	for page, golden := range map[string]string{
		"sources/tynan-2013/index.html":  "source-annotated.html",
		"themes/bases/index.html":        "theme.html",
		"notes/border-aid/index.html":    "note.html",
		"entities/kyrgyzstan/index.html": "entity.html",
		"timeline/index.html":            "timeline.html",
	} {
		got := fingerprint.ReplaceAll(res.Files[page], []byte("$1.HASH."))
		path := filepath.Join("testdata", "golden", golden)
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

// TestRebuildEqualsFreshBuild builds, edits a note, rebuilds with the same
// Builder, and compares with a fresh build of the edited content.
func TestRebuildEqualsFreshBuild(t *testing.T) {
	dir := t.TempDir()
	c, err := corpus.New(corpus.Options{Shipped: "../../content", Notes: 30, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Write(dir); err != nil {
		t.Fatal(err)
	}
	b := New(Options{Content: dir})
	if _, diags, err := b.Build(); err != nil || len(diags) > 0 {
		t.Fatalf("build: %v %v", err, diags)
	}
	note := filepath.Join(dir, "notes", corpus.Slug(3)+".md")
	data, _ := os.ReadFile(note)
	edited := append(data, []byte("\nAn added line that links [[note-00004]].\n")...)
	if err := os.WriteFile(note, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	again, diags, err := b.Build()
	if err != nil || len(diags) > 0 {
		t.Fatalf("rebuild: %v %v", err, diags)
	}
	fresh, _, _ := New(Options{Content: dir}).Build()
	if len(again.Files) != len(fresh.Files) {
		t.Fatalf("rebuild has %d files, fresh build %d", len(again.Files), len(fresh.Files))
	}
	for p, want := range fresh.Files {
		if string(again.Files[p]) != string(want) {
			t.Errorf("%s differs between rebuild and fresh build", p)
		}
	}
}

func BenchmarkBuild(b *testing.B) {
	b.Run("shipped", func(b *testing.B) { benchmarkBuild(b, "../../content") })
	for _, n := range []int{1000, 10000} {
		b.Run(corpusName(n), func(b *testing.B) { benchmarkBuild(b, generated(b, n)) })
	}
}

func benchmarkBuild(b *testing.B, content string) {
	for b.Loop() {
		if _, diags, err := New(Options{Content: content}).Build(); err != nil || len(diags) > 0 {
			b.Fatal(err, diags)
		}
	}
}

// BenchmarkIncrementalEdit measures a rebuild after one note changed,
// with the Builder that did the first build.
func BenchmarkIncrementalEdit(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(corpusName(n), func(b *testing.B) {
			dir := generated(b, n)
			builder := New(Options{Content: dir})
			if _, diags, err := builder.Build(); err != nil || len(diags) > 0 {
				b.Fatal(err, diags)
			}
			note := filepath.Join(dir, "notes", corpus.Slug(n/2)+".md")
			original, _ := os.ReadFile(note)
			b.Cleanup(func() { os.WriteFile(note, original, 0o644) })
			i := 0
			for b.Loop() {
				i++
				os.WriteFile(note, append(original, []byte(fmt.Sprintf("\nEdit %d.\n", i))...), 0o644)
				if _, diags, err := builder.Build(); err != nil || len(diags) > 0 {
					b.Fatal(err, diags)
				}
			}
		})
	}
}

func corpusName(n int) string { return fmt.Sprintf("notes=%d", n) }

// generated writes a synthetic corpus of n notes.
func generated(b *testing.B, n int) string {
	b.Helper()
	dir := b.TempDir()
	c, err := corpus.New(corpus.Options{Shipped: "../../content", Notes: n, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	if err := c.Write(dir); err != nil {
		b.Fatal(err)
	}
	return dir
}
