package serve

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// headerShare is the part of the window's height that the marking and
// the site header take at the top of a page, before any scrolling.
const headerShare = `(() => {
  const h = document.querySelector(".site-header").getBoundingClientRect();
  return h.bottom / window.innerHeight;
})()`

// TestBrowserNavigation checks the header on a phone and on a desktop
// screen: on a 390x844 phone it takes a small part of the screen, the
// current section is scrolled into view in the nav, and the handling
// marking stays at the top while the page scrolls; on a desktop the
// themes and the sections are in separate rows.
func TestBrowserNavigation(t *testing.T) {
	ctx := browser(t)
	dir := os.Getenv("DOSSIER_NAV_SITE") // to measure another build
	if dir == "" {
		dir = siteDir(t)
	}
	url := func(rel string) string { return "file://" + filepath.ToSlash(dir) + "/" + rel }

	act(t, ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulateScale(3)))
	act(t, ctx, chromedp.Navigate(url("timeline/index.html")))
	await(t, ctx, "the page", `document.readyState === "complete"`)
	share := evalIn[float64](t, ctx, headerShare)
	t.Logf("390x844: the header takes %.1f%% of the height", 100*share)
	if share > 0.15 {
		t.Errorf("on a 390x844 phone the header takes %.1f%% of the height, want at most 15%%", 100*share)
	}
	// The current section, last in the nav, is scrolled into its view.
	visible := `(() => {
  const a = document.querySelector('.site-header nav a[aria-current="page"]');
  const list = a.closest("ul").getBoundingClientRect(), r = a.getBoundingClientRect();
  return r.left >= list.left - 1 && r.right <= list.right + 1;
})()`
	await(t, ctx, "the current section in view", visible)
	// The marking stays at the top.
	evalIn[bool](t, ctx, `window.scrollTo(0, 1500), true`)
	await(t, ctx, "the scroll", `window.scrollY > 1000`)
	if top := evalIn[float64](t, ctx, `document.querySelector(".marking-top").getBoundingClientRect().top`); top != 0 {
		t.Errorf("after scrolling the marking's top is at %vpx, want 0", top)
	}
	// A passage reached by link is not under the marking.
	act(t, ctx, chromedp.Navigate(url("sources/kucera-2012/index.html#p-c58cc245")))
	await(t, ctx, "the page", `document.readyState === "complete"`)
	if gap := evalIn[float64](t, ctx, `document.getElementById("p-c58cc245").getBoundingClientRect().top - document.querySelector(".marking-top").getBoundingClientRect().bottom`); gap < 0 {
		t.Errorf("the linked passage starts %vpx under the marking", -gap)
	}

	act(t, ctx, chromedp.EmulateViewport(1400, 900))
	act(t, ctx, chromedp.Navigate(url("themes/csto/index.html")))
	await(t, ctx, "the page", `document.readyState === "complete"`)
	t.Logf("1400x900: the header takes %.1f%% of the height", 100*evalIn[float64](t, ctx, headerShare))
	// Every theme link is on one row, every section link on another.
	rows := evalIn[[]float64](t, ctx, `(() => {
  const tops = sel => Array.from(document.querySelectorAll(sel), a => Math.round(a.getBoundingClientRect().top));
  const themes = tops(".site-header .nav-themes a"), sections = tops(".site-header .nav-sections a");
  if (!themes.length || !sections.length) return [];
  return [Math.min(...themes), Math.max(...themes), Math.min(...sections), Math.max(...sections)];
})()`)
	switch {
	case len(rows) != 4:
		t.Errorf("the header has no .nav-themes and .nav-sections lists")
	case rows[0] != rows[1] || rows[2] != rows[3]:
		t.Errorf("at 1400px the themes (rows %v..%v) or the sections (%v..%v) wrap", rows[0], rows[1], rows[2], rows[3])
	case rows[0] == rows[2]:
		t.Errorf("at 1400px the themes and sections share a row")
	}
}
