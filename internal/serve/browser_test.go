package serve

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/dossier-dev/dossier/internal/browser/browsertest"
)

// browser starts a headless Chromium for the test and returns a tab.
func browser(t *testing.T) context.Context { return browsertest.Start(t, 1000, 700) }

// check evaluates a boolean expression in the page, false on any error:
// during a reload there is briefly no page to ask.
func check(ctx context.Context, expr string) bool {
	cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	ok, err := chromedp.Run(cctx, chromedp.Evaluate[bool](expr))
	return err == nil && ok
}

// await polls expr in the page until it is true; it returns how long that
// took.
func await(t *testing.T, ctx context.Context, what, expr string) time.Duration {
	t.Helper()
	start := time.Now()
	deadline := start.Add(waitLimit)
	for !check(ctx, expr) {
		if time.Now().After(deadline) {
			body, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.outerHTML.slice(0, 3000)`))
			t.Fatalf("timed out waiting for %s (%s); page: %s", what, expr, body)
		}
		time.Sleep(25 * time.Millisecond)
	}
	return time.Since(start)
}

func TestBrowserLivePreview(t *testing.T) {
	ctx := browser(t)
	css, err := os.ReadFile("../../static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	note := "content/notes/base-note-one.md"
	f, s := watched(t, func(f fixture) {
		// The site's own stylesheet, to edit; and a note long enough to
		// scroll.
		f.write(t, "static/style.css", string(css))
		var long strings.Builder
		long.WriteString(f.read(t, note))
		for i := range 80 {
			fmt.Fprintf(&long, "\nFiller paragraph %d, so that the page scrolls.\n", i)
		}
		f.write(t, note, long.String())
	})
	ts := startHTTP(t, s)

	connected := `window.__dossierReload !== undefined && window.__dossierReload.readyState === 1`
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/notes/base-note-one/")); err != nil {
		t.Fatal(err)
	}
	await(t, ctx, "the event stream to connect", connected)

	// 1. A content edit reloads the page, keeping the scroll position.
	y, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`window.scrollTo(0, 600); window.__marker = 1; window.scrollY`))
	if err != nil {
		t.Fatal(err)
	}
	if y < 500 {
		t.Fatalf("the page did not scroll (scrollY %v): the scroll check below would prove nothing", y)
	}
	good := f.read(t, note)
	f.write(t, note, strings.Replace(good, "Original text of note one.", "Edited in the editor.", 1))
	took := await(t, ctx, "the edited text", `document.body.innerText.includes("Edited in the editor.")`)
	t.Logf("file write to new text in the browser: %s", took)
	if check(ctx, `window.__marker === 1`) {
		t.Error("the page shows the new text but was not reloaded")
	}
	await(t, ctx, "the scroll position to be restored", `Math.abs(window.scrollY - 600) < 2`)
	await(t, ctx, "the event stream to reconnect", connected)

	// 2. A broken edit shows the overlay, with the position, and keeps
	// the last good page.
	f.write(t, note, strings.Replace(f.read(t, note), "largest grouping of forces abroad", "a quote that is not in the source", 1))
	overlay := `(document.getElementById("dossier-overlay")?.shadowRoot?.textContent ?? "")`
	await(t, ctx, "the error overlay", overlay+`.includes("base-note-one.md:9:")`)
	if !check(ctx, overlay+`.includes("quote not found")`) {
		t.Error("overlay lacks the message")
	}
	if !check(ctx, `document.getElementById("dossier-overlay").shadowRoot.querySelector('[role="region"] [aria-live="assertive"] h2') !== null`) {
		t.Error("overlay is not an announced region")
	}
	if !check(ctx, `document.body.innerText.includes("Edited in the editor.")`) {
		t.Error("the last good page is not shown under the overlay")
	}

	// 3. Fixing it clears the overlay.
	f.write(t, note, strings.Replace(f.read(t, note), "a quote that is not in the source", "largest grouping of forces abroad", 1))
	await(t, ctx, "the overlay to clear", `document.getElementById("dossier-overlay") === null`)
	await(t, ctx, "the event stream to connect", connected)

	// 4. A stylesheet edit applies without a reload.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.__marker = 1`)); err != nil {
		t.Fatal(err)
	}
	if check(ctx, `getComputedStyle(document.querySelector("h1")).color === "rgb(1, 2, 3)"`) {
		t.Fatal("the heading already has the test colour")
	}
	links, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('link[rel~="stylesheet"]').length`))
	if err != nil {
		t.Fatal(err)
	}
	f.write(t, "static/style.css", string(css)+"\nh1 { color: rgb(1, 2, 3) !important; }\n")
	took = await(t, ctx, "the new heading colour", `getComputedStyle(document.querySelector("h1")).color === "rgb(1, 2, 3)"`)
	t.Logf("file write to new style in the browser: %s", took)
	if !check(ctx, `window.__marker === 1`) {
		t.Error("the page was reloaded for a stylesheet edit")
	}
	// The old link goes once the new sheet has loaded: not pile up.
	await(t, ctx, "the old stylesheet link to go", fmt.Sprintf(`document.querySelectorAll('link[rel~="stylesheet"]').length === %d`, links))
}
