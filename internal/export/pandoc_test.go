package export

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPandocReads has pandoc, a real consumer of both formats, render a
// bibliography of every entry from each export, and checks that it warns
// about nothing and that the bibliography names every source by its
// title. pandoc reads .bib files as biblatex.
func TestPandocReads(t *testing.T) {
	pandoc, err := exec.LookPath("pandoc")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pandoc is not installed; CI needs it (apt-get install pandoc)")
		}
		t.Skip("pandoc is not installed (apt-get install pandoc): skipping the test that pandoc reads sources.json and sources.bib")
	}
	dir := t.TempDir()
	doc := filepath.Join(dir, "doc.md")
	if err := os.WriteFile(doc, []byte("---\nnocite: '@*'\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	files := exports(t)
	fixtures := fixtures(t)
	for name, data := range files {
		t.Run(name, func(t *testing.T) {
			bib := filepath.Join(dir, name)
			if err := os.WriteFile(bib, data, 0o644); err != nil {
				t.Fatal(err)
			}
			var stdout, stderr bytes.Buffer
			cmd := exec.Command(pandoc, "-f", "markdown", "-t", "plain", "--wrap=none", "--citeproc", "--bibliography", bib, doc)
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("pandoc: %v\n%s", err, stderr.Bytes())
			}
			if stderr.Len() > 0 {
				t.Errorf("pandoc warned:\n%s", stderr.Bytes())
			}
			out := fold(stdout.String())
			for _, s := range fixtures[strings.TrimSuffix(name, filepath.Ext(name))] {
				if title := entryOf(s).Title; !strings.Contains(out, fold(title)) {
					t.Errorf("the bibliography does not name %s by its title %q:\n%s", s.Slug, title, stdout.Bytes())
				}
			}
		})
	}
}

// fold undoes what a citation style may do to a title: change its case
// and make its quotation marks typographic.
func fold(s string) string {
	return strings.ToLower(strings.NewReplacer("’", "'", "‘", "'").Replace(strings.Join(strings.Fields(s), " ")))
}
