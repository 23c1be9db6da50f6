package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const newsPage = "../../testdata/cleaning/html-news-feature/original.html"

// A new user starts a dossier, adds a saved web page, cites it in a note
// and builds: the original is kept byte for byte and linked, the key and
// front matter come from the page, and the citation verifies.
func TestAddAWebPageAndCiteIt(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "brief")
	if code, _, stderr := run(t, "init", dir); code != 0 {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	content := filepath.Join(dir, "content")
	code, stdout, stderr := run(t, "add", "--content", content, newsPage)
	if code != 0 {
		t.Fatalf("add: exit %d: %s", code, stderr)
	}
	text := filepath.Join(content, "sources", "galan-2024.txt")
	if !strings.Contains(stdout, "added "+text) || !strings.Contains(stdout, `cite it as [[galan-2024#"`) {
		t.Errorf("add said:\n%s", stdout)
	}
	original, _ := os.ReadFile(newsPage)
	kept, err := os.ReadFile(filepath.Join(content, "sources", "galan-2024.html"))
	if err != nil || !bytes.Equal(kept, original) {
		t.Errorf("the original was not kept byte for byte: %v", err)
	}
	source, _ := os.ReadFile(text)
	for _, want := range []string{
		"\ntitle: In Almería’s sea of plastic, a new heat rule meets its first summer\n",
		"\nauthors: [Lucía Moreno Galán]\n", "\ndate: \"2024-07-22\"\n", "\ncite: Galán 2024\n",
		"\noriginal: galan-2024.html\n", "\nextractor: go-readability", "\nlanguage: en\n",
		"\nurl: https://www.meridianpost.example.com/",
	} {
		if !strings.Contains(string(source), want) {
			t.Errorf("the source's front matter lacks %q", strings.TrimSpace(want))
		}
	}

	note := "---\ntitle: Heat rules\ndate: 2024-08-01\nthemes: [water]\n---\nThe rule [[galan-2024#\"Spain now bans outdoor work in extreme heat\"]].\n"
	os.WriteFile(filepath.Join(content, "notes", "heat-rules.md"), []byte(note), 0o644)
	out := filepath.Join(dir, "build")
	if code, _, stderr := run(t, "build", "--content", content, "--out", out); code != 0 {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	page, _ := os.ReadFile(filepath.Join(out, "sources", "galan-2024", "index.html"))
	if !bytes.Contains(page, []byte(`href="../../sources/galan-2024/original.html.txt">Original document</a> (saved web page, shown as text)`)) {
		t.Error("the source page does not link to the original document")
	}
	if published, _ := os.ReadFile(filepath.Join(out, "sources", "galan-2024", "original.html.txt")); !bytes.Equal(published, original) {
		t.Error("the published original differs from the page")
	}
	notePage, _ := os.ReadFile(filepath.Join(out, "notes", "heat-rules", "index.html"))
	if !bytes.Contains(notePage, []byte("Galán 2024 ¶1")) {
		t.Error("the note's citation mark is not Galán 2024 ¶1")
	}

	// The same page again gets a key of its own.
	if code, stdout, _ := run(t, "add", "--content", content, newsPage); code != 0 || !strings.Contains(stdout, "galan-2024b.txt") {
		t.Errorf("second add: exit %d: %s", code, stdout)
	}
}

func TestAddRefuses(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "brief")
	run(t, "init", dir)
	content := filepath.Join(dir, "content")
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"add", "--content", content}, 2, "dossier add: want: add FILE..."},
		{[]string{"add", "--content", content, "--key", "example-2024", newsPage}, 2, `dossier add: the key "example-2024" is taken; choose another`},
		{[]string{"add", "--content", content, "--key", "Bad Key", newsPage}, 2, `dossier add: --key "Bad Key" is not a slug`},
		{[]string{"add", "--content", content, "--key", "k", newsPage, newsPage}, 2, "dossier add: --key names one source; got 2 files"},
		{[]string{"add", "--content", filepath.Join(dir, "nowhere"), newsPage}, 2, "has no dossier.yaml; run dossier init"},
		{[]string{"add", "--content", content, filepath.Join(dir, "missing.pdf")}, 1, "missing.pdf: no such file or directory"},
	}
	for _, tt := range tests {
		before := hashTree(t, dir)
		code, _, stderr := run(t, tt.args...)
		if code != tt.code || !strings.Contains(stderr, tt.stderr) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tt.args[3:], code, stderr, tt.code, tt.stderr)
		}
		if !sameTree(before, hashTree(t, dir)) {
			t.Errorf("%v changed the dossier", tt.args[3:])
		}
	}
}

