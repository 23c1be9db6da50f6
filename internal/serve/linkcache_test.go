package serve

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/dossier-dev/dossier/internal/linkcache"
)

// serveWithCache runs Run with the link cache file until it has served
// pages, and returns them, and what Run printed.
func serveWithCache(t *testing.T, f fixture, cache string, pages []string) (served []string, stdout string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	var out syncBuffer
	go func() {
		done <- Run(ctx, Config{Build: f.opts, Addr: "127.0.0.1:0", LinkCache: cache,
			Ready: func(u string) { ready <- u }, Stdout: &out, Stderr: io.Discard})
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
	for _, p := range pages {
		served = append(served, fetch(t, base+p))
	}
	// The cache is written after the first build, beside the serving.
	eventually(t, "the link cache", func() bool {
		_, err := os.Stat(cache)
		return err == nil
	})
	return served, out.String()
}

// syncBuffer is a strings.Builder safe for the goroutines of Run.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Run keeps the documents' wikilinks in its link cache once it has
// built, and a later Run starts from them, parsing no document to
// resolve, and serves the same pages: the source page among them shows
// the sentence of each citation, which needs the note's parsed tree.
func TestRunKeepsTheLinkCache(t *testing.T) {
	f := newFixture(t)
	notes, _ := filepath.Glob(f.path("content/notes/*.md"))
	if len(notes) == 0 {
		t.Fatal("no notes in the fixture")
	}
	pages := []string{"", "sources/test-2020/", "themes/bases/"}
	for _, n := range notes {
		pages = append(pages, "notes/"+strings.TrimSuffix(filepath.Base(n), ".md")+"/")
	}
	cache := filepath.Join(t.TempDir(), "cache", "links.bin")
	first, out := serveWithCache(t, f, cache, pages)
	if strings.Contains(out, "link cache") {
		t.Errorf("the first run says it used a link cache: %q", out)
	}
	links := linkcache.Read(cache)
	if len(links) < len(notes) {
		t.Fatalf("the link cache holds %d texts, want at least the %d notes'", len(links), len(notes))
	}
	written, err := os.Stat(cache)
	if err != nil {
		t.Fatal(err)
	}
	again, out := serveWithCache(t, f, cache, pages)
	if !strings.Contains(out, "from the link cache") {
		t.Errorf("the second run did not take the link cache: %q", out)
	}
	// Every text's links came from the cache, which has nothing to add.
	if now, err := os.Stat(cache); err != nil || !now.ModTime().Equal(written.ModTime()) {
		t.Errorf("the second run wrote the link cache again, which it read whole")
	}
	// Each server names its builds apart, for the reload script.
	version := regexp.MustCompile(`data-version="[0-9a-f]+-`)
	for i, p := range pages {
		if version.ReplaceAllString(again[i], "") != version.ReplaceAllString(first[i], "") {
			t.Errorf("/%s served from the link cache differs from the page served before it", p)
		}
	}

	// A note added between runs, plain enough for the scan: the next
	// start takes the others' links from the cache and scans it, and
	// writes the cache again with its links too.
	data, err := os.ReadFile(notes[0])
	if err != nil {
		t.Fatal(err)
	}
	frontMatter, _, _ := strings.Cut(strings.TrimPrefix(string(data), "---\n"), "\n---\n")
	added := "---\n" + frontMatter + "\n---\nA note added since, which links to [[" + strings.TrimSuffix(filepath.Base(notes[0]), ".md") + "]].\n"
	if err := os.WriteFile(f.path("content/notes/zz-added.md"), []byte(added), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, out := serveWithCache(t, f, cache, pages); !strings.Contains(out, "from the link cache") {
		t.Errorf("the third run did not take the link cache: %q", out)
	}
	eventually(t, "the link cache written again", func() bool {
		now, err := os.Stat(cache)
		return err == nil && !now.ModTime().Equal(written.ModTime())
	})
	if n := len(linkcache.Read(cache)); n != len(links)+1 {
		t.Errorf("the link cache holds %d texts after a note was added, want %d", n, len(links)+1)
	}
}
