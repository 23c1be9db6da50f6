// Package layer stacks file systems so that a site's own templates/ and
// static/ override the built-in defaults file by file.
package layer

import (
	"errors"
	"io/fs"
	"slices"
)

// FS is a stack of file systems: a name resolves in the first layer that
// has it, and directory listings merge all layers.
type FS []fs.FS

// Open opens name from the first layer that has it. A layer that has
// name but cannot open it fails the Open: a lower layer's file in its
// place would hide the failure, such as a site's template that is a
// symlink out of its folder.
func (l FS) Open(name string) (fs.File, error) {
	for _, layer := range l {
		f, err := layer.Open(name)
		switch {
		case err == nil:
			return f, nil
		case !errors.Is(err, fs.ErrNotExist):
			return nil, err
		}
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// ReadDir lists name across all layers; an upper layer's entry hides a
// lower one's of the same name.
func (l FS) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]bool{}
	var out []fs.DirEntry
	found := false
	for _, layer := range l {
		entries, err := fs.ReadDir(layer, name)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			return nil, err
		}
		found = true
		for _, e := range entries {
			if !seen[e.Name()] {
				seen[e.Name()] = true
				out = append(out, e)
			}
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int {
		switch {
		case a.Name() < b.Name():
			return -1
		case a.Name() > b.Name():
			return 1
		}
		return 0
	})
	return out, nil
}
