// Package watch reports changes below a set of folders as batches of paths,
// for the rebuild loop of `dossier serve`.
//
// It wraps fsnotify, which watches single folders only, and adds what an
// editing session needs: folders are watched recursively and new sub-folders
// are picked up as they appear; editor noise (swap files, backups, atomic-save
// temporaries, dot-folders) is dropped by [Ignored]; and a burst of events,
// such as a save that writes, renames and chmods, or a `git checkout`, is
// delivered as one [Batch] so the site is rebuilt once, not once per event.
//
// The batching follows Hugo's watcher/batcher.go in spirit, but instead of a
// fixed tick it waits for a quiet period, so a single save is delivered
// quickly and a long burst is still cut at a maximum delay.
package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Defaults for the batching window; see [WithQuiet] and [WithMaxDelay].
// An editor's save (write, rename, chmod) raises its events within a
// millisecond or two, so 10 ms of quiet holds a save together; were a
// save's events ever further apart, the cost is a second rebuild, not a
// wrong site. Every edit waits out the quiet period before its rebuild
// starts, so it is kept that short: a note edit at 10,000 notes is to be
// served within 50 ms.
const (
	DefaultQuiet    = 10 * time.Millisecond
	DefaultMaxDelay = 300 * time.Millisecond
)

// maxQueuedErrors bounds the errors kept for a consumer that does not read
// [Watcher.Errors]: a full inotify limit fails once per folder, and an
// unbounded queue would grow with the tree.
const maxQueuedErrors = 64

// Batch is one delivery: the paths that changed during a burst of events.
type Batch struct {
	// Paths are absolute, cleaned, deduplicated and sorted. They name files
	// and folders that were created, written, removed or renamed (either
	// name of a rename). A folder that appeared is listed together with
	// everything found inside it; a folder that went away is listed with the
	// sub-folders that were watched inside it. After an event overflow the
	// affected roots themselves are listed: rebuild everything.
	Paths []string
}

// Option configures a [Watcher].
type Option func(*config)

type config struct {
	quiet    time.Duration
	maxDelay time.Duration
}

// WithQuiet sets the quiet period: a batch is delivered once no event has
// arrived for d. Non-positive values keep [DefaultQuiet].
func WithQuiet(d time.Duration) Option {
	return func(c *config) {
		if d > 0 {
			c.quiet = d
		}
	}
}

// WithMaxDelay caps how long a continuous burst is held: a batch is
// delivered at most d after its first event even if events keep coming.
// Non-positive values keep [DefaultMaxDelay].
func WithMaxDelay(d time.Duration) Option {
	return func(c *config) {
		if d > 0 {
			c.maxDelay = d
		}
	}
}

// Watcher watches folders recursively and delivers batches of changed paths.
// Create it with [New]; stop it with [Watcher.Close].
type Watcher struct {
	fsw   *fsnotify.Watcher
	cfg   config
	roots []string // absolute and cleaned, in the order given

	batches chan Batch
	errs    chan error
	done    chan struct{} // closed by Close to stop run
	exited  chan struct{} // closed when run has returned

	closeOnce sync.Once
	closeErr  error

	// The fields below are owned by the run goroutine (and by New before run
	// starts), so they need no lock.

	// dirs holds every folder we asked fsnotify to watch. true: a folder of
	// a root's tree, whose events are reported. false: a guard, the nearest
	// existing ancestor of a missing root, watched only to notice the root
	// appearing.
	dirs    map[string]bool
	pending map[string]struct{} // paths of the burst in progress
	touched bool                // the last event recorded something
	errq    []error             // errors waiting for the consumer
}

