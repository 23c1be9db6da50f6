package cli

import (
	"bufio"
	"cmp"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/internal/linkcache"
)

// BenchmarkServeProcess measures dossier serve as a user starts it: from
// running the command to its home page and a note page served, in a new
// process each time (this test binary, run as dossier), on the shipped
// dossier or the folder DOSSIER_BENCH_CONTENT names. Unlike
// internal/serve's BenchmarkStart it counts the process's start, and no
// run inherits another's heap. "first" starts with no link cache, as the
// first run on a dossier does; "again" with the cache a run before it
// wrote.
//
//	DOSSIER_BENCH_CONTENT=<content> go test ./internal/cli -run '^$' -bench ServeProcess -benchtime 5x
func BenchmarkServeProcess(b *testing.B) {
	content, err := filepath.Abs(cmp.Or(os.Getenv("DOSSIER_BENCH_CONTENT"), "../../content"))
	if err != nil {
		b.Fatal(err)
	}
	notes, _ := filepath.Glob(filepath.Join(content, "notes", "*.md"))
	if len(notes) == 0 {
		b.Fatal("no notes in the content")
	}
	slices.Sort(notes)
	note := "notes/" + strings.TrimSuffix(filepath.Base(notes[len(notes)/2]), ".md") + "/"
	b.Run("first", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			cache := b.TempDir()
			b.StartTimer()
			serveOnce(b, content, cache, note).Kill()
		}
	})
	b.Run("again", func(b *testing.B) {
		cache := b.TempDir()
		b.Setenv("XDG_CACHE_HOME", cache)
		file, err := linkcache.File(content)
		if err != nil {
			b.Fatal(err)
		}
		p := serveOnce(b, content, cache, note)
		for deadline := time.Now().Add(time.Minute); ; time.Sleep(10 * time.Millisecond) {
			if _, err := os.Stat(file); err == nil {
				break
			}
			if time.Now().After(deadline) {
				b.Fatal("serve wrote no link cache")
			}
		}
		p.Kill()
		b.ResetTimer()
		for b.Loop() {
			serveOnce(b, content, cache, note).Kill()
		}
	})
}

// serving is a dossier serve process.
type serving struct {
	b   *testing.B
	cmd *exec.Cmd
}

// Kill ends the process, outside the benchmark's time.
func (s serving) Kill() {
	s.b.StopTimer()
	_ = s.cmd.Process.Kill()
	_ = s.cmd.Wait()
	s.b.StartTimer()
}

// serveOnce runs dossier serve on content with its caches under cache,
// and returns once it has served the home page and the note page.
func serveOnce(b *testing.B, content, cache, note string) serving {
	cmd := dossierCommand("serve", "--content", content, "--addr", "127.0.0.1:0")
	cmd.Env = append(cmd.Env, "XDG_CACHE_HOME="+cache)
	cmd.Stderr = io.Discard
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	// "serving http://127.0.0.1:PORT/ (Ctrl-C to stop)", once built.
	lines := bufio.NewScanner(stdout)
	var url string
	for url == "" && lines.Scan() {
		if rest, ok := strings.CutPrefix(lines.Text(), "serving "); ok {
			url, _, _ = strings.Cut(rest, " ")
		}
	}
	if !strings.HasPrefix(url, "http://") {
		b.Fatalf("serve did not say where it serves: %v", lines.Err())
	}
	for _, p := range []string{"", note} {
		get(b, url+p)
	}
	return serving{b: b, cmd: cmd}
}

// get GETs u, failing the benchmark unless it is served.
func get(b *testing.B, u string) {
	b.Helper()
	client := http.Client{Timeout: time.Minute}
	resp, err := client.Get(u)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil || resp.StatusCode != http.StatusOK {
		b.Fatalf("GET %s: %d %v", u, resp.StatusCode, err)
	}
}
