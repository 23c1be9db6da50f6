package cli

import (
	"bufio"
	"cmp"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// BenchmarkServeProcess measures dossier serve as a user starts it: from
// running the command to its home page and a note page served, in a new
// process each time (this test binary, run as dossier), on the shipped
// dossier or the folder DOSSIER_BENCH_CONTENT names. Unlike
// internal/serve's BenchmarkStart it counts the process's start, and no
// run inherits another's heap.
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
	for b.Loop() {
		cmd := dossierCommand("serve", "--content", content, "--addr", "127.0.0.1:0")
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
		b.StopTimer()
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		b.StartTimer()
	}
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
