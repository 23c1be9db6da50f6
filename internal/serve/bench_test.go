package serve

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/internal/build"
	"github.com/dossier-dev/dossier/internal/watch"
)

// BenchmarkEditToReload measures, on a copy of the shipped dossier
// (../../content, or the folder DOSSIER_BENCH_CONTENT names, e.g. a corpus
// from go run ./cmd/corpus), the time from writing a note to the reload
// event reaching the tab that shows the note (watcher batching, rebuild,
// rendering the open page, delivery), and on to that tab having the new
// page (the request a reload makes). It reports the medians and 90th
// percentiles of both; ns/op is the mean time to the new page. It saves
// back to back, each save as soon as the last one's page is in, and
// paced, a save a second, as an editor saving while the writer types
// does: the collector's cycles then fall between saves.
//
//	go test -run '^$' -bench EditToReload -benchtime 30x ./internal/serve
func BenchmarkEditToReload(b *testing.B) {
	b.Run("back-to-back", func(b *testing.B) { benchmarkEditToReload(b, 0) })
	b.Run("paced", func(b *testing.B) { benchmarkEditToReload(b, time.Second) })
}

// benchmarkEditToReload is BenchmarkEditToReload with pause between a
// reloaded page and the next save.
func benchmarkEditToReload(b *testing.B, pause time.Duration) {
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

	notes, _ := filepath.Glob(filepath.Join(dir, "content", "notes", "*.md"))
	if len(notes) == 0 {
		b.Fatal("no notes in the shipped content")
	}
	slices.Sort(notes)
	note := notes[len(notes)/2]
	slug := filepath.Base(note[:len(note)-len(".md")])
	page := "notes/" + slug + "/index.html"
	original, err := os.ReadFile(note)
	if err != nil {
		b.Fatal(err)
	}
	fetch(b, ts.URL+"/"+page) // the tab opens the note, then listens
	events := subscribeAs(b, ts.URL, page)
	next(b, events) // hello
	edit := func(i int) (reloaded, served time.Duration) {
		start := time.Now()
		text := fmt.Sprintf("Benchmark edit %d.", i)
		if err := os.WriteFile(note, fmt.Appendf(slices.Clone(original), "\n%s\n", text), 0o644); err != nil {
			b.Fatal(err)
		}
		for {
			m := next(b, events)
			if m.Type == "reload" && slices.Contains(m.Pages, page) {
				reloaded = time.Since(start)
				break
			}
		}
		if body := fetch(b, ts.URL+"/"+page); !strings.Contains(body, text) {
			b.Fatalf("the reloaded page lacks %q", text)
		}
		return reloaded, time.Since(start)
	}
	edit(-1) // warm the builder's caches for this file

	var toEvent, toPage []time.Duration
	b.ResetTimer()
	for i := range b.N {
		if pause > 0 {
			b.StopTimer()
			time.Sleep(pause)
			b.StartTimer()
		}
		e, p := edit(i)
		toEvent, toPage = append(toEvent, e), append(toPage, p)
	}
	b.StopTimer()
	report := func(took []time.Duration, unit string) {
		slices.Sort(took)
		ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
		b.ReportMetric(ms(took[len(took)/2]), "p50-"+unit)
		b.ReportMetric(ms(took[len(took)*9/10]), "p90-"+unit)
	}
	report(toEvent, "ms-event")
	report(toPage, "ms-page")
}

// BenchmarkStart measures dossier serve's start, on a copy of the shipped
// dossier or the folder DOSSIER_BENCH_CONTENT names: from a new server to
// its home page and a note page served, the first build included. The
// target at 10,000 notes is under a second. It also reports the time to
// the print edition asked for next (print-ms), and its size (print-MB).
//
//	go test -run '^$' -bench Start -benchtime 5x ./internal/serve
func BenchmarkStart(b *testing.B) {
	dir := b.TempDir()
	content := cmp.Or(os.Getenv("DOSSIER_BENCH_CONTENT"), "../../content")
	copyTree(b, content, filepath.Join(dir, "content"))
	opts := build.Options{Content: filepath.Join(dir, "content")}
	notes, _ := filepath.Glob(filepath.Join(dir, "content", "notes", "*.md"))
	if len(notes) == 0 {
		b.Fatal("no notes in the content")
	}
	slices.Sort(notes)
	note := "/notes/" + strings.TrimSuffix(filepath.Base(notes[len(notes)/2]), ".md") + "/"
	var toPrint []time.Duration
	var size int
	for b.Loop() {
		s := New(opts, io.Discard, io.Discard)
		if s.Rebuild(nil); !s.Healthy() {
			b.Fatal("the content does not build")
		}
		for _, p := range []string{"/", note} {
			if rec := get(s, "GET", p); rec.Code != http.StatusOK {
				b.Fatalf("GET %s: %d", p, rec.Code)
			}
		}
		b.StopTimer()
		start := time.Now()
		rec := get(s, "GET", "/print/")
		if rec.Code != http.StatusOK {
			b.Fatalf("GET /print/: %d", rec.Code)
		}
		toPrint, size = append(toPrint, time.Since(start)), rec.Body.Len()
		s.Close()
		// Each start begins as a new process's would, with no server's
		// heap left for its collector to mark.
		runtime.GC()
		b.StartTimer()
	}
	slices.Sort(toPrint)
	b.ReportMetric(float64(toPrint[len(toPrint)/2])/float64(time.Millisecond), "print-ms")
	b.ReportMetric(float64(size)/(1<<20), "print-MB")
}

// fetch GETs u and returns the body, failing the test or benchmark on an
// error status.
func fetch(t testing.TB, u string) string {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d %v", u, resp.StatusCode, err)
	}
	return string(body)
}

// BenchmarkRebuildNoteEdit measures the rebuild alone, with no tab open,
// after a note edit on a copy of the shipped dossier, to tell the build's
// share of BenchmarkEditToReload from the watcher's batching and the
// page's rendering.
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
		if m := s.Rebuild([]string{note}); m.Type != "state" {
			b.Fatalf("edit gave %+v", m)
		}
	}
}
