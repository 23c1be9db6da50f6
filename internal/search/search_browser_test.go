package search_test

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Expressions about the search page.
const (
	ready        = `window.dossierSearch !== undefined && window.dossierSearch.isReady()`
	resultHrefs  = `Array.from(document.querySelectorAll("#search-results .search-result-head a"), a => a.getAttribute("href"))`
	resultKinds  = `Array.from(document.querySelectorAll("#search-results .search-result"), li => li.className)`
	activeID     = `document.activeElement ? document.activeElement.id : ""`
	kantEntity   = `../entities/kant-air-base/index.html`
	hasKantEntry = `Array.from(document.querySelectorAll("#search-results .search-result-head a")).some(a => a.getAttribute("href") === "` + kantEntity + `")`
	// drawn: every result the status line counts is in the list. The page
	// draws each result once its document shard has loaded, so the list
	// can be short of the count for a moment.
	drawn = `(() => {
		const m = document.getElementById("search-status").textContent.match(/^(\d+) results? for .*?(?:, showing (\d+))?\.$/);
		return m !== null && document.querySelectorAll("#search-results .search-result").length === Number(m[2] || m[1]);
	})()`
)

// TestBrowserSearch opens the shipped dossier's search page from disk in
// headless Chromium and uses it as a reader would.
func TestBrowserSearch(t *testing.T) {
	tb := newTab(t)
	dir := writeSite(t, shippedSite(t).Files)

	// 1. From a note page, "/" focuses the header's box, and Enter
	// submits it to the search page, which takes the query from ?q=.
	tb.do(t, chromedp.Navigate(fileURL(dir, "notes/kant-manas-and-us-basing/index.html")))
	tb.await(t, "the note page", `document.getElementById("site-search-q") !== null`)
	tb.do(t, press("/"))
	if got := eval[string](t, tb, activeID); got != "site-search-q" {
		t.Fatalf(`"/" on a note page focused %q, want the header search box`, got)
	}
	tb.do(t, press("Kant"+kb.Enter))
	tb.await(t, "the search page with the header's query", ready+` && location.pathname.endsWith("/search/index.html") && document.getElementById("search-q").value === "Kant"`)
	tb.await(t, "the Kant air base entity among the results", hasKantEntry)

	// 2. Typing a query shows the hits, with the words marked and a
	// count announced.
	tb.do(t, typeQuery("largest grouping"))
	tb.await(t, "the 201st base passage", `Array.from(document.querySelectorAll("#search-results .search-result-head a")).some(a => a.getAttribute("href").startsWith("../sources/comillas-2015/index.html#p-"))`)
	marks := eval[[]string](t, tb, `Array.from(document.querySelectorAll("#search-results .snippet mark"), m => m.textContent.toLowerCase())`)
	if !slices.Contains(marks, "largest") || !slices.Contains(marks, "grouping") {
		t.Errorf("snippets mark %q, want largest and grouping", marks)
	}
	status := eval[string](t, tb, `document.getElementById("search-status").textContent`)
	if !strings.Contains(status, "for “largest grouping”") {
		t.Errorf("status %q does not count the results", status)
	}
	if !tb.check(`document.getElementById("search-status").getAttribute("aria-live") === "polite"`) {
		t.Error("the result count is not in a live region")
	}

	// 3. Every result links to a file of the site, and every #anchor to
	// an element of its page.
	tb.do(t, typeQuery("Kant"))
	tb.await(t, "results for Kant", hasKantEntry)
	for _, href := range eval[[]string](t, tb, `Array.from(document.querySelectorAll("#search-results a"), a => a.href)`) {
		u, err := url.Parse(href)
		if err != nil || u.Scheme != "file" {
			t.Errorf("result link %q is not a file URL", href)
			continue
		}
		data, err := os.ReadFile(filepath.FromSlash(u.Path))
		if err != nil {
			t.Errorf("result link %q: %v", href, err)
			continue
		}
		if u.Fragment != "" && !strings.Contains(string(data), `id="`+u.Fragment+`"`) {
			t.Errorf("result link %q: no such anchor", href)
		}
	}

	// 4. The kind filter: only entities.
	for _, kind := range []string{"passage", "note", "theme", "source"} {
		tb.do(t, chromedp.Click(chromedp.CSS(`input[name="kind"][value="`+kind+`"]`)))
	}
	tb.await(t, "entities only", `Array.from(document.querySelectorAll("#search-results .search-result")).every(li => li.classList.contains("k-entity")) && document.querySelectorAll("#search-results .search-result").length > 0`)
	if got := eval[[]string](t, tb, resultHrefs); len(got) == 0 || got[0] != kantEntity {
		t.Errorf("entity results for Kant %q, want %s first", got, kantEntity)
	}
	// The address follows the search once typing pauses (Chromium lets a
	// file:// page rewrite its query), so the search can be bookmarked.
	tb.await(t, "the address to keep the query and filter", `location.search === "?q=Kant&kind=entity"`)
	tb.do(t, chromedp.Navigate(eval[string](t, tb, `location.href`)))
	tb.await(t, "the reopened search with its query and filter", ready+` && document.getElementById("search-q").value === "Kant" && document.querySelector('input[value="entity"]').checked && !document.querySelector('input[value="note"]').checked`)
	tb.await(t, "entity results again", hasKantEntry)

	// 5. The theme filter: all kinds again, drug trafficking only.
	for _, kind := range []string{"passage", "note", "theme", "source"} {
		tb.do(t, chromedp.Click(chromedp.CSS(`input[name="kind"][value="`+kind+`"]`)))
	}
	tb.do(t, typeQuery("heroin"))
	tb.await(t, "results for heroin", `document.querySelectorAll("#search-results .search-result").length > 0 && `+drawn)
	all := eval[int](t, tb, `document.querySelectorAll("#search-results .search-result").length`)
	tb.do(t, selectTheme("bases"))
	tb.await(t, "the bases filter", `Array.from(document.querySelectorAll("#search-results .search-result")).every(li => Array.from(li.querySelectorAll(".search-themes li"), x => x.className).includes("theme-mark t-bases"))`)
	if n := eval[int](t, tb, `document.querySelectorAll("#search-results .search-result").length`); n >= all {
		t.Errorf("the bases filter kept %d of %d heroin results", n, all)
	}
	tb.do(t, selectTheme(""))

	// 6. Keys: "/" and Ctrl+K focus the box from elsewhere, without
	// typing a slash; not while typing in another field; ↓ moves into
	// the results.
	tb.do(t, typeQuery("Kant"))
	tb.await(t, "results for Kant", hasKantEntry+` && `+drawn)
	tb.do(t, chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`), press("/"))
	if got := eval[string](t, tb, activeID); got != "search-q" {
		t.Errorf(`"/" focused %q, want the search box`, got)
	}
	if v := eval[string](t, tb, `document.getElementById("search-q").value`); v != "Kant" {
		t.Errorf(`"/" changed the query to %q`, v)
	}
	tb.do(t, chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`), press("k", chromedp.ModifierCtrl))
	if got := eval[string](t, tb, activeID); got != "search-q" {
		t.Errorf("Ctrl+K focused %q, want the search box", got)
	}
	tb.do(t,
		chromedp.Evaluate[chromedp.Void](`{ const i = document.createElement("input"); i.id = "other"; document.querySelector("main").append(i); i.focus() }`),
		press("a/b"),
	)
	if got, v := eval[string](t, tb, activeID), eval[string](t, tb, `document.getElementById("other").value`); got != "other" || v != "a/b" {
		t.Errorf(`typing "a/b" in another field: focus %q, value %q`, got, v)
	}
	tb.do(t, chromedp.Evaluate[chromedp.Void](`document.getElementById("search-q").focus()`), press(kb.ArrowDown))
	if !tb.check(`document.activeElement === document.querySelector("#search-results a")`) {
		t.Errorf("↓ from the box did not focus the first result")
	}
	tb.do(t, press(kb.ArrowDown))
	if !tb.check(`document.activeElement === document.querySelectorAll("#search-results .search-result-head a")[1]`) {
		t.Errorf("↓ in the results did not move to the second result")
	}

	// 7. A query with markup in it is text, not HTML.
	tb.do(t, typeQuery(`<img src=x onerror=alert(1)>`))
	tb.await(t, "the status for a query with markup", `document.getElementById("search-status").textContent.includes("<img")`)
	if tb.check(`document.querySelector("#search-app img") !== null`) {
		t.Error("the query was rendered as HTML")
	}

	if p := tb.consoleProblems(); len(p) > 0 {
		t.Errorf("console errors or warnings: %q", p)
	}
}

// typeQuery types a query over the one in the search box.
func typeQuery(q string) chromedp.Action[chromedp.Void] {
	return chromedp.Steps(
		chromedp.Evaluate[chromedp.Void](`{ const b = document.getElementById("search-q"); b.focus(); b.select() }`),
		press(q),
	)
}

// selectTheme picks a theme in the filter, as choosing it with the
// keyboard or mouse would.
func selectTheme(slug string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`{ const s = document.getElementById("search-theme"); s.value = %q; s.dispatchEvent(new Event("change")) }`, slug))
}
