package serve

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/internal/build"
	"github.com/dossier-dev/dossier/internal/watch"
)

// watched starts the rebuild loop on a fixture, as `dossier serve` does,
// with a short quiet period so the tests do not idle. prepare, if given,
// changes the fixture before the first build.
func watched(t *testing.T, prepare ...func(fixture)) (fixture, *Server) {
	t.Helper()
	f := newFixture(t)
	for _, p := range prepare {
		p(f)
	}
	s := newServer(t, f)
	w, err := watch.New(s.Roots(), watch.WithQuiet(20*time.Millisecond), watch.WithMaxDelay(200*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Watch(ctx, w); close(done) }()
	t.Cleanup(func() {
		cancel()
		w.Close()
		<-done
	})
	return f, s
}

// page returns the served body of a URL path and its status.
func page(s *Server, path string) (int, string) {
	rec := get(s, "GET", path)
	return rec.Code, rec.Body.String()
}

func waitForText(t *testing.T, s *Server, path, text string) {
	t.Helper()
	eventually(t, fmt.Sprintf("%q at %s", text, path), func() bool {
		code, body := page(s, path)
		return code == http.StatusOK && strings.Contains(body, text)
	})
}

// A folder that did not exist, and a file made in it, reach the site. The
// static folder is missing at the start, so this also covers a root that
// appears after the server started.
func TestWatchNewFolderAndFile(t *testing.T) {
	f, s := watched(t)
	f.write(t, "static/img/mark.svg", `<svg xmlns="http://www.w3.org/2000/svg"/>`)
	eventually(t, "static/img/mark.*.svg in the site", func() bool {
		for p := range siteFiles(t, s) {
			if strings.HasPrefix(p, "static/img/mark.") && strings.HasSuffix(p, ".svg") {
				return true
			}
		}
		return false
	})

	// And a new note in the existing notes folder becomes a page.
	f.write(t, "content/notes/new-note.md", "---\ntitle: A new note\ndate: 2026-02-01\nthemes: [bases]\n---\n\nFreshly written.\n")
	waitForText(t, s, "/notes/new-note/", "Freshly written.")
}

// Editors save by writing a temporary file and renaming it over the
// original.
func TestWatchAtomicSave(t *testing.T) {
	f, s := watched(t)
	note := "content/notes/base-note-one.md"
	text := strings.Replace(f.read(t, note), "Original text of note one.", "Saved atomically.", 1)
	tmp := f.path("content/notes/.base-note-one.md.tmp1234")
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, f.path(note)); err != nil {
		t.Fatal(err)
	}
	waitForText(t, s, "/notes/base-note-one/", "Saved atomically.")
}

func TestWatchDelete(t *testing.T) {
	f, s := watched(t)
	f.write(t, "content/notes/short-lived.md", "---\ntitle: Short-lived\ndate: 2026-02-01\nthemes: [bases]\n---\n\nHere for now.\n")
	waitForText(t, s, "/notes/short-lived/", "Here for now.")
	if err := os.Remove(f.path("content/notes/short-lived.md")); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the deleted note to be gone", func() bool {
		code, _ := page(s, "/notes/short-lived/")
		return code == http.StatusNotFound
	})
	if _, body := page(s, "/notes/"); strings.Contains(body, "Short-lived") {
		t.Error("the notes list still shows the deleted note")
	}
}

// A burst of writes ends in one consistent site: the one a fresh build of
// the final files gives, holding the last write.
func TestWatchBurstEndsConsistent(t *testing.T) {
	f, s := watched(t)
	note := "content/notes/base-note-one.md"
	base := f.read(t, note)
	const n = 200
	for i := range n {
		f.write(t, note, strings.Replace(base, "Original text of note one.", fmt.Sprintf("Burst write %d.", i), 1))
	}
	last := fmt.Sprintf("Burst write %d.", n-1)
	waitForText(t, s, "/notes/base-note-one/", last)
	eventually(t, "a healthy site", s.Healthy)

	// The served site is a whole build, not a mix of two: compare every
	// file with a fresh build of what is on disk now.
	// Serve builds with stable asset names; so must the comparison.
	opts := f.opts
	opts.StableAssetNames = true
	fresh, diags, err := build.New(opts).Build()
	if err != nil || len(diags) > 0 {
		t.Fatalf("fresh build: %v %v", err, diags)
	}
	eventually(t, "the served site to equal a fresh build", func() bool {
		return maps.EqualFunc(siteFiles(t, s), fresh.Files, bytes.Equal)
	})
	// No intermediate write survives anywhere in the site.
	for p, data := range siteFiles(t, s) {
		for i := range n - 1 {
			if bytes.Contains(data, fmt.Appendf(nil, "Burst write %d.", i)) {
				t.Fatalf("%s still holds write %d", p, i)
			}
		}
	}
	if got := slices.Sorted(maps.Keys(siteFiles(t, s))); len(got) != len(fresh.Files) {
		t.Errorf("served %d files, fresh build %d", len(got), len(fresh.Files))
	}
}

// A broken edit made while watching is reported to connected pages, and
// the fix clears it, over the event stream.
func TestWatchBrokenEditThenFix(t *testing.T) {
	f, s := watched(t)
	ts := startHTTP(t, s)
	open := "notes/base-note-two/index.html"
	get(s, "GET", "/"+open)
	events := subscribeAs(t, ts.URL, open)
	next(t, events) // hello
	note := "content/notes/base-note-two.md"
	good := f.read(t, note)
	f.write(t, note, strings.Replace(good, "[[kant-air-base]]", "[[no-such-entity]]", 1))
	for m := next(t, events); len(m.Problems) == 0; m = next(t, events) {
	}
	f.write(t, note, strings.Replace(good, "Original text of note two.", "Fixed.", 1))
	for m := next(t, events); m.Type != "reload" || len(m.Problems) != 0 || !slices.Contains(m.Pages, open); m = next(t, events) {
	}
	waitForText(t, s, "/notes/base-note-two/", "Fixed.")
	if !s.Healthy() {
		t.Error("not healthy after the fix")
	}
}