// New starts watching the given roots, each a folder watched recursively.
// Paths in batches are absolute, so relative roots are resolved against the
// current directory now.
//
// A root that does not exist is not an error, because `dossier serve` must
// run before the user has created, say, templates/: its nearest existing
// ancestor is watched instead, and when the root appears it is watched and
// its whole content is delivered in a batch. The same happens if a root is
// removed and created again. Use [Watcher.Roots] and os.Stat to tell the user
// which roots are missing.
//
// New fails if no roots are given, if a root exists but is not a folder or
// cannot be watched, or if fsnotify cannot start (for example when the
// inotify instance limit is reached). Failures deeper in the tree do not stop
// the watcher; they arrive on [Watcher.Errors].
func New(roots []string, opts ...Option) (*Watcher, error) {
	if len(roots) == 0 {
		return nil, errors.New("watch: no folders to watch")
	}
	cfg := config{quiet: DefaultQuiet, maxDelay: DefaultMaxDelay}
	for _, o := range opts {
		o(&cfg)
	}
	w := &Watcher{
		cfg:     cfg,
		batches: make(chan Batch),
		errs:    make(chan error),
		done:    make(chan struct{}),
		exited:  make(chan struct{}),
		dirs:    make(map[string]bool),
		pending: make(map[string]struct{}),
	}
	for _, r := range roots {
		abs, err := filepath.Abs(r)
		if err != nil {
			return nil, fmt.Errorf("watch: %w", err)
		}
		if !slices.Contains(w.roots, abs) {
			w.roots = append(w.roots, abs)
		}
		if fi, err := os.Stat(abs); err == nil && !fi.IsDir() {
			return nil, fmt.Errorf("watch: %s: not a folder", abs)
		}
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	w.fsw = fsw
	// Existing content is the starting point, not a change: don't report it.
	if err := w.settle(false); err != nil {
		fsw.Close()
		return nil, err
	}
	go w.run()
	return w, nil
}

// Roots returns the watched roots as absolute, cleaned paths, so a consumer
// can relate the paths of a [Batch] to them with filepath.Rel.
func (w *Watcher) Roots() []string { return slices.Clone(w.roots) }

// Batches returns the channel of batches. It is closed by [Watcher.Close].
//
// A slow consumer never blocks the watcher and loses nothing: while a batch
// waits to be received, later bursts are merged into it.
func (w *Watcher) Batches() <-chan Batch { return w.batches }

// Errors returns the channel of errors that did not stop the watcher: a
// sub-folder that cannot be read or watched, or fsnotify.ErrEventOverflow
// (events were lost; the roots are then rescanned and reported in a batch).
// It is closed by [Watcher.Close]. Reading it is optional: at most 64 errors
// are kept, later ones are dropped.
func (w *Watcher) Errors() <-chan error { return w.errs }

// Close stops the watcher and releases its goroutines and inotify watches.
// When it returns, both channels are closed; events of an unfinished burst
// are discarded. Close may be called more than once.
func (w *Watcher) Close() error {
	w.closeOnce.Do(func() {
		close(w.done)
		<-w.exited
		// Closed after run has returned, so run never uses a closed fsw.
		w.closeErr = w.fsw.Close()
	})
	return w.closeErr
}

// run is the watcher's only goroutine: it owns all state, so events, timer
// and deliveries are handled one at a time without locks.
func (w *Watcher) run() {
	defer close(w.exited)
	defer close(w.errs)
	defer close(w.batches)

	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	var (
		timerC     <-chan time.Time // nil while no burst is in progress
		burstStart time.Time
		ready      = make(map[string]struct{}) // flushed, not yet received
		readyBatch Batch
	)
	// arm starts or extends the burst after something was recorded. Each
	// recorded event extends the quiet period, but never beyond maxDelay
	// after the burst's first event, so a continuous stream of writes still
	// yields regular batches.
	arm := func() {
		now := time.Now()
		if timerC == nil {
			burstStart = now
		}
		wait := min(w.cfg.quiet, burstStart.Add(w.cfg.maxDelay).Sub(now))
		timer.Reset(wait)
		timerC = timer.C
	}
	for {
		// Nil channels disable the send cases when there is nothing to send.
		var batchOut chan<- Batch
		if len(ready) > 0 {
			batchOut = w.batches
		}
		var errOut chan<- error
		var nextErr error
		if len(w.errq) > 0 {
			errOut, nextErr = w.errs, w.errq[0]
		}

		select {
		case <-w.done:
			return

		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			w.touched = false
			w.handle(ev)
			if w.touched {
				arm()
			}

		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			w.fail(fmt.Errorf("watch: %w", err))
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				w.touched = false
				w.resync()
				if w.touched {
					arm()
				}
			}

		case <-timerC:
			timerC = nil
			// Merge rather than replace: if the consumer has not taken the
			// previous batch yet, it gets both bursts in one batch.
			for p := range w.pending {
				ready[p] = struct{}{}
			}
			clear(w.pending)
			readyBatch = Batch{Paths: slices.Sorted(maps.Keys(ready))}

		case batchOut <- readyBatch:
			ready = make(map[string]struct{})
			readyBatch = Batch{}

		case errOut <- nextErr:
			w.errq = w.errq[1:]
		}
	}
}

