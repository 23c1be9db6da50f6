package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// RefusedError is an output folder that a site must not be written to:
// writing there could overwrite or delete files dossier did not write.
type RefusedError struct{ msg string }

func (e *RefusedError) Error() string { return e.msg }

func refused(format string, a ...any) error { return &RefusedError{fmt.Sprintf(format, a...)} }

// checkDestination refuses an output folder that is a file or overlaps
// one of the inputs, and returns its real path: a symlinked output folder
// is written where the link points.
func checkDestination(dir string, inputs []string) (string, error) {
	if dir == "" {
		return "", refused("no output folder given")
	}
	real, err := realPath(dir)
	if err != nil {
		return "", fmt.Errorf("output: %w", err)
	}
	if info, err := os.Stat(real); err == nil && !info.IsDir() {
		return "", refused("refusing to write the site to %s: it is a file, not a folder", dir)
	}
	for _, in := range inputs {
		if in == "" {
			continue
		}
		realIn, err := realPath(in)
		if err != nil {
			return "", fmt.Errorf("output: %w", err)
		}
		how := ""
		switch {
		case real == realIn:
			how = "is"
		case within(real, realIn):
			how = "lies inside"
		case within(realIn, real):
			how = "contains"
		default:
			continue
		}
		return "", refused("refusing to write the site to %s: it %s %s, a folder the site is built from", dir, how, in)
	}
	return real, nil
}

// within reports whether path p lies strictly inside folder dir; both are
// clean and absolute.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// realPath makes p absolute and resolves the symlinks in the part of it
// that exists, so that two names for one folder compare equal.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	existing, rest := abs, ""
	for {
		resolved, err := filepath.EvalSymlinks(existing)
		if err == nil {
			return filepath.Join(resolved, rest), nil
		}
		if !errors.Is(err, os.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(existing)
		if parent == existing {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(existing), rest)
		existing = parent
	}
}
