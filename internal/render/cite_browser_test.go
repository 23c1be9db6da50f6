package render_test

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// Reading a citation in headless Chromium: the preview shows the cited
// words marked in their sentence with the source's title and a link, a
// first tap opens it where there is no hover, and following the link
// marks that citation's words distinctly and the passage's other cited
// words quietly.
func TestCitationPreviewAndArrival(t *testing.T) {
	tab := openShipped(t, 1400, 900)
	run, eval, wait := tab.run, tab.eval, tab.wait
	run(chromedp.Navigate(tab.page("notes/afghan-border-exercises-2021/index.html")))
	wait("the page's script", `document.querySelector("a.cite-mark[data-preview]")`)
	// Headless Chromium reports no hover; a desktop browser has it.
	hover := func(on bool) {
		t.Helper()
		q := map[bool]string{true: "hover: hover", false: "hover: none"}[on]
		eval(`window.matchMedia = function (q) { return {matches: q.indexOf("` + q + `") >= 0}; }, ""`)
	}
	hover(true)
	mark := `document.querySelector("a.cite-mark[data-preview]")`
	words := eval(mark + `.getAttribute("data-words")`)
	if words == "" {
		t.Fatal("a citation mark has no data-words")
	}
	eval(mark + `.dispatchEvent(new MouseEvent("mouseover", {bubbles: true})), ""`)
	wait("the preview", `!document.getElementById("cite-pop").hidden`)
	if got := eval(`document.querySelector("#cite-pop .cite-pop-body mark").textContent`); got != words {
		t.Errorf("the preview marks %q, want the cited words %q", got, words)
	}
	if got, want := eval(`document.querySelector("#cite-pop .cite-pop-source").textContent`), eval(mark+`.getAttribute("data-source")`); got == "" || got != want {
		t.Errorf("the preview names the source %q, want %q", got, want)
	}
	href := eval(mark + `.href`)
	if got := eval(`document.querySelector("#cite-pop .cite-pop-go").href`); got != href {
		t.Errorf("the preview links to %q, want the citation's %q", got, href)
	}

	// Without hover, a first tap opens the preview and does not follow.
	hover(false)
	eval(`document.getElementById("cite-pop").hidden = true, ""`)
	second := `document.querySelectorAll("a.cite-mark[data-preview]")[1]`
	eval(second + `.click(), ""`)
	if eval(`String(!document.getElementById("cite-pop").hidden && location.hash === "")`) != "true" {
		t.Error("a first tap without hover did not open the preview, or followed the link")
	}

	run(chromedp.Navigate(href))
	wait("the arrival marks", `document.querySelector("mark.quoted.current")`)
	current := eval(`Array.from(document.querySelectorAll("mark.quoted.current")).map(function (m) { return m.textContent; }).join("")`)
	if current != words {
		t.Errorf("arriving marks %q as the citation's words, want %q", current, words)
	}
	if eval(`String(document.querySelectorAll(".passage:has(mark.current) mark.quoted:not(.current):not(.quiet)").length)`) != "0" {
		t.Error("other cited words of the passage are not marked quietly")
	}
}
