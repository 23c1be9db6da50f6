package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// buildSite builds testdata/site into a temp folder and returns the
// content and output folders.
func buildSite(t *testing.T) (content, out string) {
	t.Helper()
	content = copySite(t)
	out = filepath.Join(t.TempDir(), "site")
	if code, _, stderr := run(t, "build", "--content", content, "--out", out); code != 0 {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	return content, out
}

func TestCheckOutputPassesOnABuiltSite(t *testing.T) {
	content, out := buildSite(t)
	code, stdout, stderr := run(t, "check", "--content", content, "--output", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// Both checks ran: the content's and the output's.
	if !strings.Contains(stdout, "ok: 1 sources") || !strings.Contains(stdout, "ok: "+out+": ") {
		t.Errorf("stdout = %q", stdout)
	}
}

func TestCheckOutputReportsBrokenLinksAndPages(t *testing.T) {
	content, out := buildSite(t)
	// Break the site three ways: a page gone, an anchor gone, a page
	// that no longer parses cleanly.
	if err := os.Remove(filepath.Join(out, "notes", "second-note", "index.html")); err != nil {
		t.Fatal(err)
	}
	index := filepath.Join(out, "index.html")
	data, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	page := strings.Replace(string(data), `id="main"`, `id="mane"`, 1)
	page = strings.Replace(page, "</header>", "<div></header>", 1)
	if page == string(data) {
		t.Fatal("index.html has no id=\"main\" or </header> to corrupt")
	}
	if err := os.WriteFile(index, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}

	code, _, stderr := run(t, "check", "--content", content, "--output", out)
	if code != 1 {
		t.Fatalf("exit %d, want 1: %s", code, stderr)
	}
	for _, want := range []string{
		filepath.Join(out, "index.html") + `:`, // with line:col
		`"#main": no element on this page has id "main"`,
		`closes <header>`,
		`notes/second-note/index.html does not exist`,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if !strings.Contains(stderr, "dossier: ") || !strings.HasSuffix(strings.TrimSpace(stderr), "errors") {
		t.Errorf("no error count at the end:\n%s", stderr)
	}
}

func TestCheckOutputAlone(t *testing.T) {
	_, out := buildSite(t)
	// The test runs in internal/cli, which has no content folder: a
	// published folder is checked on its own.
	code, stdout, stderr := run(t, "check", "--output", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "checking "+out+" only") || strings.Contains(stdout, "sources") {
		t.Errorf("stdout = %q", stdout)
	}

	if code, _, stderr := run(t, "check", "--output", filepath.Join(t.TempDir(), "nope")); code != 1 || !strings.Contains(stderr, "nope") {
		t.Errorf("missing --output: exit %d, want 1: %s", code, stderr)
	}
}
