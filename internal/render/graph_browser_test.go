package render_test

import (
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The map of links in headless Chromium: unticking a kind hides its
// nodes and leaves the others, choosing a theme hides the nodes outside
// it, and Tab reaches the nodes' links.
func TestGraphFilterAndKeyboard(t *testing.T) {
	tab := openShipped(t, 1400, 900)
	run, eval := tab.run, tab.eval
	shown := func(sel string) int {
		t.Helper()
		n, err := strconv.Atoi(eval(`String(Array.from(document.querySelectorAll(` + strconv.Quote(sel) + `)).filter(function (e) { return getComputedStyle(e).display !== "none"; }).length)`))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}

	run(chromedp.Navigate(tab.page("graph/index.html")))
	notes, sources := shown(".graph-map a.k-note"), shown(".graph-map a.k-source")
	if notes == 0 || sources == 0 {
		t.Fatalf("the map shows %d notes and %d sources", notes, sources)
	}
	eval(`document.getElementById("gk-k-note").click(), ""`)
	if got := shown(".graph-map a.k-note"); got != 0 {
		t.Errorf("with notes unticked the map shows %d notes", got)
	}
	if got := shown(".graph-map .e.k-note"); got != 0 {
		t.Errorf("with notes unticked the map shows %d of their links", got)
	}
	if got := shown(".graph-map a.k-source"); got != sources {
		t.Errorf("with notes unticked the map shows %d sources, want %d", got, sources)
	}
	eval(`document.getElementById("gk-k-note").click(), ""`)
	if got := shown(".graph-map a.k-note"); got != notes {
		t.Errorf("with notes ticked again the map shows %d notes, want %d", got, notes)
	}

	all := shown(".graph-map a.n")
	eval(`document.getElementById("gt-g0").click(), ""`)
	inTheme := shown(".graph-map a.n")
	if inTheme == 0 || inTheme >= all {
		t.Errorf("filtered by a theme the map shows %d of %d nodes", inTheme, all)
	}
	if got := shown(".graph-map a.n:not(.g0)"); got != 0 {
		t.Errorf("filtered by a theme the map shows %d nodes outside it", got)
	}
	eval(`document.getElementById("gt-all").click(), ""`)

	// Tab from the last filter goes into the map, to its first node.
	eval(`document.getElementById("gt-all").focus(), ""`)
	var reached string
	for i := 0; i < 20 && reached == ""; i++ {
		run(chromedp.KeyEvent(kb.Tab))
		reached = eval(`(function () { var a = document.activeElement; return a && a.closest(".graph-map") ? a.getAttribute("href") : ""; })()`)
	}
	if reached == "" {
		t.Fatal("Tab does not reach the map's links")
	}
	if want := eval(`document.querySelector(".graph-map a").getAttribute("href")`); reached != want {
		t.Errorf("Tab reaches %q first, want the map's first node %q", reached, want)
	}
	run(chromedp.KeyEvent(kb.Tab))
	if next := eval(`document.activeElement.getAttribute("href") || ""`); next == reached || next == "" {
		t.Errorf("a second Tab goes to %q, not the next node", next)
	}
}
