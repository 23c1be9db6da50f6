package search_test

import (
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/dossier-dev/dossier/internal/build"
	"github.com/dossier-dev/dossier/internal/corpus"
	"github.com/dossier-dev/dossier/internal/output"
)

// The targets of issue 16 for a dossier of 10,000 notes, opened from
// disk with a cold cache.
const (
	firstResultLimit = 300 * time.Millisecond
	bytesLimit       = 500 << 10
)

// TestBrowserSearch10kNotes measures the search page of a dossier of
// 10,000 notes in Chromium: for each query, in a browser with an empty
// cache, the time from the first keystroke to the first result drawn and
// the bytes the page loaded before it; then, warm, the time each query
// takes. Building the corpus takes a minute or two, so it runs only with
// DOSSIER_SEARCH_10K=1:
//
//	DOSSIER_SEARCH_10K=1 go test -run 10kNotes -v ./internal/search
//
// DOSSIER_SEARCH_10K_CONTENT=<folder> builds that content instead of
// internal/corpus's 10,000 notes (for the independent corpus of
// /work/shared/perf/gencorpus), and DOSSIER_SEARCH_10K_SITE=<folder>
// measures a site built already.
func TestBrowserSearch10kNotes(t *testing.T) {
	if os.Getenv("DOSSIER_SEARCH_10K") != "1" {
		t.Skip("set DOSSIER_SEARCH_10K=1 to measure the search of 10,000 notes")
	}
	dir := os.Getenv("DOSSIER_SEARCH_10K_SITE")
	if dir == "" {
		dir = build10k(t)
	}
	var indexSize, indexFiles int
	_ = filepath.WalkDir(filepath.Join(dir, "search"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".js") {
			if info, err := d.Info(); err == nil {
				indexSize += int(info.Size())
				indexFiles++
			}
		}
		return nil
	})
	t.Logf("search index: %d files, %d bytes", indexFiles, indexSize)

	queries := []string{"kant", "heroin", "tajikistan border", "security cooperation", "shoigu", "afghanistan drugs trafficking", "tajikistn", "xyzzy"}
	var worstTime time.Duration
	var worstBytes int
	for _, q := range queries {
		took, loaded, n := firstResult(t, dir, q)
		worstTime, worstBytes = max(worstTime, took), max(worstBytes, loaded)
		t.Logf("cold %-32q first result after %6.1f ms, %7d bytes loaded before it: %s", q, float64(took)/float64(time.Millisecond), loaded, n)
	}
	t.Logf("cold, slowest first result %s, most bytes before it %d", worstTime.Round(100*time.Microsecond), worstBytes)
	if worstTime > firstResultLimit {
		t.Errorf("a first result took %s, want at most %s", worstTime, firstResultLimit)
	}
	if worstBytes > bytesLimit {
		t.Errorf("a query loaded %d bytes before its first result, want at most %d", worstBytes, bytesLimit)
	}

	// Warm: every query five times in one page; the median is the answer
	// time, the first runs warm the JIT up.
	tb := newTab(t)
	tb.do(t, chromedp.Navigate(fileURL(dir, "search/index.html")))
	awaitLong(t, tb, ready)
	var worst time.Duration
	for _, q := range append(queries, "the", "sec", "co") {
		var runs []float64
		for range 5 {
			v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[float64](fmt.Sprintf(`window.dossierSearch.time(%q)`, q), chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatal(err)
			}
			runs = append(runs, v)
		}
		sort.Float64s(runs)
		median := time.Duration(runs[2] * float64(time.Millisecond))
		worst = max(worst, median)
		n := eval[string](t, tb, `document.getElementById("search-status").textContent`)
		t.Logf("warm %-32q median %6.1f ms (min %.1f, max %.1f): %s", q, runs[2], runs[0], runs[4], n)
	}
	t.Logf("warm, slowest query (median of 5, search and first page of results drawn): %s", worst.Round(100*time.Microsecond))
	if worst >= 50*time.Millisecond {
		t.Errorf("slowest warm query took %s, want under 50ms", worst)
	}
	if p := tb.consoleProblems(); len(p) > 0 {
		t.Errorf("console errors or warnings: %q", p)
	}
}

