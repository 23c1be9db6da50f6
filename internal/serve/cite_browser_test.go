package serve

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/dossier-dev/dossier/internal/build"
	"github.com/dossier-dev/dossier/internal/output"
)

// shippedContent is the dossier in the repository, which these tests
// read and never write.
const shippedContent = "../../content"

// citeCases are selections on the source page of kucera-2012 and the
// wikilink the copy popover must offer for each. Every expected quote is
// checked against the build's resolver below (TestCiteQuotesResolve), so
// that the page and the build agree on what is unique.
var citeCases = []struct {
	name string
	// passage is the passage's id; from and to are the first and last
	// selected words as they appear in its text (to may be in next).
	passage, from, to string
	// next, when set, is a second passage the selection runs into.
	next string
	want string
	// warn is a phrase the popover's warning must hold, "" for none.
	warn string
	// tooShort is the selection as a quote, when the build must call it
	// ambiguous: the popover grew it.
	tooShort string
}{
	{
		name: "unique as selected", passage: "p-0186dfc6", from: "acting", to: "tough",
		want: `[[kucera-2012#"acting tough"]]`,
	},
	{
		name: "grown to be unique", passage: "p-0d69bd67", from: "with", to: "CSTO.",
		want:     `[[kucera-2012#"relationship with the CSTO"]]`,
		tooShort: "with the CSTO",
	},
	{
		name: "part of a word, dash and curly quotes", passage: "p-e02a9add", from: "versed", to: "Russia",
		want: `[[kucera-2012#"reversed – Russia"]]`,
	},
	{
		name: "across passages", passage: "p-0186dfc6", from: "increasing", to: "late,", next: "p-40d5a204",
		want: `[[kucera-2012#"increasing weakness"]]`,
		warn: "more than one passage",
	},
}

// siteDir builds the shipped dossier into a temp folder, for file:// URLs.
func siteDir(t *testing.T) string {
	t.Helper()
	res, diags, err := build.New(build.Options{Content: shippedContent}).Build()
	if err == nil && len(diags) > 0 {
		err = diags
	}
	if err != nil {
		t.Fatalf("building the shipped dossier: %v", err)
	}
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := output.Write(dir, res.Files); err != nil {
		t.Fatal(err)
	}
	return dir
}

// act runs actions in the tab, failing the test after waitLimit: a
// click waits for its node, for ever unless told.
func act(t *testing.T, ctx context.Context, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	cctx, cancel := context.WithTimeout(ctx, waitLimit)
	defer cancel()
	if err := chromedp.Do(cctx, actions...); err != nil {
		t.Fatal(err)
	}
}

