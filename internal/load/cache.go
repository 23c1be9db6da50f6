package load

import (
	"errors"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/dossier-dev/dossier/internal/site"
)

// Cache remembers each file's decoded result between loads, so that a
// load after an edit re-reads and re-decodes only the files that changed.
// It serves one content folder; loads through it run one at a time.
// Package build's doc sets out how it fits with the other caches.
type Cache struct {
	mu   sync.Mutex
	root string
	// entries and dirs are what the last load found, by path relative to
	// the content folder.
	entries map[string]*entry
	dirs    map[string]listing
	// forgotten holds the paths named by Forget since the last load; nil
	// when Forget was not called.
	forgotten map[string]bool
	// loads counts loads, and start is when the last one started.
	loads int
	start time.Time
}

// entry is one file's result and the file's size and modification time
// when it was read (nil info: it could not be stat'd).
type entry struct {
	info   fs.FileInfo
	loaded any // a *loaded[T]
	// racy is set when the file was modified so shortly before it was
	// read that a second write could keep its size and time.
	racy bool
	// used is the last load that used the entry.
	used int
}

// listing is a folder's entries, sorted by name, or why it has none.
type listing struct {
	entries []fs.DirEntry
	err     error
	used    int // the last load that listed the folder
	// scanned is what scan made of entries (each folder is scanned for
	// the one set of extensions its kind of file has): at 10,000 notes,
	// 4 ms of each load after an edit.
	scanned *scanned
}

type scanned struct {
	files    []file
	badNames []string
}

// scanDir is loader.scanDir, listing dir as readDir does and scanning
// it again only when the listing changed.
func (c *Cache) scanDir(fsys fs.FS, dir string, exts []string) ([]file, []string, error) {
	entries, err := c.readDir(fsys, dir)
	if err != nil {
		return nil, nil, err
	}
	l := c.dirs[dir]
	if l.scanned == nil {
		files, bad := scan(dir, exts, entries)
		l.scanned = &scanned{files: files, badNames: bad}
		c.dirs[dir] = l
	}
	return l.scanned.files, l.scanned.badNames, nil
}

// racyWindow is how long after a file's modification time a write may
// still leave the time unchanged. Linux stamps files at the clock tick
// (a few milliseconds; Windows every 16 ms), but some file systems keep
// whole seconds, FAT even two.
const racyWindow = 2 * time.Second

// tickWindow is racyWindow for a file system that keeps fractions of a
// second: a generous clock tick.
const tickWindow = 100 * time.Millisecond

// racy reports whether a file stamped mtime when a load started at start
// may since have been written again without its time changing. A time
// with a fraction of a second comes from a file system that keeps them,
// and only the clock tick can hide a write; a whole second may be one
// that keeps only seconds. A 2-second window for every file meant that
// serve, started on files just written (a checkout, a copy), read them
// all again at each edit for two seconds. The window assumes the file's
// time comes from this machine's clock; on a network share stamped by
// another's, a skew beyond it can hide a rewrite that kept size and
// time, which serve's watcher still reports through Forget.
func racy(mtime, start time.Time) bool {
	window := racyWindow
	if mtime.Nanosecond() != 0 {
		window = tickWindow
	}
	return mtime.After(start.Add(-window))
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{} }

// LoadCached is Load, reusing c's results for files whose size and
// modification time are unchanged and that were not named in Forget. The
// result is what Load would return for the same files. Its documents are
// new on each call, so later stages may set their fields; their strings
// and slices are shared with earlier results (an unchanged body is the
// same string, so comparing it with the last one is quick), and slices
// must not be modified in place.
//
// Modification times are coarse: Linux stamps them at the clock tick, so
// a rewrite of a file to the same size within a few milliseconds of the
// last one can keep its size and time. LoadCached re-reads a file that
// was modified shortly before it was read (within 100 ms, or two seconds
// where the file system keeps whole seconds), which covers that race,
// but not a file restored with an older time (cp -p, rsync -t):
// name such files in Forget.
//
// Without a Forget since the last load, LoadCached lists every folder and
// stats every file to find what changed (at 10,000 notes, a few tens of
// milliseconds). After a Forget, it takes the named paths as the only
// changes and looks at nothing else, which makes a load after one edit
// cost a few milliseconds: a file watcher should call Forget before every
// load with all the paths it saw change (with none, if nothing under the
// content folder did), and with "." if it may have missed some.
func LoadCached(fsys fs.FS, root string, c *Cache) (*site.Content, site.Diagnostics) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if root != c.root || c.entries == nil {
		c.root, c.entries, c.dirs = root, map[string]*entry{}, map[string]listing{}
	}
	c.loads++
	c.start = time.Now()
	content, diags := load(fsys, root, c)
	// Only what this load used is kept: removed and renamed files go, and
	// with a content folder gone, everything.
	maps.DeleteFunc(c.entries, func(_ string, e *entry) bool { return e.used != c.loads })
	maps.DeleteFunc(c.dirs, func(_ string, l listing) bool { return l.used != c.loads })
	c.forgotten = nil
	return content, diags
}

