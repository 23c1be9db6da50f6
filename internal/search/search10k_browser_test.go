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
// takes.
//
// The first result of a one-word query must come within 300 ms of the
// first key. A query of several words is held to 300 ms from its last
// key instead: typing it takes the harness 11 to 17 ms a key, which for
// the 29 letters of "afghanistan drugs trafficking" is 330 ms or more
// before the page has the whole query, and a reader takes seconds. Building the corpus takes a minute or two, so it runs only with
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
	var worstTime, worstAfterLast time.Duration
	var worstBytes int
	for _, q := range queries {
		took, typing, loaded, n := firstResult(t, dir, q)
		worstTime, worstAfterLast, worstBytes = max(worstTime, took), max(worstAfterLast, took-typing), max(worstBytes, loaded)
		t.Logf("cold %-32q first result after %6.1f ms (%5.1f ms after the last key), %7d bytes loaded before it: %s", q, ms(took), ms(took-typing), loaded, n)
		if !strings.Contains(q, " ") && took > firstResultLimit {
			t.Errorf("%q: the first result came %s after the first key, want at most %s", q, took, firstResultLimit)
		}
		if took-typing > firstResultLimit {
			t.Errorf("%q: the first result came %s after the last key, want at most %s", q, took-typing, firstResultLimit)
		}
	}
	t.Logf("cold, slowest first result %s after the first key, %s after the last; most bytes before it %d", worstTime.Round(100*time.Microsecond), worstAfterLast.Round(100*time.Microsecond), worstBytes)
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
// the first result for the whole of q in the list (or "No results"), the
// time the typing took (from the first key down to the last: for a long
// query, most of the first), the bytes of the files the page loaded
// before the result, and the status line.
func firstResult(t *testing.T, dir, q string) (took, typing time.Duration, loaded int, status string) {
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
		window.measured = {shards: []};
		box.addEventListener("keydown", () => {
			measured.lastKey = performance.now();
			if (!measured.key) measured.key = measured.lastKey;
		}, true);
		new MutationObserver((_, obs) => {
			const status = document.getElementById("search-status").textContent;
			if (status.includes("for “" + q + "”") && (document.querySelector("#search-results .search-result") || status.startsWith("No results"))) {
				measured.result = performance.now();
				obs.disconnect();
			}
		}).observe(document.getElementById("search-app"), {childList: true, subtree: true, characterData: true});
		// Made after the observer above, so called after it for the same
		// task: shards asked for in the task that drew the first result
		// (for the results after it) do not count.
		new MutationObserver(records => {
			for (const r of records) for (const n of r.addedNodes) {
				if (n.tagName === "SCRIPT" && measured.result === undefined) measured.shards.push(new URL(n.src).pathname);
			}
		}).observe(document.head, {childList: true});
		box.focus();
	}`), press(q))
	awaitLong(t, tb, `window.measured.result !== undefined`)
	key, lastKey := eval[float64](t, tb, `measured.key`), eval[float64](t, tb, `measured.lastKey`)
	result := eval[float64](t, tb, `measured.result`)
	// What the page asked for until the result was seen, by the files'
	// sizes: over file:// Chromium reports no transfer sizes, nor
	// resource timings. The page goes on loading the other results'
	// shards after the first is drawn, so a shard counts only if the
	// page asked for it before then.
	before := eval[[]string](t, tb, `measured.shards`)
	mu.Lock()
	urls := slices.Clone(requested)
	mu.Unlock()
	for _, u := range urls {
		p, err := url.Parse(u)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(p.Path, "/search/shards/") && !slices.Contains(before, p.Path) {
			continue
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
	status = eval[string](t, tb, `document.getElementById("search-status").textContent`)
	if p := tb.consoleProblems(); len(p) > 0 {
		t.Errorf("console errors or warnings: %q", p)
	}
	return millis(result - key), millis(lastKey - key), loaded, status
}

// millis converts performance.now's milliseconds.
func millis(ms float64) time.Duration { return time.Duration(ms * float64(time.Millisecond)) }

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

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