func evalIn[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// selectWords selects, in the page, from the first occurrence of from in
// one passage's text to the end of the first occurrence of to in another
// (or the same) passage, as a reader's drag would.
func selectWords(passage, from, next, to string) string {
	if next == "" {
		next = passage
	}
	return `(() => {
  // point finds word in the passage's text, after the point after if
  // that is in the same text node.
  const point = (id, word, end, after) => {
    const p = document.getElementById(id).querySelector("p, blockquote") || document.getElementById(id);
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    let seen = !after || !p.contains(after[0]);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      seen = seen || n === after[0];
      if (!seen || n.parentNode.closest("sup")) continue;
      const i = n.nodeValue.indexOf(word, after && after[0] === n ? after[1] : 0);
      if (i >= 0) return [n, end ? i + word.length : i];
    }
    throw new Error(word + " not in " + id);
  };
  const [sn, so] = point(` + strconv.Quote(passage) + `, ` + strconv.Quote(from) + `, false);
  const [en, eo] = point(` + strconv.Quote(next) + `, ` + strconv.Quote(to) + `, true, [sn, so]);
  const r = document.createRange();
  r.setStart(sn, so);
  r.setEnd(en, eo);
  const sel = getSelection();
  sel.removeAllRanges();
  sel.addRange(r);
  return true;
})()`
}

const (
	popOpen      = `(() => { const p = document.getElementById("cite-copy"); return p !== null && !p.hidden; })()`
	popWikilink  = `document.querySelector("#cite-copy .cite-copy-wikilink").textContent`
	popWarning   = `(() => { const w = document.querySelector("#cite-copy .cite-copy-warn"); return w.hidden ? "" : w.textContent; })()`
	popReference = `document.querySelector("#cite-copy .cite-copy-reference").textContent`
	popLink      = `document.querySelector("#cite-copy .cite-copy-link").textContent`
	activeClass  = `document.activeElement ? document.activeElement.className : ""`
)

// TestBrowserCiteCopy selects words on a source page, opened from disk
// and from dossier serve, and checks what the copy popover offers.
func TestBrowserCiteCopy(t *testing.T) {
	ctx := browser(t)
	dir := siteDir(t)
	s := New(build.Options{Content: shippedContent}, io.Discard, &testWriter{t})
	t.Cleanup(s.Close)
	s.Rebuild(nil)
	ts := startHTTP(t, s)

	for _, origin := range []struct{ name, url string }{
		{"file", "file://" + filepath.ToSlash(dir) + "/sources/kucera-2012/index.html"},
		{"serve", ts.URL + "/sources/kucera-2012/"},
	} {
		t.Run(origin.name, func(t *testing.T) {
			act(t, ctx, chromedp.Navigate(origin.url))
			await(t, ctx, "the cite buttons", `document.querySelectorAll(".pcopy").length > 10`)
			for _, c := range citeCases {
				evalIn[bool](t, ctx, `getSelection().removeAllRanges(), true`)
				await(t, ctx, "the popover to close", "!"+popOpen)
				evalIn[bool](t, ctx, selectWords(c.passage, c.from, c.next, c.to))
				await(t, ctx, c.name+": the popover", popOpen)
				if got := evalIn[string](t, ctx, popWikilink); got != c.want {
					t.Errorf("%s: wikilink %s, want %s", c.name, got, c.want)
				}
				warn := evalIn[string](t, ctx, popWarning)
				switch {
				case c.warn == "" && warn != "":
					t.Errorf("%s: unexpected warning %q", c.name, warn)
				case !strings.Contains(warn, c.warn):
					t.Errorf("%s: warning %q, want one about %q", c.name, warn, c.warn)
				}
				if got, want := evalIn[string](t, ctx, popLink), "#"+c.passage; !strings.HasSuffix(got, want) || !strings.HasPrefix(got, origin.url[:4]) {
					t.Errorf("%s: link %q, want an absolute URL ending %q", c.name, got, want)
				}
			}

			// The ¶ button opens the popover for its passage, with the
			// focus on its first button; Copy copies, Escape closes it
			// and gives the focus back to the ¶ button.
			evalIn[bool](t, ctx, `getSelection().removeAllRanges(), true`)
			await(t, ctx, "the popover to close", "!"+popOpen)
			act(t, ctx, chromedp.Click(chromedp.CSS(`#p-c58cc245 .pcopy`)))
			await(t, ctx, "the ¶7 popover", popOpen)
			if got, want := evalIn[string](t, ctx, popReference), "Kucera 2012 ¶7"; got != want {
				t.Errorf("¶7 reference %q, want %q", got, want)
			}
			if got := evalIn[string](t, ctx, popWikilink); !strings.HasPrefix(got, `[[kucera-2012#"Moscow’s`) {
				t.Errorf("¶7 wikilink %q, want a quote of its first words", got)
			}
			if got := evalIn[string](t, ctx, activeClass); got != "cite-copy-button" {
				t.Errorf("the ¶ button left the focus on %q, want the first Copy button", got)
			}
			act(t, ctx, chromedp.KeyEvent(kb.Enter))
			await(t, ctx, "the copy to be confirmed", `document.getElementById("cite-copy").getAttribute("data-copied") === document.querySelector("#cite-copy .cite-copy-wikilink").textContent`)
			// Without navigator.clipboard (file:// in some browsers) the
			// text area fallback copies.
			evalIn[bool](t, ctx, `Object.defineProperty(navigator, "clipboard", {value: undefined, configurable: true}), true`)
			act(t, ctx, chromedp.Click(chromedp.CSS(`#cite-copy button[data-copy="reference"]`)))
			await(t, ctx, "the fallback copy", `document.getElementById("cite-copy").getAttribute("data-copied") === "Kucera 2012 ¶7"`)
			act(t, ctx, chromedp.KeyEvent(kb.Escape))
			await(t, ctx, "Escape to close the popover", "!"+popOpen)
			if got := evalIn[string](t, ctx, activeClass); got != "pcopy" {
				t.Errorf("after Escape the focus is on %q, want the ¶ button", got)
			}

			// A selection dragged with the mouse, then grown with
			// Shift+Arrow keys, updates the popover, and Tab goes from
			// the selection to the popover's buttons.
			xy := evalIn[[]float64](t, ctx, `(() => {
  document.getElementById("p-0186dfc6").scrollIntoView({block: "center"});
  const w = document.createTreeWalker(document.querySelector("#p-0186dfc6 p"), NodeFilter.SHOW_TEXT);
  for (let n = w.nextNode(); n; n = w.nextNode()) {
    const i = n.nodeValue.indexOf("acting tough");
    if (i < 0) continue;
    const r = document.createRange();
    r.setStart(n, i); r.setEnd(n, i + 1);
    const a = r.getBoundingClientRect();
    r.setStart(n, i + 11); r.setEnd(n, i + 12);
    const b = r.getBoundingClientRect();
    return [a.left + 1, (a.top + a.bottom) / 2, b.right - 1, (b.top + b.bottom) / 2];
  }
  return [];
})()`)
			if len(xy) != 4 {
				t.Fatal(`"acting tough" is not in ¶1`)
			}
			act(t, ctx,
				chromedp.MouseEvent(input.DispatchMouseEventTypeMousePressed, xy[0], xy[1], chromedp.ButtonLeft, chromedp.ClickCount(1)),
				chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, (xy[0]+xy[2])/2, xy[3], chromedp.ButtonLeft),
				chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, xy[2], xy[3], chromedp.ButtonLeft),
				chromedp.MouseEvent(input.DispatchMouseEventTypeMouseReleased, xy[2], xy[3], chromedp.ButtonLeft, chromedp.ClickCount(1)))
			await(t, ctx, "the popover after a mouse selection", popOpen+` && document.querySelector("#cite-copy .cite-copy-wikilink").textContent === '[[kucera-2012#"acting tough"]]'`)
			for range len(" wh") {
				act(t, ctx, chromedp.KeyEvent(kb.ArrowRight, chromedp.KeyModifiers(chromedp.ModifierShift)))
			}
			await(t, ctx, "the popover to follow the keyboard", popOpen+` && document.querySelector("#cite-copy .cite-copy-wikilink").textContent === '[[kucera-2012#"acting tough while"]]'`)
			act(t, ctx, chromedp.KeyEvent(kb.Tab))
			if got := evalIn[string](t, ctx, activeClass); got != "cite-copy-button" {
				t.Errorf("Tab after a selection reached %q, want the popover's first Copy button", got)
			}
			act(t, ctx, chromedp.KeyEvent(kb.Escape))
			await(t, ctx, "Escape to close the popover", "!"+popOpen)
			if got := evalIn[string](t, ctx, `document.activeElement.closest(".passage") ? document.activeElement.closest(".passage").id : ""`); got != "p-0186dfc6" {
				t.Errorf("after Escape the focus is in %q, want ¶1", got)
			}
		})
	}

	// A source with pages: the reference carries the page.
	act(t, ctx, chromedp.Navigate("file://"+filepath.ToSlash(dir)+"/sources/comillas-2015/index.html"))
	await(t, ctx, "the cite buttons", `document.querySelectorAll(".pcopy").length > 10`)
	act(t, ctx, chromedp.Click(chromedp.CSS(`.passage[data-mark*=", p. "] .pcopy`)))
	await(t, ctx, "the popover", popOpen)
	if got := evalIn[string](t, ctx, popReference); !strings.HasPrefix(got, "Comillas 2015, p. ") || !strings.Contains(got, ", ¶") {
		t.Errorf("reference %q, want Comillas 2015, p. N, ¶M", got)
	}
}