// build10k builds the 10,000-note dossier and writes the search page and
// the static files, all the search page needs, to a folder.
func build10k(t *testing.T) string {
	content := os.Getenv("DOSSIER_SEARCH_10K_CONTENT")
	if content == "" {
		content = t.TempDir()
		c, err := corpus.New(corpus.Options{Shipped: shippedContent, Notes: 10000, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Write(content); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	res, diags, err := build.New(build.Options{Content: content}).Build()
	if err != nil || len(diags) > 0 {
		t.Fatal(err, diags)
	}
	t.Logf("built %s in %s", content, time.Since(start).Round(time.Millisecond))
	files := output.Files{}
	for p, data := range res.Files {
		if strings.HasPrefix(p, "search/") || strings.HasPrefix(p, "static/") {
			files[p] = data
		}
	}
	return writeSite(t, files)
}

// firstResult opens the search page in a new browser, so with an empty
// cache, types q as fast as the keyboard events arrive as soon as the
// page has been parsed, and returns the time from the first key down to
// the first result for the whole of q in the list (or "No results"), the bytes of
// the files the page loaded before then, and the status line.
func firstResult(t *testing.T, dir, q string) (time.Duration, int, string) {
	tb := newTab(t)
	var mu sync.Mutex
	var requested []string
	if err := chromedp.Listen(tb.ctx, func(ev any) {
		if ev, ok := ev.(*network.EventRequestWillBeSent); ok {
			mu.Lock()
			requested = append(requested, ev.Request.URL)
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	tb.do(t, chromedp.Navigate(fileURL(dir, "search/index.html")))
	tb.await(t, "the search box", `document.getElementById("search-q") !== null`)
	tb.do(t, chromedp.Evaluate[chromedp.Void](`{
		const box = document.getElementById("search-q");
		const q = `+strconv.Quote(q)+`;
		window.measured = {};
		box.addEventListener("keydown", () => { if (!measured.key) measured.key = performance.now() }, true);
		new MutationObserver((_, obs) => {
			const status = document.getElementById("search-status").textContent;
			if (status.includes("for “" + q + "”") && (document.querySelector("#search-results .search-result") || status.startsWith("No results"))) {
				measured.result = performance.now();
				obs.disconnect();
			}
		}).observe(document.getElementById("search-app"), {childList: true, subtree: true, characterData: true});
		box.focus();
	}`), press(q))
	awaitLong(t, tb, `window.measured.result !== undefined`)
	key := eval[float64](t, tb, `measured.key`)
	result := eval[float64](t, tb, `measured.result`)
	// What the page asked for until the result was seen (the page asks
	// for nothing more once it has drawn it), by the files' sizes: over
	// file:// Chromium reports no transfer sizes, nor resource timings.
	mu.Lock()
	urls := slices.Clone(requested)
	mu.Unlock()
	loaded := 0
	for _, u := range urls {
		p, err := url.Parse(u)
		if err != nil {
			t.Fatal(err)
		}
		info, err := os.Stat(filepath.FromSlash(p.Path))
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		loaded += int(info.Size())
		if os.Getenv("DOSSIER_SEARCH_10K_FILES") != "" {
			t.Logf("%s: %s, %d bytes", q, p.Path, info.Size())
		}
	}
	status := eval[string](t, tb, `document.getElementById("search-status").textContent`)
	if p := tb.consoleProblems(); len(p) > 0 {
		t.Errorf("console errors or warnings: %q", p)
	}
	return time.Duration((result - key) * float64(time.Millisecond)), loaded, status
}

// awaitLong waits for expr longer than await does: the whole index of
// 10,000 notes took about 20 s to load.
func awaitLong(t *testing.T, tb *tab, expr string) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for !tb.check(expr) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s; console: %q", expr, tb.consoleProblems())
		}
		time.Sleep(20 * time.Millisecond)
	}
}
