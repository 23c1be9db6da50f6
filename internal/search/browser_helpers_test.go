package search_test

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/dossier-dev/dossier/internal/browser/browsertest"
	"github.com/dossier-dev/dossier/internal/output"
)

// waitLimit bounds how long a test waits for the page; a ceiling for a
// failing test, not an expectation about speed.
const waitLimit = 30 * time.Second

// tab is a headless Chromium tab and what its pages wrote to the console.
type tab struct {
	ctx context.Context
	mu  sync.Mutex
	// problems are console errors, warnings and uncaught exceptions.
	problems []string
}

// newTab starts a headless Chromium for the test (see browsertest.Start)
// and records what its pages write to the console.
func newTab(t *testing.T) *tab {
	t.Helper()
	ctx := browsertest.Start(t, 1000, 800)
	tb := &tab{ctx: ctx}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.IsException() || m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleWarning {
				tb.mu.Lock()
				tb.problems = append(tb.problems, m.String()+" ("+m.URL+")")
				tb.mu.Unlock()
			}
		}
	}()
	return tb
}

// consoleProblems returns what the pages reported as errors or warnings.
func (tb *tab) consoleProblems() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return append([]string(nil), tb.problems...)
}

func (tb *tab) do(t *testing.T, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(tb.ctx, actions...); err != nil {
		t.Fatal(err)
	}
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](t *testing.T, tb *tab, expr string) T {
	t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// check evaluates a boolean expression, false on any error: while a page
// loads there is briefly none to ask.
func (tb *tab) check(expr string) bool {
	ctx, cancel := context.WithTimeout(tb.ctx, 5*time.Second)
	defer cancel()
	ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
	return err == nil && ok
}

// await polls expr until it is true and returns how long that took.
func (tb *tab) await(t *testing.T, what, expr string) time.Duration {
	t.Helper()
	start := time.Now()
	for !tb.check(expr) {
		if time.Since(start) > waitLimit {
			page, _ := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText.slice(0, 2000) : ""`))
			t.Fatalf("timed out waiting for %s (%s); console: %q; page: %s", what, expr, tb.consoleProblems(), page)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return time.Since(start)
}

// press types keys as a keyboard does: each key down carries its text,
// so a page that cancels the key down also stops the character. (Plain
// chromedp.KeyEvent sends the character as a separate event, which
// arrives whatever the page did with the key down.)
func press(keys string, modifiers ...chromedp.Modifier) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		var mods int64
		for _, m := range modifiers {
			mods |= int64(m)
		}
		for _, r := range keys {
			events := kb.Encode(r)
			var text, unmodified string
			for _, e := range events {
				if e.Type == input.DispatchKeyEventTypeChar {
					text, unmodified = e.Text, e.UnmodifiedText
				}
			}
			for _, e := range events {
				if e.Type == input.DispatchKeyEventTypeChar {
					continue
				}
				e.Modifiers |= mods
				if e.Type == input.DispatchKeyEventTypeKeyDown && mods&^int64(chromedp.ModifierShift) == 0 {
					e.Text, e.UnmodifiedText = text, unmodified
				}
				if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, *e); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// writeSite writes site files into a fresh temp folder and returns it.
func writeSite(t *testing.T, files output.Files) string {
	t.Helper()
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	dir = filepath.Join(dir, "site")
	if _, err := output.Write(dir, files); err != nil {
		t.Fatal(err)
	}
	return dir
}

// fileURL is the file:// URL of a path below dir.
func fileURL(dir, rel string) string {
	return "file://" + filepath.ToSlash(dir) + "/" + strings.TrimPrefix(rel, "/")
}