// Forget makes the next LoadCached re-read the named files (paths relative
// to the content folder, slash-separated; a folder forgets everything in
// it, "." the whole content folder; paths outside it change nothing) and
// trust that no other file changed.
func (c *Cache) Forget(rel ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.forgotten == nil {
		c.forgotten = map[string]bool{}
	}
	for _, r := range rel {
		c.forgotten[path.Clean(r)] = true
	}
}

// isForgotten reports whether rel or a folder it is in was named in
// Forget.
func (c *Cache) isForgotten(rel string) bool {
	for {
		if c.forgotten[rel] {
			return true
		}
		if rel == "." {
			return false
		}
		rel = path.Dir(rel)
	}
}

// trusted returns rel's entry if Forget vouches for it, without looking
// at the file.
func (c *Cache) trusted(rel string) *entry {
	if e := c.entries[rel]; c.forgotten != nil && e != nil && !e.racy && !c.isForgotten(rel) {
		return e
	}
	return nil
}

// lookup returns rel's entry if the file's size and modification time
// show it is still good, and nil if the file must be read (which stats
// it too). It is called from many goroutines at once: it only reads c.
func (c *Cache) lookup(fsys fs.FS, rel string) *entry {
	e := c.entries[rel]
	if c.forgotten != nil || e == nil || e.racy {
		return nil
	}
	if info, err := fs.Stat(fsys, rel); err == nil && sameFile(e.info, info) {
		return e
	}
	return nil
}

// sameFile reports whether two stats of a file show no change.
func sameFile(a, b fs.FileInfo) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Size() == b.Size() && a.ModTime().Equal(b.ModTime())
}

// entry records what reading a file in the state info gave.
func (c *Cache) entry(info fs.FileInfo, r any) *entry {
	return &entry{info: info, loaded: r, racy: info != nil && racy(info.ModTime(), c.start)}
}

// keep makes e rel's entry for the next load.
func (c *Cache) keep(rel string, e *entry) {
	e.used = c.loads
	c.entries[rel] = e
}

// readDir lists dir: afresh without a Forget, or else by updating the
// last listing with the forgotten paths in dir.
func (c *Cache) readDir(fsys fs.FS, dir string) ([]fs.DirEntry, error) {
	last, known := c.dirs[dir]
	if c.forgotten == nil || !known || last.err != nil || c.isForgotten(dir) {
		return c.list(fsys, dir)
	}
	entries := last.entries
	// names says whether the folder's names, and which of them are
	// folders, are as the last scan found them: an edited file changes
	// neither.
	names := true
	for p := range c.forgotten {
		if path.Dir(p) != dir {
			continue
		}
		name := path.Base(p)
		i, found := slices.BinarySearchFunc(entries, name, func(e fs.DirEntry, name string) int { return strings.Compare(e.Name(), name) })
		// Lstat, as fs.ReadDir describes a link rather than its target.
		info, err := fs.Lstat(fsys, p)
		switch {
		case err == nil && found:
			names = names && entries[i].IsDir() == info.IsDir()
			entries[i] = fs.FileInfoToDirEntry(info)
		case err == nil:
			names = false
			entries = slices.Insert(entries, i, fs.FileInfoToDirEntry(info))
		case !errors.Is(err, fs.ErrNotExist):
			return c.list(fsys, dir)
		case found:
			names = false
			entries = slices.Delete(entries, i, i+1)
		}
	}
	l := listing{entries: entries, used: c.loads}
	if names {
		l.scanned = last.scanned
	}
	c.dirs[dir] = l
	return entries, nil
}

// list reads dir afresh.
func (c *Cache) list(fsys fs.FS, dir string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(fsys, dir)
	c.dirs[dir] = listing{entries: entries, err: err, used: c.loads}
	return entries, err
}
