package load

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/dossier-dev/dossier/internal/corpus"
	"github.com/dossier-dev/dossier/internal/corpus/corpustest"
)

// BenchmarkLoad measures a cold load of 10,000 notes, as dossier build
// does it.
func BenchmarkLoad(b *testing.B) {
	dir := corpustest.Write(b, "../../content", 10000)
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
	dir := corpustest.Write(b, "../../content", 10000)
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
