// Package corpustest writes synthetic dossiers for tests and benchmarks.
package corpustest

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dossier-dev/dossier/internal/corpus"
)

// Write writes the content folder shipped with n generated notes (seed 1)
// to a new temporary folder, and returns the folder. The files are dated
// an hour back, as an analyst's are when the preview starts: files this
// fresh would be read again at every load, since a second write within
// the clock's resolution could leave their size and time unchanged (see
// load.Cache).
func Write(tb testing.TB, shipped string, n int) string {
	tb.Helper()
	dir := tb.TempDir()
	c, err := corpus.New(corpus.Options{Shipped: shipped, Notes: n, Seed: 1})
	if err != nil {
		tb.Fatal(err)
	}
	if err := c.Write(dir); err != nil {
		tb.Fatal(err)
	}
	past := time.Now().Add(-time.Hour)
	err = filepath.WalkDir(dir, func(p string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Chtimes(p, past, past)
	})
	if err != nil {
		tb.Fatal(err)
	}
	return dir
}
