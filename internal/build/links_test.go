package build

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/internal/corpus/corpustest"
	"github.com/dossier-dev/dossier/internal/linkcache"
)

// A build that takes its documents' wikilinks from an earlier run's link
// cache parses none of them while building, and makes the same site, page
// for page: quotes' sentences, footnotes, headings and all, parsed when a
// page reads them. So does its rebuild after an edit, which parses the
// edited note alone.
func TestBuildFromTheLinkCacheEqualsAParsedBuild(t *testing.T) {
	for name, content := range map[string]string{
		"shipped":   "../../content",
		"generated": corpustest.Write(t, "../../content", 60),
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			copyDir(t, content, dir, time.Now().Add(-time.Hour))
			first := New(Options{Content: dir})
			parsed, diags, err := first.Build()
			if err != nil || len(diags) > 0 {
				t.Fatalf("build: %v %v", err, diags)
			}
			if parsed.Parsed == 0 {
				t.Fatal("the first build parsed no document")
			}
			// Through the file, as dossier serve keeps them.
			file := filepath.Join(t.TempDir(), "links.bin")
			if err := linkcache.Write(file, first.Links()); err != nil {
				t.Fatal(err)
			}
			links := linkcache.Read(file)
			if len(links) == 0 {
				t.Fatal("the link cache holds nothing")
			}
			cached := New(Options{Content: dir, Links: links})
			res, diags, err := cached.Build()
			if err != nil || len(diags) > 0 {
				t.Fatalf("build from the cache: %v %v", err, diags)
			}
			if res.Parsed != 0 {
				t.Errorf("the build from the cache parsed %d documents while building, want none", res.Parsed)
			}
			sameFiles(t, "from the cache", res.Files, parsed.Files)

			note := filepath.Join(dir, "notes", firstNote(t, dir))
			data, err := os.ReadFile(note)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(note, append(data, "\nAn added line.\n"...), 0o644); err != nil {
				t.Fatal(err)
			}
			again, diags, err := cached.buildAfter([]string{note})
			if err != nil || len(diags) > 0 {
				t.Fatalf("rebuild: %v %v", err, diags)
			}
			if again.Parsed != 1 {
				t.Errorf("the rebuild parsed %d documents, want the edited one", again.Parsed)
			}
			fresh, diags, err := New(Options{Content: dir}).Build()
			if err != nil || len(diags) > 0 {
				t.Fatalf("fresh build: %v %v", err, diags)
			}
			sameFiles(t, "rebuilt from the cache", again.Files, fresh.Files)
		})
	}
}

// sameFiles reports the files of got that differ from want's.
func sameFiles(t *testing.T, what string, got, want map[string][]byte) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d files, want %d", what, len(got), len(want))
	}
	for p, w := range want {
		if string(got[p]) != string(w) {
			t.Errorf("%s: %s differs", what, p)
		}
	}
}

// firstNote is the name of the first note of the content folder dir.
func firstNote(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(dir, "notes"))
	if err != nil || len(entries) == 0 {
		t.Fatalf("no notes in %s: %v", dir, err)
	}
	return entries[0].Name()
}
