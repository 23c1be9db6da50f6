package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// The infixes of the folders a build makes beside the output folder
// ".site.dossier-new-123" is a site being staged, ".site.dossier-old-123"
// holds the previous site while it is swapped out where the OS has no
// atomic exchange.
const (
	stagingInfix = ".dossier-new-"
	oldInfix     = ".dossier-old-"
)

// legacyInfixes are the staging folders of dossier versions before the
// manifest, which no build removed.
var legacyInfixes = []string{".new-", ".old-"}

// clearLeftovers finishes what a killed build left beside dir: a
// previous site swapped out but not back is restored, and staging folders
// are removed. Folders another build is still using are locked and left
// alone.
func clearLeftovers(dir string) error {
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return fmt.Errorf("output: %w", err)
	}
	for _, e := range entries {
		kind := leftoverKind(e.Name(), base)
		if kind == "" || !e.IsDir() {
			continue
		}
		leftover := filepath.Join(parent, e.Name())
		unlock, ok := tryLock(leftover)
		if !ok {
			continue
		}
		err := restoreSwappedOut(kind, leftover, dir)
		if err == nil {
			err = removeTree(leftover)
		}
		unlock()
		if err != nil {
			return fmt.Errorf("output: clearing up after an earlier build: %w", err)
		}
	}
	return nil
}

// leftoverKind says whether name is a folder a build makes beside the
// output folder base, and which: stagingInfix or oldInfix.
func leftoverKind(name, base string) string {
	rest, ok := strings.CutPrefix(name, "."+base)
	if !ok {
		return ""
	}
	for _, infix := range []string{stagingInfix, oldInfix} {
		if strings.HasPrefix(rest, infix) {
			return infix
		}
	}
	for i, infix := range legacyInfixes {
		if suffix, ok := strings.CutPrefix(rest, infix); ok && suffix != "" && strings.Trim(suffix, "0123456789") == "" {
			return []string{stagingInfix, oldInfix}[i]
		}
	}
	return ""
}

// restoreSwappedOut puts back the site a build killed mid-swap left in an
// old folder, when the output folder is missing.
func restoreSwappedOut(kind, leftover, dir string) error {
	if kind != oldInfix {
		return nil
	}
	if _, err := os.Lstat(dir); !errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	site := filepath.Join(leftover, "site")
	if _, err := os.Lstat(site); err != nil {
		return nil
	}
	return os.Rename(site, dir)
}
