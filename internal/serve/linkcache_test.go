package serve

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/internal/linkcache"
)

// serveWithCache runs Run with the link cache file until it has served the
// home page and a note page, and returns them.
func serveWithCache(t *testing.T, f fixture, cache, note string) (home, page string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Config{Build: f.opts, Addr: "127.0.0.1:0", LinkCache: cache,
			Ready: func(u string) { ready <- u }, Stdout: io.Discard, Stderr: io.Discard})
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	}()
	var base string
	select {
	case base = <-ready:
	case err := <-done:
		t.Fatalf("Run ended before serving: %v", err)
	}
	got := func(u string) string {
		resp, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", u, resp.StatusCode)
		}
		return string(body)
	}
	home, page = got(base), got(base+note)
	// The cache is written after the first build, beside the serving.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		if _, err := os.Stat(cache); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("Run wrote no link cache")
		}
	}
	return home, page
}

// Run keeps the documents' wikilinks in its link cache once it has
// built, and a later Run, starting from them, serves the same pages.
func TestRunKeepsTheLinkCache(t *testing.T) {
	f := newFixture(t)
	notes, _ := filepath.Glob(f.path("content/notes/*.md"))
	if len(notes) == 0 {
		t.Fatal("no notes in the fixture")
	}
	note := "notes/" + filepath.Base(notes[0][:len(notes[0])-len(".md")]) + "/"
	cache := filepath.Join(t.TempDir(), "cache", "links.bin")
	home, page := serveWithCache(t, f, cache, note)
	links := linkcache.Read(cache)
	if len(links) < len(notes) {
		t.Fatalf("the link cache holds %d texts, want at least the %d notes'", len(links), len(notes))
	}
	again, pageAgain := serveWithCache(t, f, cache, note)
	// Each server names its builds apart, for the reload script.
	version := regexp.MustCompile(`data-version="[0-9a-f]+-`)
	same := func(a, b string) bool {
		return version.ReplaceAllString(a, "") == version.ReplaceAllString(b, "")
	}
	if !same(again, home) || !same(pageAgain, page) {
		t.Error("the pages served from the link cache differ from those served before it")
	}
}
