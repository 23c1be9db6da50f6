// Package pdf prints HTML pages to PDF in headless Chromium, through the
// DevTools protocol (chromedp). The page's own CSS paged media rules set
// the paper, margins, running heads and page numbers; this package adds
// what Chromium cannot do from CSS alone: the page numbers of a table of
// contents, by printing twice.
//
// Chromium has no target-counter(). So Print prints once, reads from the
// PDF the page of every named destination (Chromium writes one for each
// element that an in-page link points at), writes those numbers into the
// elements marked data-toc-for="<id>", and prints again. The page's CSS
// gives the numbers a fixed width, so the second layout matches the
// first; Print checks that it does and prints a third time if not.
package pdf

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/dossier-dev/dossier/internal/browser"
)

// Options tune Print.
type Options struct {
	// Chromium is the browser to run; empty means browser.Find.
	Chromium string
	// Timeout bounds the whole run; zero means two minutes.
	Timeout time.Duration
}

// Result is a printed PDF and what Print learnt about it.
type Result struct {
	PDF []byte
	// Pages is the number of pages.
	Pages int
	// Contents maps each table of contents target (data-toc-for) to its
	// page, from 1.
	Contents map[string]int
	// Passes is how many times the page was printed.
	Passes int
}

// maxPasses bounds the printing: the contents' numbers settle after the
// second pass unless filling them in moved a page break.
const maxPasses = 3

// Print loads the HTML file at path (from disk: the page must work from
// file://) and prints it to PDF, with the page size of its CSS and a
// document outline (PDF bookmarks) made from its headings.
func Print(ctx context.Context, path string, opts Options) (*Result, error) {
	bin := opts.Chromium
	if bin == "" {
		var err error
		if bin, err = browser.Find(); err != nil {
			return nil, err
		}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	profile, err := os.MkdirTemp("", "dossier-chromium-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(profile)

	timeout := opts.Timeout
	if timeout == 0 {
		timeout = 2 * time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	bctx, stop := browser.Start(ctx, bin, profile)
	defer stop()

	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
	if err := chromedp.Do(bctx, chromedp.Navigate(u.String())); err != nil {
		return nil, fmt.Errorf("chromium: loading %s: %w", path, err)
	}
	// Print only once the fonts are in: a late font would move the breaks.
	if _, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
		return nil, fmt.Errorf("chromium: waiting for fonts: %w", err)
	}
	targets, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('[data-toc-for]'), e => e.dataset.tocFor)`))
	if err != nil {
		return nil, fmt.Errorf("chromium: reading the contents: %w", err)
	}

	res := &Result{Contents: map[string]int{}}
	for res.Passes < maxPasses {
		data, err := chromedp.Run(bctx, printAction)
		if err != nil {
			return nil, fmt.Errorf("chromium: printing: %w", err)
		}
		res.Passes++
		doc, err := Parse(data)
		if err != nil {
			return nil, fmt.Errorf("reading the printed PDF: %w", err)
		}
		res.PDF, res.Pages = data, len(doc.Pages)
		pages := map[string]int{}
		for _, id := range targets {
			if n, ok := doc.Dests[id]; ok {
				pages[id] = n
			}
		}
		if len(targets) == 0 || maps.Equal(pages, res.Contents) {
			break
		}
		res.Contents = pages
		numbers, _ := json.Marshal(pages)
		fill := `(() => { const pages = ` + string(numbers) + `;
			for (const e of document.querySelectorAll('[data-toc-for]')) e.textContent = pages[e.dataset.tocFor] ?? '';
			return true; })()`
		if _, err := chromedp.Run(bctx, chromedp.Evaluate[bool](fill)); err != nil {
			return nil, fmt.Errorf("chromium: filling in the contents: %w", err)
		}
	}
	return res, nil
}

// printAction prints with the paper size of the page's @page rule and
// with a tagged PDF, from whose headings Chromium builds the outline.
func printAction(ctx context.Context, t *chromedp.Target) ([]byte, error) {
	yes := true
	no := false
	res, err := cdp.Call(ctx, t, page.PrintToPDF, page.PrintToPDFParams{
		PreferCSSPageSize:       &yes,
		PrintBackground:         &yes,
		DisplayHeaderFooter:     &no,
		GenerateTaggedPDF:       &yes,
		GenerateDocumentOutline: &yes,
	})
	return res.Data, err
}
