package load

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/internal/corpus"
)

// BenchmarkLoad measures a cold load of 10,000 notes, as dossier build
// does it.
func BenchmarkLoad(b *testing.B) {
	dir := generated(b, 10000)
	fsys := os.DirFS(dir)
	for b.Loop() {
		if _, diags := Load(fsys, dir); len(diags) > 0 {
			b.Fatal(diags)
		}
	}
}

// BenchmarkLoadCached measures a load of 10,000 notes after one of them
// changed, as dossier serve does it: with the cache of the load before
// and the path its watcher saw change.
func BenchmarkLoadCached(b *testing.B) {
	dir := generated(b, 10000)
	fsys := os.DirFS(dir)
	c := NewCache()
	if _, diags := LoadCached(fsys, dir, c); len(diags) > 0 {
		b.Fatal(diags)
	}
	rel := NotesDir + "/" + corpus.Slug(5000) + ".md"
	original, err := os.ReadFile(filepath.Join(dir, rel))
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		b.StopTimer()
		i++
		if err := os.WriteFile(filepath.Join(dir, rel), fmt.Appendf(original, "\nEdit %d.\n", i), 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		c.Forget(rel)
		if _, diags := LoadCached(fsys, dir, c); len(diags) > 0 {
			b.Fatal(diags)
		}
	}
}

// generated writes a synthetic corpus of n notes, dated an hour back so
// that a cache can trust every file's modification time at once.
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
	backdate(b, dir, time.Now().Add(-time.Hour))
	return dir
}
