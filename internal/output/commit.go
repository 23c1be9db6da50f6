package output

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// Commit writes the manifest, carries the user's files over from the
// previous output, and exchanges the staged site for it.
func (s *Stage) Commit() (Stats, error) {
	defer s.release()
	if err := writeManifest(s.staging, s.paths); err != nil {
		return Stats{}, err
	}
	kept, err := s.previous.carry(s.dir, s.staging)
	if err != nil {
		return Stats{}, err
	}
	if err := exchange(s.dir, s.staging); err != nil {
		return Stats{}, err
	}
	stats := s.stats
	for p := range s.previous.owned {
		if !s.paths[p] {
			stats.Removed++
		}
	}
	stats.Kept, stats.KeptFiles = s.previous.kept(), kept
	return stats, nil
}

// Abort throws the staged site away.
func (s *Stage) Abort() { s.release() }

// release removes the staging folder, which after a commit holds the
// previous output, and lets other builds clear leftovers again.
func (s *Stage) release() {
	removeTree(s.staging)
	s.unlock()
}

// removeTree removes dir and everything in it, as os.RemoveAll does, also
// where the user made a folder in it read-only: a folder carried over
// from an earlier output keeps its mode.
func removeTree(dir string) error {
	if os.RemoveAll(dir) == nil {
		return nil
	}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			os.Chmod(p, 0o700)
		}
		return nil
	})
	return os.RemoveAll(dir)
}

// carry links every file the user added to the previous output into the
// same place in the staged site, and returns how many there were. Links,
// not moves: until the exchange the files stay where they were, so a
// build killed at any point loses none of them.
func (p previous) carry(dir, staging string) (int, error) {
	n := 0
	var folders []string // the user's folders, made writable until filled
	defer func() {
		for _, f := range slices.Backward(folders) {
			if info, err := os.Lstat(filepath.Join(dir, f)); err == nil {
				os.Chmod(filepath.Join(staging, f), info.Mode().Perm())
			}
		}
	}()
	for _, rel := range p.userPaths {
		from := filepath.Join(dir, filepath.FromSlash(rel))
		to := filepath.Join(staging, filepath.FromSlash(rel))
		info, err := os.Lstat(from)
		if err != nil {
			return n, fmt.Errorf("output: %w", err)
		}
		if existing, err := os.Lstat(to); err == nil {
			if info.IsDir() && existing.IsDir() {
				continue // the site has files in this folder too
			}
			return n, p.conflict(rel)
		}
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return n, p.conflictOr(rel, err)
		}
		switch {
		case info.IsDir():
			err = os.Mkdir(to, info.Mode().Perm()|0o700)
			folders = append(folders, filepath.FromSlash(rel))
		case info.Mode()&os.ModeSymlink != 0:
			err = copySymlink(from, to)
			n++
		default:
			err = linkOrCopy(from, to, info)
			n++
		}
		if err != nil {
			return n, p.conflictOr(rel, err)
		}
	}
	return n, nil
}

func copySymlink(from, to string) error {
	target, err := os.Readlink(from)
	if err != nil {
		return err
	}
	return os.Symlink(target, to)
}

// linkOrCopy hard-links from at to, or copies it where the file system
// cannot link (a mount inside the output folder), keeping its mode and
// modification time.
func linkOrCopy(from, to string, info os.FileInfo) error {
	if os.Link(from, to) == nil {
		return nil
	}
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, info.Mode().Perm())
	if err != nil {
		return err
	}
	_, err = io.Copy(dst, src)
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Chtimes(to, info.ModTime(), info.ModTime())
}
