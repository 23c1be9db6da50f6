package cli

import (
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/internal/corpus"
)

// TestMain lets a test run the command line in a child process, which it
// can then kill: the test binary, started with DOSSIER_RUN_CLI=1, is
// dossier. The tests' serve keeps its link cache in a folder of their
// own, not the user's.
func TestMain(m *testing.M) {
	if os.Getenv("DOSSIER_RUN_CLI") == "1" {
		os.Exit(Run(os.Args[1:], os.Stdout, os.Stderr))
	}
	cache, err := os.MkdirTemp("", "dossier-cli-test-cache")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("XDG_CACHE_HOME", cache)
	code := m.Run()
	os.RemoveAll(cache)
	os.Exit(code)
}

// dossierCommand is the command line args run in a child process.
func dossierCommand(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "DOSSIER_RUN_CLI=1")
	return cmd
}

// hashTree maps every file under dir to a hash of its bytes.
func hashTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		h := sha256.New()
		if _, err := io.Copy(h, f); err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[rel] = fmt.Sprintf("%x", h.Sum(nil))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sameTree(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for p, h := range a {
		if b[p] != h {
			return false
		}
	}
	return true
}

// A build killed at any point leaves the output folder holding one whole
// site, the previous or the new, with the user's files in it; the next
// build clears away whatever the killed one left beside it.
func TestKilledBuildsLeaveACompleteSite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 2,000-note dossier a dozen times")
	}
	root := t.TempDir()
	content, out := filepath.Join(root, "content"), filepath.Join(root, "out")
	c, err := corpus.New(corpus.Options{Shipped: "../../content", Notes: 2000, Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Write(content); err != nil {
		t.Fatal(err)
	}
	config, err := os.ReadFile(filepath.Join(content, "dossier.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	edition := func(name string) {
		t.Helper()
		text := strings.Replace(string(config), "title:", "title: "+name+" —", 1)
		if err := os.WriteFile(filepath.Join(content, "dossier.yaml"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	build := func() time.Duration {
		t.Helper()
		start := time.Now()
		if msg, err := dossierCommand("build", "--content", content, "--out", out).CombinedOutput(); err != nil {
			t.Fatalf("build: %v\n%s", err, msg)
		}
		return time.Since(start)
	}

	edition("A")
	build()
	os.WriteFile(filepath.Join(out, "CNAME"), []byte("brief.example"), 0o644)
	sites := map[string]map[string]string{"A": hashTree(t, out)}
	edition("B")
	took := build()
	sites["B"] = hashTree(t, out)

	r := rand.New(rand.NewPCG(11, 1))
	current := "B"
	for i := range 6 {
		next := map[string]string{"A": "B", "B": "A"}[current]
		edition(next)
		cmd := dossierCommand("build", "--content", content, "--out", out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(r.Int64N(int64(took)))
		time.Sleep(delay)
		cmd.Process.Kill()
		cmd.Wait()
		got := hashTree(t, out)
		switch {
		case sameTree(got, sites[current]):
		case sameTree(got, sites[next]):
			current = next
		default:
			t.Fatalf("kill %d after %s: the output is neither site %s nor %s (%d files)", i, delay, current, next, len(got))
		}
	}
	edition(map[string]string{"A": "B", "B": "A"}[current])
	build()
	entries, _ := os.ReadDir(root)
	if len(entries) != 2 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("beside the output after a finished build: %v, want only content and out", names)
	}
	if data, _ := os.ReadFile(filepath.Join(out, "CNAME")); string(data) != "brief.example" {
		t.Errorf("CNAME = %q after the killed builds", data)
	}
}