// handle records what one fsnotify event changed and keeps the set of
// watched folders in step with the tree.
func (w *Watcher) handle(ev fsnotify.Event) {
	// Chmod alone does not change content, and indexers, antivirus and
	// backup tools emit it constantly; Hugo and fsnotify's docs ignore it.
	if ev.Op == fsnotify.Chmod || ev.Op == 0 {
		return
	}
	p := filepath.Clean(ev.Name)
	inTree := w.inTree(p)
	if inTree {
		switch {
		case ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename):
			w.record(p)
			w.unwatch(p)
			// The name may already be taken again (rm -r d && mkdir d, or
			// mv d d.old && mkdir d): then it is a new folder to watch.
			if w.isFolder(p) {
				w.addTree(p, true)
			}
		case ev.Has(fsnotify.Create):
			w.record(p)
			// A folder may arrive with content (mkdir -p a/b, mv from
			// outside, unzip): its files were created before our watch, so
			// walking it is the only way to see them.
			if w.isFolder(p) {
				w.addTree(p, true)
			}
		default:
			w.record(p)
		}
	}
	// A root, or an ancestor of a missing root, came or went.
	for _, r := range w.roots {
		if Within(r, p) {
			if err := w.settle(true); err != nil {
				w.fail(err)
			}
			break
		}
	}
}

// inTree reports whether p belongs to a root's tree and is not ignored. Only
// the components below the root are checked: a root may itself live in a
// dot-folder.
func (w *Watcher) inTree(p string) bool {
	best := ""
	for _, r := range w.roots {
		if Within(p, r) && len(r) > len(best) {
			best = r
		}
	}
	if best == "" {
		return false
	}
	rel, err := filepath.Rel(best, p)
	if err != nil {
		return false
	}
	if rel == "." {
		return true
	}
	for _, part := range strings.Split(rel, string(filepath.Separator)) {
		if Ignored(part) {
			return false
		}
	}
	return true
}

// settle makes the watches match the roots: an existing root that is not
// watched yet gets its tree watched (and, if report, its content recorded);
// a missing root gets a guard on its nearest existing ancestor. Guards no
// longer needed are dropped.
func (w *Watcher) settle(report bool) error {
	// Repeat until stable: a root, or a folder on the way to it, may appear
	// between our Stat and the guard's Add, and no event would tell us.
	for range 100 {
		guards := make(map[string]bool)
		changed := false
		for _, r := range w.roots {
			if w.dirs[r] {
				continue
			}
			if isDir(r) {
				if err := w.addTree(r, report); err != nil {
					return fmt.Errorf("watch %s: %w", r, err)
				}
				changed = true
				continue
			}
			anc := existingAncestor(r)
			guards[anc] = true
			if _, ok := w.dirs[anc]; !ok {
				if err := w.fsw.Add(anc); err != nil {
					if errors.Is(err, fs.ErrNotExist) {
						changed = true // removed meanwhile: look again
						continue
					}
					return fmt.Errorf("watch %s (waiting for %s): %w", anc, r, err)
				}
				w.dirs[anc] = false
				changed = true
			}
		}
		if changed {
			continue
		}
		for d, tree := range w.dirs {
			if !tree && !guards[d] {
				_ = w.fsw.Remove(d) // may already be gone with its folder
				delete(w.dirs, d)
			}
		}
		return nil
	}
	return errors.New("watch: roots keep changing")
}

