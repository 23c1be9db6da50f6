package render_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/dossier-dev/dossier/internal/browser/browsertest"
	"github.com/dossier-dev/dossier/internal/output"
)

// shippedTab is a headless Chromium tab on the shipped dossier, built and
// written to a folder for the test.
type shippedTab struct {
	t   *testing.T
	ctx context.Context
	dir string
}

// openShipped builds the shipped dossier and starts a browser window of
// width by height (see browsertest.Start: it skips without Chromium,
// except under CI=true).
func openShipped(t *testing.T, width, height int) *shippedTab {
	t.Helper()
	ctx := browsertest.Start(t, width, height)
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := output.Write(dir, buildAll(t, "../../content")); err != nil {
		t.Fatal(err)
	}
	return &shippedTab{t: t, ctx: ctx, dir: dir}
}

// page is the file:// URL of a page of the site.
func (s *shippedTab) page(rel string) string { return "file://" + filepath.ToSlash(s.dir) + "/" + rel }

func (s *shippedTab) run(actions ...chromedp.Action[chromedp.Void]) {
	s.t.Helper()
	if err := chromedp.Do(s.ctx, actions...); err != nil {
		s.t.Fatal(err)
	}
}

// eval evaluates a JavaScript expression that gives a string.
func (s *shippedTab) eval(expr string) string {
	s.t.Helper()
	v, err := chromedp.Run(s.ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		s.t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// wait polls expr until it is true; what names it in a failure.
func (s *shippedTab) wait(what, expr string) {
	s.t.Helper()
	for start := time.Now(); s.eval("String(!!("+expr+"))") != "true"; time.Sleep(20 * time.Millisecond) {
		if time.Since(start) > 20*time.Second {
			s.t.Fatalf("timed out waiting for %s", what)
		}
	}
}
