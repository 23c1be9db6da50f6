// Package output is the only code that writes a built site to disk, and
// it never loses a file. The new site is assembled in a folder beside the
// destination and exchanged for it in one atomic rename, so a failed or
// killed build leaves the previous output exactly as it was, and the next
// build clears away what a killed one left.
//
// Each build records the files it wrote in a manifest in the output
// folder (ManifestName). A later build removes only files an earlier one
// wrote and it no longer produces; anything else in the folder, such as a
// CNAME, a .nojekyll or the .git of a gh-pages worktree, is the user's
// and is carried over untouched. A folder that holds files but no
// manifest, a regular file, or a folder that overlaps the site's inputs
// is refused.
//
// Files whose bytes did not change are hard-linked from the previous
// output rather than rewritten, so they keep their modification times and
// sync-by-mtime deploys upload only what changed.
package output

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// Files is a site: slash-separated paths relative to the site root,
// mapped to their content.
type Files map[string][]byte

// Stats says what a write did.
type Stats struct {
	Written   int // files new or changed
	Unchanged int // files kept from the previous output
	Removed   int // files an earlier build wrote that the site no longer has

	// Kept names what the output folder holds that no build wrote, and
	// that was left in place: top-level files, and folders with a
	// trailing slash. KeptFiles counts the files among them.
	Kept      []string
	KeptFiles int
}

// Write replaces the site in the folder dir with files, as a Stage does.
func Write(dir string, files Files, inputs ...string) (Stats, error) {
	s, err := NewStage(dir, inputs...)
	if err != nil {
		return Stats{}, err
	}
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		if err := s.Put(p, files[p]); err != nil {
			s.Abort()
			return Stats{}, err
		}
	}
	return s.Commit()
}

// Stage is a site being written beside its destination. Files are put as
// they are made, so a large site never has to be held in memory; Commit
// swaps the staged site in, Abort throws it away and leaves the
// destination as it was.
type Stage struct {
	dir, staging string
	unlock       func()
	previous     previous

	mu    sync.Mutex
	dirs  map[string]bool
	paths map[string]bool
	stats Stats
}

// NewStage starts writing a site that will replace the one in dir.
// inputs are the folders the site is built from (content, templates,
// static); dir may not be one of them, lie inside one or contain one.
// dir's parent is created if missing. The errors that refuse dir are
// *RefusedError.
func NewStage(dir string, inputs ...string) (*Stage, error) {
	shown := dir
	dir, err := checkDestination(dir, inputs)
	if err != nil {
		return nil, err
	}
	parent, base := filepath.Dir(dir), filepath.Base(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	if err := clearLeftovers(dir); err != nil {
		return nil, err
	}
	prev, err := readPrevious(dir, shown)
	if err != nil {
		return nil, err
	}
	staging, err := os.MkdirTemp(parent, "."+base+stagingInfix)
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	unlock, err := lock(staging)
	if err == nil {
		err = os.Chmod(staging, 0o755)
	}
	if err != nil {
		os.RemoveAll(staging)
		return nil, fmt.Errorf("output: %w", err)
	}
	return &Stage{
		dir: dir, staging: staging, unlock: unlock, previous: prev,
		dirs: map[string]bool{}, paths: map[string]bool{},
	}, nil
}

// Put stages one file. It is safe to call from many goroutines. A file
// whose bytes equal the previous output's is hard-linked, not rewritten.
func (s *Stage) Put(p string, data []byte) error {
	return s.Stream(p, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Stream stages one file that write writes, so that a large file (the
// print edition of a big dossier) goes to disk as it is made rather than
// being held in memory first. Like Put, it keeps the previous output's
// file when the bytes are the same.
func (s *Stage) Stream(p string, write func(io.Writer) error) error {
	to, from, err := s.prepare(p)
	if err != nil {
		return err
	}
	f := newStagedFile(to, from)
	w := writers.Get().(*bufio.Writer)
	w.Reset(f)
	err = write(w)
	if err == nil {
		err = w.Flush()
	}
	w.Reset(nil)
	writers.Put(w)
	unchanged := false
	if err == nil {
		unchanged, err = f.finish()
	} else {
		f.abandon()
	}
	if err != nil {
		return fmt.Errorf("output: %s: %w", p, err)
	}
	s.done(p, unchanged)
	return nil
}

// writers are the buffers streamed files are written through, reused:
// a site has thousands of pages, and a buffer each would be hundreds of
// megabytes for the garbage collector.
var writers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 64<<10) }}

// prepare checks a site path and makes its folder in the staging area; it
// returns where the file goes and where the previous output has it, or ""
// when no earlier build wrote it there.
func (s *Stage) prepare(p string) (to, from string, err error) {
	if !validPath(p) {
		return "", "", fmt.Errorf("output: invalid site path %q", p)
	}
	if s.previous.user[p] {
		return "", "", s.previous.conflict(p)
	}
	to = filepath.Join(s.staging, filepath.FromSlash(p))
	if err := s.mkdir(filepath.Dir(to)); err != nil {
		return "", "", err
	}
	if s.previous.owned[p] {
		from = filepath.Join(s.dir, filepath.FromSlash(p))
	}
	return to, from, nil
}

// done records a staged file.
func (s *Stage) done(p string, unchanged bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.paths[p] = true
	if unchanged {
		s.stats.Unchanged++
	} else {
		s.stats.Written++
	}
}

func (s *Stage) mkdir(dir string) error {
	s.mu.Lock()
	done := s.dirs[dir]
	s.mu.Unlock()
	if done {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	s.mu.Lock()
	s.dirs[dir] = true
	s.mu.Unlock()
	return nil
}

// validPath reports whether p can name a file of the site: relative,
// clean, inside the site, not the manifest, and one line of it.
func validPath(p string) bool {
	return p != "" && !strings.HasPrefix(p, "/") && path.Clean(p) == p && !strings.HasPrefix(p, "../") && p != ".." &&
		p != ManifestName && p[0] != '#' && !strings.ContainsAny(p, "\n\r\x00")
}