// The lines dossier clean --json gives are lines of the file add writes:
// each passage's first line holds the passage's first words.
func TestCleanJSONCountsTheLinesAddWrites(t *testing.T) {
	code, stdout, stderr := run(t, "clean", "--json", newsPage)
	if code != 0 {
		t.Fatalf("clean: exit %d: %s", code, stderr)
	}
	var c cleanedDoc
	if err := json.Unmarshal([]byte(stdout), &c); err != nil {
		t.Fatal(err)
	}
	if c.Format != "html" || len(c.Passages) < 5 {
		t.Fatalf("format %q, %d passages", c.Format, len(c.Passages))
	}
	dir := filepath.Join(t.TempDir(), "brief")
	run(t, "init", dir)
	run(t, "add", "--content", filepath.Join(dir, "content"), newsPage)
	written, _ := os.ReadFile(filepath.Join(dir, "content", "sources", "galan-2024.txt"))
	lines := strings.Split(string(written), "\n")
	for _, p := range c.Passages {
		first := strings.Fields(p.Text)[0]
		if p.Lines[0] < 1 || p.Lines[0] > len(lines) || !strings.Contains(lines[p.Lines[0]-1], first) {
			t.Errorf("passage %s says it starts on line %d, which does not hold %q", p.ID, p.Lines[0], first)
		}
	}
}

const journalPDF = "../../testdata/cleaning/pdf-journal-water-rights/original.pdf"

// The quick start of the README: init, add a PDF and a saved web page,
// cite both in a note, build. The PDF's citation marks carry its printed
// page numbers.
func TestAddAPDFAndAPageAndCiteBoth(t *testing.T) {
	if _, err := exec.LookPath("pdftohtml"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftohtml is missing: install poppler-utils")
		}
		t.Skip("pdftohtml is missing: install poppler-utils to add PDFs")
	}
	dir := filepath.Join(t.TempDir(), "brief")

	run(t, "init", dir)
	content := filepath.Join(dir, "content")
	code, stdout, stderr := run(t, "add", "--content", content, journalPDF, newsPage)
	if code != 0 {
		t.Fatalf("add: exit %d: %s", code, stderr)
	}
	for _, want := range []string{"sources/ibanez-2024.txt from " + journalPDF + " (pdf)", "kept the original as " + filepath.Join(content, "sources", "ibanez-2024.pdf"), "sources/galan-2024.txt"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("add said:\n%s\nwant %q", stdout, want)
		}
	}
	note := "---\ntitle: Water and heat\ndate: 2024-08-01\nthemes: [water]\n---\n" +
		"Chile's reform [[ibanez-2024#\"temporary concessions of up to thirty years\"]] " +
		"and the Petorca basin [[ibanez-2024#\"When the drought that began in 2010 turned into\"]]; " +
		"Spain's rule [[galan-2024#\"Spain now bans outdoor work in extreme heat\"]].\n"
	os.WriteFile(filepath.Join(content, "notes", "water-and-heat.md"), []byte(note), 0o644)
	out := filepath.Join(dir, "build")
	if code, _, stderr := run(t, "build", "--content", content, "--out", out); code != 0 {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	page, _ := os.ReadFile(filepath.Join(out, "notes", "water-and-heat", "index.html"))
	// The ¶ numbers depend on how the PDF is cut into passages; the
	// pages do not.
	for _, mark := range []string{`Ibáñez 2024, p\. 117, ¶\d+<`, `Ibáñez 2024, pp\. 117–118, ¶\d+<`, `Galán 2024 ¶1<`} {
		if !regexp.MustCompile(mark).Match(page) {
			t.Errorf("the note has no citation mark %s", mark)
		}
	}
	if pdf, _ := os.ReadFile(filepath.Join(out, "sources", "ibanez-2024", "original.pdf")); !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Error("the original PDF is not published beside its source page")
	}
}
