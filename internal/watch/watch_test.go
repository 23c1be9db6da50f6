package watch

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// The tests in this file make real file events, which the kernel sends
// in real time, so they wait in real time; a synctest bubble cannot hold
// them (see batch_test.go, which tests the batching timers in one).
// Generous limits: these bound how long a failing test waits, they are not
// expectations about speed.
const (
	arrivalTimeout = 10 * time.Second
	// silence is how long a test waits to conclude that nothing (more)
	// arrives. It is many times the quiet period used in the tests.
	silence = 600 * time.Millisecond
)

// start creates a watcher with a short quiet period, closed at the end of
// the test.
func start(t *testing.T, roots ...string) *Watcher {
	t.Helper()
	w, err := New(roots, WithQuiet(20*time.Millisecond), WithMaxDelay(200*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := w.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return w
}

// tempDir returns t.TempDir() with symlinks resolved (macOS /var is a link),
// so it compares equal to the paths the watcher reports.
func tempDir(t *testing.T) string {
	t.Helper()
	d, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// collected is what a test received: every batch, and the union of paths.
type collected struct {
	batches []Batch
	seen    map[string]bool
}

// receive takes one batch, failing the test on errors, on a timeout, and on
// a batch that breaks the documented shape (clean, unique, sorted, absolute).
func receive(t *testing.T, w *Watcher, timeout time.Duration) (Batch, bool) {
	t.Helper()
	deadline := time.After(timeout)
	for {
		select {
		case b, ok := <-w.Batches():
			if !ok {
				t.Fatal("Batches closed unexpectedly")
			}
			if len(b.Paths) == 0 {
				t.Errorf("empty batch")
			}
			if !slices.IsSorted(b.Paths) || len(slices.Compact(slices.Clone(b.Paths))) != len(b.Paths) {
				t.Errorf("paths not sorted and unique: %q", b.Paths)
			}
			for _, p := range b.Paths {
				if !filepath.IsAbs(p) || filepath.Clean(p) != p {
					t.Errorf("path not clean and absolute: %q", p)
				}
			}
			return b, true
		case err := <-w.Errors():
			t.Errorf("unexpected error: %v", err)
		case <-deadline:
			return Batch{}, false
		}
	}
}

// waitFor receives batches until every wanted path has arrived.
func waitFor(t *testing.T, w *Watcher, want ...string) collected {
	t.Helper()
	c := collected{seen: map[string]bool{}}
	deadline := time.Now().Add(arrivalTimeout)
	for {
		missing := slices.DeleteFunc(slices.Clone(want), func(p string) bool { return c.seen[p] })
		if len(missing) == 0 {
			return c
		}
		b, ok := receive(t, w, time.Until(deadline))
		if !ok {
			t.Fatalf("timed out waiting for %q; got batches %v", missing, c.batches)
		}
		c.batches = append(c.batches, b)
		for _, p := range b.Paths {
			c.seen[p] = true
		}
	}
}

// drain receives batches until none arrives for the silence period.
func drain(t *testing.T, w *Watcher) []Batch {
	t.Helper()
	var bs []Batch
	for {
		b, ok := receive(t, w, silence)
		if !ok {
			return bs
		}
		bs = append(bs, b)
	}
}

func mkdir(t *testing.T, p string) {
	t.Helper()
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
}

func write(t *testing.T, p, content string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func rename(t *testing.T, from, to string) {
	t.Helper()
	if err := os.Rename(from, to); err != nil {
		t.Fatal(err)
	}
}

func TestNewFolderThenFile(t *testing.T) {
	root := tempDir(t)
	w := start(t, root)

	dir := filepath.Join(root, "notes")
	mkdir(t, dir)
	file := filepath.Join(dir, "x.md")
	write(t, file, "hello")
	waitFor(t, w, file)

	// A deeper folder made in one go, file included.
	deep := filepath.Join(root, "a", "b", "c")
	mkdir(t, deep)
	deepFile := filepath.Join(deep, "y.md")
	write(t, deepFile, "y")
	waitFor(t, w, deepFile)
}

// A folder that arrives with files already inside (moved in from elsewhere)
// is scanned: its files are reported and its sub-folders watched.
func TestFolderMovedInWithContent(t *testing.T) {
	root := tempDir(t)
	outside := tempDir(t)
	src := filepath.Join(outside, "themes")
	mkdir(t, filepath.Join(src, "sub"))
	write(t, filepath.Join(src, "csto.md"), "csto")
	write(t, filepath.Join(src, "sub", "deep.md"), "deep")
	write(t, filepath.Join(src, ".hidden.md"), "ignored")

	w := start(t, root)
	dst := filepath.Join(root, "themes")
	rename(t, src, dst)
	c := waitFor(t, w, dst, filepath.Join(dst, "csto.md"), filepath.Join(dst, "sub", "deep.md"))
	if c.seen[filepath.Join(dst, ".hidden.md")] {
		t.Errorf("ignored file reported: %v", c.batches)
	}

	// The moved-in sub-folder is watched.
	later := filepath.Join(dst, "sub", "later.md")
	write(t, later, "later")
	waitFor(t, w, later)
}

// Editors save by writing a temporary and renaming it over the target; the
// target must arrive and the temporary must not.
func TestAtomicSave(t *testing.T) {
	root := tempDir(t)
	target := filepath.Join(root, "x.md")
	write(t, target, "v1")
	w := start(t, root)

	// A dot-temporary renamed over the target.
	tmp := filepath.Join(root, ".x.md.tmp123")
	write(t, tmp, "v2")
	rename(t, tmp, target)
	c := waitFor(t, w, target)

	// A tilde-temporary renamed over the target.
	tilde := filepath.Join(root, "x.md~")
	write(t, tilde, "v3")
	rename(t, tilde, target)
	c2 := waitFor(t, w, target)

	// Vim's default: probe with 4913, move the original to a backup, write
	// the target anew, delete the backup.
	probe := filepath.Join(root, "4913")
	write(t, probe, "")
	os.Remove(probe)
	rename(t, target, tilde)
	write(t, target, "v4")
	os.Remove(tilde)
	c3 := waitFor(t, w, target)

	all := slices.Concat(c.batches, c2.batches, c3.batches, drain(t, w))
	for _, b := range all {
		for _, p := range b.Paths {
			if p != target {
				t.Errorf("unexpected path %q in %v", p, all)
			}
		}
	}
	if got, _ := os.ReadFile(target); string(got) != "v4" {
		t.Fatalf("target content = %q", got)
	}
}

func TestRemoveFileAndFolder(t *testing.T) {
	root := tempDir(t)
	file := filepath.Join(root, "a.md")
	dir := filepath.Join(root, "old")
	inner := filepath.Join(dir, "sub", "b.md")
	write(t, file, "a")
	mkdir(t, filepath.Dir(inner))
	write(t, inner, "b")
	w := start(t, root)

	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	waitFor(t, w, file)

	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	waitFor(t, w, dir, inner) // receive fails the test on any error

	// The watcher still works, and a folder with the same name is new.
	mkdir(t, dir)
	again := filepath.Join(dir, "c.md")
	write(t, again, "c")
	waitFor(t, w, again)
}

func TestRenameFolder(t *testing.T) {
	root := tempDir(t)
	oldDir := filepath.Join(root, "old")
	mkdir(t, filepath.Join(oldDir, "sub"))
	write(t, filepath.Join(oldDir, "sub", "f.md"), "f")
	w := start(t, root)

	newDir := filepath.Join(root, "new")
	rename(t, oldDir, newDir)
	waitFor(t, w, oldDir, newDir, filepath.Join(newDir, "sub", "f.md"))

	// Writing inside the new name, at both depths, is seen under the new
	// name: the sub-folder's watch did not keep its old path.
	g := filepath.Join(newDir, "sub", "g.md")
	h := filepath.Join(newDir, "h.md")
	write(t, g, "g")
	write(t, h, "h")
	c := waitFor(t, w, g, h)
	for p := range c.seen {
		if Within(p, oldDir) {
			t.Errorf("write in renamed folder reported under the old name: %q", p)
		}
	}

	// Renaming it away out of the tree removes its watches without errors.
	outside := filepath.Join(tempDir(t), "gone")
	rename(t, newDir, outside)
	waitFor(t, w, newDir)
	write(t, filepath.Join(outside, "sub", "after.md"), "after")
	if bs := drain(t, w); len(bs) != 0 {
		t.Errorf("folder moved out of the tree still reports: %v", bs)
	}
}

// A burst of writes to one file arrives in a few batches, the last of which
// names the file once its content is final.
func TestBurst(t *testing.T) {
	root := tempDir(t)
	file := filepath.Join(root, "x.md")
	w := start(t, root)

	const n = 200
	for i := range n {
		write(t, file, fmt.Sprintf("write %d", i))
	}
	batches := append(waitFor(t, w, file).batches, drain(t, w)...)
	last := batches[len(batches)-1]
	if !slices.Contains(last.Paths, file) {
		t.Errorf("final batch %q does not contain %s", last.Paths, file)
	}
	if got, _ := os.ReadFile(file); string(got) != fmt.Sprintf("write %d", n-1) {
		t.Errorf("content after the final batch = %q", got)
	}
	if len(batches) > 10 {
		t.Errorf("%d writes gave %d batches, want at most 10", n, len(batches))
	}
	t.Logf("%d writes, %d batches", n, len(batches))
}

func TestIgnoredNamesProduceNoBatch(t *testing.T) {
	root := tempDir(t)
	mkdir(t, filepath.Join(root, "notes"))
	w := start(t, root)

	for _, name := range []string{".foo.md.swp", "x.md.swp", "x.swx", "4913", "x.md~", "#x.md#", ".#x.md", "x.tmp", "x.bak", ".x.md.tmp123"} {
		write(t, filepath.Join(root, "notes", name), "noise")
	}
	git := filepath.Join(root, ".git", "objects")
	mkdir(t, git)
	write(t, filepath.Join(git, "ab"), "blob")
	write(t, filepath.Join(root, ".git", "index"), "index")
	if bs := drain(t, w); len(bs) != 0 {
		t.Errorf("ignored names produced batches: %v", bs)
	}

	// The dot-folder is not watched: even later writes in it are silent,
	// while the rest of the tree still reports.
	write(t, filepath.Join(git, "cd"), "blob")
	real := filepath.Join(root, "notes", "real.md")
	write(t, real, "real")
	c := waitFor(t, w, real)
	if len(c.seen) != 1 {
		t.Errorf("got %v, want only %s", c.batches, real)
	}
}

// A root that does not exist yet is picked up when it appears, as is a root
// that is removed and created again.
func TestMissingRoot(t *testing.T) {
	base := tempDir(t)
	root := filepath.Join(base, "site", "templates")
	w := start(t, root)

	mkdir(t, filepath.Join(root, "partials"))
	file := filepath.Join(root, "partials", "head.html")
	write(t, file, "<head>")
	waitFor(t, w, file)

	// Siblings of the missing root's ancestors are not reported.
	write(t, filepath.Join(base, "site", "other.txt"), "other")
	if err := os.RemoveAll(root); err != nil {
		t.Fatal(err)
	}
	c := waitFor(t, w, root)
	for p := range c.seen {
		if !Within(p, root) {
			t.Errorf("path outside the root reported: %q", p)
		}
	}

	mkdir(t, root)
	again := filepath.Join(root, "base.html")
	write(t, again, "base")
	waitFor(t, w, again)
}

func TestCloseReleases(t *testing.T) {
	before := runtime.NumGoroutine()
	root := tempDir(t)
	w, err := New([]string{root})
	if err != nil {
		t.Fatal(err)
	}
	mkdir(t, filepath.Join(root, "a"))
	write(t, filepath.Join(root, "a", "x.md"), "x") // a burst in flight
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	// Both channels are closed once Close returns; a batch may have been
	// delivered before, but the channel must end.
	for range w.Batches() {
	}
	if _, ok := <-w.Errors(); ok {
		t.Error("Errors still open after Close")
	}
	deadline := time.Now().Add(arrivalTimeout)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("goroutines: %d before, %d after Close\n%s", before, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestNewErrors(t *testing.T) {
	if _, err := New(nil); err == nil {
		t.Error("New(nil) succeeded")
	}
	file := filepath.Join(tempDir(t), "f.md")
	write(t, file, "f")
	if _, err := New([]string{file}); err == nil {
		t.Error("New on a file succeeded")
	}
}

func TestRootsAreAbsolute(t *testing.T) {
	root := tempDir(t)
	t.Chdir(root)
	mkdir(t, "content")
	w := start(t, "content", "content/") // duplicates collapse
	if got, want := w.Roots(), []string{filepath.Join(root, "content")}; !slices.Equal(got, want) {
		t.Errorf("Roots() = %q, want %q", got, want)
	}
	file := filepath.Join(root, "content", "x.md")
	write(t, file, "x")
	waitFor(t, w, file)
}

// A symlink to a folder outside the tree is reported as a path, and never
// followed: nothing in the folder it points to is reported or watched,
// however the link got there.
func TestSymlinkOutOfTheTreeIsNotFollowed(t *testing.T) {
	cases := []struct {
		name string
		// before prepares root before the watcher starts, and after makes
		// the link root/d to outside while it runs; both may be nil.
		before, after func(t *testing.T, root, outside string)
	}{
		{
			name:   "link there from the start",
			before: func(t *testing.T, root, outside string) { symlink(t, outside, filepath.Join(root, "d")) },
		},
		{
			name:  "link created",
			after: func(t *testing.T, root, outside string) { symlink(t, outside, filepath.Join(root, "d")) },
		},
		{
			name:   "folder removed, a link in its place",
			before: func(t *testing.T, root, outside string) { mkdir(t, filepath.Join(root, "d")) },
			after: func(t *testing.T, root, outside string) {
				if err := os.Remove(filepath.Join(root, "d")); err != nil {
					t.Fatal(err)
				}
				symlink(t, outside, filepath.Join(root, "d"))
			},
		},
		{
			name:   "folder renamed, a link in its place",
			before: func(t *testing.T, root, outside string) { mkdir(t, filepath.Join(root, "d")) },
			after: func(t *testing.T, root, outside string) {
				rename(t, filepath.Join(root, "d"), filepath.Join(root, "d.old"))
				symlink(t, outside, filepath.Join(root, "d"))
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root, outside := tempDir(t), tempDir(t)
			write(t, filepath.Join(outside, "secret.txt"), "secret")
			link := filepath.Join(root, "d")
			if c.before != nil {
				c.before(t, root, outside)
			}
			w := start(t, root)
			var batches []Batch
			if c.after != nil {
				c.after(t, root, outside)
				batches = append(waitFor(t, w, link).batches, drain(t, w)...)
			}
			for _, b := range batches {
				for _, p := range b.Paths {
					if Within(p, link) && p != link {
						t.Errorf("reported %s, through the link", p)
					}
				}
			}
			// Were the folder outside watched, these would be reported.
			write(t, filepath.Join(outside, "secret.txt"), "secret, edited")
			mkdir(t, filepath.Join(outside, "sub"))
			if bs := drain(t, w); len(bs) != 0 {
				t.Errorf("edits outside the tree were reported: %v", bs)
			}
		})
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// The events of a folder that was replaced by a link may be handled after
// the link is in place, as they are when the watcher is busy: the link is
// reported, not followed. handle is called here as run would call it, on
// a watcher that does not run.
func TestFolderReplacedByALink(t *testing.T) {
	for _, op := range []fsnotify.Op{fsnotify.Remove, fsnotify.Rename} {
		t.Run(op.String(), func(t *testing.T) {
			root, outside := tempDir(t), tempDir(t)
			write(t, filepath.Join(outside, "secret.txt"), "secret")
			link := filepath.Join(root, "d")
			mkdir(t, link)
			fsw, err := fsnotify.NewWatcher()
			if err != nil {
				t.Fatal(err)
			}
			defer fsw.Close()
			w := &Watcher{fsw: fsw, roots: []string{root}, dirs: map[string]bool{}, pending: map[string]struct{}{}}
			if err := w.settle(false); err != nil {
				t.Fatal(err)
			}
			if err := os.Remove(link); err != nil {
				t.Fatal(err)
			}
			symlink(t, outside, link)
			w.handle(fsnotify.Event{Name: link, Op: op})
			w.handle(fsnotify.Event{Name: link, Op: fsnotify.Create})
			if want := map[string]struct{}{link: {}}; !maps.Equal(w.pending, want) {
				t.Errorf("recorded %v; want the link alone", slices.Sorted(maps.Keys(w.pending)))
			}
			if want := map[string]bool{root: true}; !maps.Equal(w.dirs, want) {
				t.Errorf("watching %v; want the root alone", w.dirs)
			}
		})
	}
}
