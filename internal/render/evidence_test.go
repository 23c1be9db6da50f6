package render_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Up to 300 notes the evidence page lists each note's warnings; beyond,
// it counts them per note, so that the page stays one a browser opens,
// and says where the list is. The total is the same either way.
func TestEvidencePageCountsWarningsOfManyNotes(t *testing.T) {
	for _, extra := range []int{0, 300} {
		content := filepath.Join(t.TempDir(), "content")
		if err := os.CopyFS(content, os.DirFS("../../testdata/site")); err != nil {
			t.Fatal(err)
		}
		for i := range extra {
			note := fmt.Sprintf("---\ntitle: Extra note %d\ndate: 2026-11-01\nthemes: [bases]\n---\nThe first claim cites nothing. Nor does the second one.\n", i)
			if err := os.WriteFile(filepath.Join(content, "notes", fmt.Sprintf("extra-%03d.md", i)), []byte(note), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		page := string(buildAll(t, content)["evidence/index.html"])
		total := regexp.MustCompile(`\((\d+) in all;`).FindStringSubmatch(page)
		listed := strings.Count(page, `<li class="audit-uncited">`) + strings.Count(page, `<li class="audit-figure">`)
		tallies := strings.Count(page, `<p class="audit-tally">2 sentences cite nothing.</p>`)
		switch {
		case total == nil:
			t.Fatalf("%d extra notes: the page gives no count of warnings", extra)
		case extra == 0 && (listed == 0 || tallies > 0):
			t.Errorf("%d extra notes: %d warnings listed, %d tallies; want them listed", extra, listed, tallies)
		case extra > 0 && tallies != extra:
			t.Errorf("%d extra notes: %d notes tallied as citing nothing twice, want %d", extra, tallies, extra)
		case extra > 0 && !strings.Contains(page, "counts each note's warnings"):
			t.Errorf("%d extra notes: the page does not say that it counts the warnings", extra)
		}
		if extra > 0 {
			var n int
			fmt.Sscan(total[1], &n)
			if n < 2*extra {
				t.Errorf("%d extra notes: %d warnings in all, want at least %d", extra, n, 2*extra)
			}
		}
	}
}
