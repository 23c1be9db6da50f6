package serve

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/internal/build"
	"github.com/dossier-dev/dossier/internal/watch"
)

// BenchmarkEditToReload measures, on a copy of the shipped dossier
// (../../content, or the folder DOSSIER_BENCH_CONTENT names, e.g. a corpus
// from go run ./cmd/corpus), the time from writing a note to the reload event
// reaching a connected page over the event stream: watcher batching,
// rebuild, diff and delivery. It reports the median and the 90th
// percentile; ns/op is their mean.
//
//	go test -run '^$' -bench EditToReload -benchtime 30x ./internal/serve
func BenchmarkEditToReload(b *testing.B) {
	dir := b.TempDir()
	content := cmp.Or(os.Getenv("DOSSIER_BENCH_CONTENT"), "../../content")
	copyTree(b, content, filepath.Join(dir, "content"))
	opts := build.Options{Content: filepath.Join(dir, "content")} // built-in templates and static
	s := New(opts, io.Discard, io.Discard)
	b.Cleanup(s.Close)
	if s.Rebuild(nil); !s.Healthy() {
		b.Skip("the shipped content does not build; nothing to measure")
	}
	w, err := watch.New(s.Roots())
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Watch(ctx, w); close(done) }()
	b.Cleanup(func() { cancel(); w.Close(); <-done })
	ts := startHTTP(b, s)
	events := subscribe(b, ts.URL)
	next(b, events) // hello

	notes, _ := filepath.Glob(filepath.Join(dir, "content", "notes", "*.md"))
	if len(notes) == 0 {
		b.Fatal("no notes in the shipped content")
	}
	slices.Sort(notes)
	note := notes[0]
	slug := filepath.Base(note[:len(note)-len(".md")])
	page := "notes/" + slug + "/index.html"
	original, err := os.ReadFile(note)
	if err != nil {
		b.Fatal(err)
	}
	edit := func(i int) time.Duration {
		start := time.Now()
		if err := os.WriteFile(note, fmt.Appendf(slices.Clone(original), "\nBenchmark edit %d.\n", i), 0o644); err != nil {
			b.Fatal(err)
		}
		for {
			m := next(b, events)
			if m.Type == "reload" && (m.All || slices.Contains(m.Pages, page)) {
				return time.Since(start)
			}
		}
	}
	edit(-1) // warm the builder's caches for this file

	var took []time.Duration
	b.ResetTimer()
	for i := range b.N {
		took = append(took, edit(i))
	}
	b.StopTimer()
	sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(took[len(took)/2]), "p50-ms")
	b.ReportMetric(ms(took[len(took)*9/10]), "p90-ms")
}

// BenchmarkRebuildNoteEdit measures the rebuild alone (build, diff,
// broadcast) after a note edit on a copy of the shipped dossier, to tell
// the build's share of BenchmarkEditToReload from the watcher's batching.
//
//	go test -run '^$' -bench RebuildNoteEdit -benchtime 30x ./internal/serve
func BenchmarkRebuildNoteEdit(b *testing.B) {
	dir := b.TempDir()
	copyTree(b, "../../content", filepath.Join(dir, "content"))
	s := New(build.Options{Content: filepath.Join(dir, "content")}, io.Discard, io.Discard)
	b.Cleanup(s.Close)
	if s.Rebuild(nil); !s.Healthy() {
		b.Skip("the shipped content does not build; nothing to measure")
	}
	notes, _ := filepath.Glob(filepath.Join(dir, "content", "notes", "*.md"))
	slices.Sort(notes)
	note := notes[0]
	original, err := os.ReadFile(note)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		if err := os.WriteFile(note, fmt.Appendf(slices.Clone(original), "\nBenchmark edit %d.\n", i), 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if m, _ := s.Rebuild([]string{note}); m.Type != "reload" {
			b.Fatalf("edit gave %+v", m)
		}
	}
}
