package output

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
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
	os.RemoveAll(s.staging)
	s.unlock()
}

// carry links every file the user added to the previous output into the
// same place in the staged site, and returns how many there were. Links,
// not moves: until the exchange the files stay where they were, so a
// build killed at any point loses none of them.
func (p previous) carry(dir, staging string) (int, error) {
	n := 0
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
			err = os.Mkdir(to, info.Mode().Perm())
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
