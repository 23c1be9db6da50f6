// Package browsertest starts a headless Chromium for a test, skipping the
// test when there is none, except under CI=true, where a missing browser
// is a broken set-up and must not pass silently.
package browsertest

import (
	"context"
	"os"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/dossier-dev/dossier/internal/browser"
)

// Start starts the browser with a window of width by height and returns
// a context for its tab; the browser stops when the test ends.
func Start(t testing.TB, width, height int) context.Context {
	t.Helper()
	bin, err := browser.Find()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and %v (.ci/run installs it: apt-get install chromium)", err)
		}
		t.Skipf("skipping the browser test: %v", err)
	}
	ctx, cancel := browser.Start(context.Background(), bin, t.TempDir(), chromedp.WindowSize(width, height))
	t.Cleanup(cancel)
	// Start the browser now, so that its start-up is not counted in the
	// test's first wait.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", bin, err)
	}
	return ctx
}
