// Package browser finds and starts the headless Chromium that dossier
// drives: to print PDFs, and in tests to look at pages.
package browser

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"

	"github.com/chromedp/chromedp"
)

// ErrNoChromium is returned when no Chromium or Chrome can be found.
var ErrNoChromium = errors.New("no Chromium or Chrome found: install one (Debian/Ubuntu: apt-get install chromium; Fedora: dnf install chromium; macOS: brew install --cask chromium) or set DOSSIER_CHROMIUM to the browser's path")

// candidates are the names Chromium and Chrome go by, most likely first.
var candidates = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "headless_shell", "headless-shell"}

// Find returns the path of a Chromium-based browser: the one in
// $DOSSIER_CHROMIUM, or the first of the usual names on $PATH, or in the
// usual places.
func Find() (string, error) {
	if p := os.Getenv("DOSSIER_CHROMIUM"); p != "" {
		found, err := exec.LookPath(p)
		if err != nil {
			return "", fmt.Errorf("DOSSIER_CHROMIUM=%s cannot be run (%v): %w", p, err, ErrNoChromium)
		}
		return found, nil
	}
	for _, name := range candidates {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	for _, p := range []string{"/usr/bin/chromium", "/snap/bin/chromium", "/Applications/Chromium.app/Contents/MacOS/Chromium", "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"} {
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", ErrNoChromium
}

// Start starts the browser at bin, headless, with its profile in the
// folder profile, and returns a context for its first tab. Only the flags
// a headless run needs: no sandbox (containers and CI run as root), no
// GPU, and nothing that phones home or syncs, which a closed network
// refuses. Cancel stops the browser.
func Start(ctx context.Context, bin, profile string, extra ...chromedp.ExecAllocatorOption) (tab context.Context, cancel context.CancelFunc) {
	opts := append([]chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile),
	}, extra...)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	tab, cancelTab := chromedp.NewContext(actx)
	return tab, func() {
		cancelTab()
		cancelAlloc()
	}
}