// addTree watches dir and every non-ignored folder below it. If report, it
// records dir and everything found. The watch on a folder is added before
// the folder is listed, so a file created meanwhile is seen either by the
// listing or as an event. Only the failure to watch dir itself is returned;
// failures below it are sent to Errors.
func (w *Watcher) addTree(dir string, report bool) error {
	select {
	case <-w.done:
		return nil // closing: a large walk must not delay Close
	default:
	}
	if err := w.fsw.Add(dir); err != nil {
		return err
	}
	w.dirs[dir] = true
	if report {
		w.record(dir)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			w.fail(fmt.Errorf("watch: %w", err))
		}
		return nil
	}
	for _, e := range entries {
		if Ignored(e.Name()) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		// e.IsDir is false for a symlink, so links are reported but not
		// followed (see isFolder).
		if e.IsDir() {
			if err := w.addTree(p, report); err != nil && !errors.Is(err, fs.ErrNotExist) {
				w.fail(fmt.Errorf("watch %s: %w", p, err))
			}
			continue
		}
		if report {
			w.record(p)
		}
	}
	return nil
}

// unwatch drops the watches on p and every folder below it, recording the
// tree folders as changed. fsnotify drops a deleted folder's watch by itself
// but keeps the watches of a renamed folder's sub-folders, under their old
// names; this removes both cases, and the error of removing a watch that is
// already gone is expected and ignored.
func (w *Watcher) unwatch(p string) {
	for d, tree := range w.dirs {
		if Within(d, p) {
			_ = w.fsw.Remove(d)
			delete(w.dirs, d)
			if tree {
				w.record(d)
			}
		}
	}
}

// resync recovers from lost events (inotify queue overflow): it forgets
// folders that are gone, watches folders that appeared, and records every
// root, since anything may have changed.
func (w *Watcher) resync() {
	for d, tree := range w.dirs {
		if tree && !w.isFolder(d) || !tree && !isDir(d) {
			_ = w.fsw.Remove(d)
			delete(w.dirs, d)
		}
	}
	for _, r := range w.roots {
		if w.dirs[r] {
			if err := w.addTree(r, false); err != nil {
				w.fail(fmt.Errorf("watch %s: %w", r, err))
			}
			w.record(r)
		}
	}
	if err := w.settle(true); err != nil {
		w.fail(err)
	}
}

// isFolder reports whether p is a folder of a root's tree to watch: a
// root, followed if it is a symlink (the folder the user named), or a
// folder below one, but never a symlink below one. Following those could
// loop, or watch and report a folder outside the tree, such as a home
// folder linked from static/; a build refuses to read through a link
// that leaves its folder, and the target of one that stays inside is in
// the tree already.
func (w *Watcher) isFolder(p string) bool {
	if slices.Contains(w.roots, p) {
		return isDir(p)
	}
	fi, err := os.Lstat(p)
	return err == nil && fi.IsDir()
}

// isDir reports whether p is a folder, following symlinks.
func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// record adds p to the burst in progress.
func (w *Watcher) record(p string) {
	w.pending[p] = struct{}{}
	w.touched = true
}

// fail queues err for the Errors channel, dropping it if the queue is full.
func (w *Watcher) fail(err error) {
	if len(w.errq) < maxQueuedErrors {
		w.errq = append(w.errq, err)
	}
}

// existingAncestor returns the nearest ancestor of p that is an existing
// folder. The file system root always exists, so it terminates.
func existingAncestor(p string) string {
	for {
		parent := filepath.Dir(p)
		if fi, err := os.Stat(parent); (err == nil && fi.IsDir()) || parent == p {
			return parent
		}
		p = parent
	}
}

// AnyWithin reports whether any of paths is within dir; no path is within
// a dir of "".
func AnyWithin(paths []string, dir string) bool {
	return dir != "" && slices.ContainsFunc(paths, func(p string) bool { return Within(p, dir) })
}

// Within reports whether p is the folder dir or inside it. Both must be
// absolute and clean, as the paths of a [Batch] and [Watcher.Roots] are.
func Within(p, dir string) bool {
	if p == dir {
		return true
	}
	if dir == string(filepath.Separator) {
		return len(p) > 1 && p[0] == filepath.Separator
	}
	return strings.HasPrefix(p, dir) && len(p) > len(dir) && p[len(dir)] == filepath.Separator
}