// foldCases are strings and their folding by the build's fold
// (internal/resolve/fold.go, foldString). The expected values were
// printed by that function on a copy of fold.go; keep them in step with
// it. They cover each rule: case, typographic quotes, ligatures, Go's
// whitespace (which is not JavaScript's \s), hyphens and dashes with the
// whitespace around them, and case mappings where JavaScript's
// toLowerCase differs from Go's unicode.ToLower.
var foldCases = [][2]string{
	{"Russia’s “largest grouping”", "russia's \"largest grouping\""},
	{"cross-border", "crossborder"},
	{"cross- border", "crossborder"},
	{"cross – border", "crossborder"},
	{"cross —\nborder", "crossborder"},
	{"cross\u00adborder", "crossborder"},
	{"a -b", "ab"},
	{"a- b", "ab"},
	{"  Leading and   trailing\t\n ", "leading and trailing"},
	{"oﬃcial ﬁle ﬂow ﬀ ﬄ ﬆ", "official file flow ff ffl st"},
	{"İstanbul DİYANET", "istanbul diyanet"},
	{"ΣΟΦΙΑ ΟΔΟΣ", "σοφια οδοσ"},
	{"Организация Договора", "организация договора"},
	{"KÜLOB Straße ÆØÅ", "külob straße æøå"},
	{"‘single’ „low“ ‛rev‟ «guillemets» ′prime″ `tick´", "'single' \"low\" 'rev\" \"guillemets\" 'prime\" 'tick'"},
	{"no\u00a0break\u2009thin\u3000ideo\u0085nel\ufeffbom", "no break thin ideo nel\ufeffbom"},
	{"nul\x00byte", "nul byte"},
	{"2012–2022 and 2012 - 2022", "20122022 and 20122022"},
	{"x −5 ﹘ ﹣ －", "x5"},
	{"😀 Emoji ÉCOLE", "😀 emoji école"},
	{"Kǅ ǅungla ǈ", "kǆ ǆungla ǉ"},
	{"ﬀ-ﬁ", "fffi"},
	{"end -", "end"},
	{"- start", "start"},
}

// TestBrowserCiteFold runs the page's fold on foldCases.
func TestBrowserCiteFold(t *testing.T) {
	ctx := browser(t)
	dir := siteDir(t)
	act(t, ctx, chromedp.Navigate("file://"+filepath.ToSlash(dir)+"/sources/kucera-2012/index.html"))
	await(t, ctx, "cite.js", `window.dossierCite !== undefined`)
	for _, c := range foldCases {
		if got := evalIn[string](t, ctx, `dossierCite.fold(`+strconv.Quote(c[0])+`)`); got != c[1] {
			t.Errorf("fold(%q) = %q in the page, %q in Go", c[0], got, c[1])
		}
	}
}

// TestCiteQuotesResolve checks citeCases against the build: each
// expected quote resolves to its passage alone, and each selection the
// popover grew is ambiguous as it was.
func TestCiteQuotesResolve(t *testing.T) {
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	copyTree(t, shippedContent, dir)
	var body strings.Builder
	for _, c := range citeCases {
		body.WriteString(c.want + "\n\n")
	}
	note := "---\ntitle: Cite test\ndate: 2024\nauthor: T\nthemes: [csto]\n---\n\n" + body.String()
	if err := os.WriteFile(filepath.Join(dir, "notes", "cite-test.md"), []byte(note), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, diags, err := build.New(build.Options{Content: dir}).Site(); err != nil || len(diags) > 0 {
		t.Fatalf("the expected wikilinks do not all resolve: %v %v", err, diags)
	}
	for _, c := range citeCases {
		if c.tooShort == "" {
			continue
		}
		short := note + "[[kucera-2012#\"" + c.tooShort + "\"]]\n"
		if err := os.WriteFile(filepath.Join(dir, "notes", "cite-test.md"), []byte(short), 0o644); err != nil {
			t.Fatal(err)
		}
		_, diags, err := build.New(build.Options{Content: dir}).Site()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(diags.Error(), "quote ambiguous") {
			t.Errorf("%s: %q as selected should be ambiguous, build says %v", c.name, c.tooShort, diags)
		}
	}
}
