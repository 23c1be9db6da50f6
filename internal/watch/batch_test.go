package watch

import (
	"path/filepath"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/fsnotify/fsnotify"
)

// The tests in this file check the watcher's own timing: a burst ends
// after a quiet period, or at the maximum delay. They run in a synctest
// bubble, where time is fake and moves on only when every goroutine of
// the test waits, so they check exact instants and never sleep for real.
//
// fsnotify's events come from the kernel, outside any bubble, and a
// bubble's clock does not move while a goroutine waits on a file
// descriptor. So here the test plays fsnotify: it sends events into the
// channel that run reads. The tests in watch_test.go make real file
// events, and wait for them in real time.

// bubbleRoot is the root of a fake watcher. Nothing reads it: run records
// a Write event by its name alone.
const bubbleRoot = "/dossier"

// fakeWatcher starts run, as New does, on an event channel the test
// feeds in place of fsnotify's. Call it inside the bubble, and stop the
// watcher before the bubble ends.
func fakeWatcher(opts ...Option) (w *Watcher, stop func()) {
	cfg := config{quiet: DefaultQuiet, maxDelay: DefaultMaxDelay}
	for _, o := range opts {
		o(&cfg)
	}
	w = &Watcher{
		// Only Events and Errors are used: the test makes no event that
		// adds or removes a watch.
		fsw:     &fsnotify.Watcher{Events: make(chan fsnotify.Event), Errors: make(chan error)},
		cfg:     cfg,
		roots:   []string{bubbleRoot},
		batches: make(chan Batch),
		errs:    make(chan error),
		done:    make(chan struct{}),
		exited:  make(chan struct{}),
		dirs:    map[string]bool{bubbleRoot: true},
		pending: map[string]struct{}{},
	}
	go w.run()
	return w, func() {
		close(w.done)
		<-w.exited
	}
}

// inRoot is the path of name in the fake watcher's root.
func inRoot(name string) string { return filepath.Join(bubbleRoot, name) }

// wrote tells the watcher that name was written, as fsnotify would.
func wrote(w *Watcher, name string) {
	w.fsw.Events <- fsnotify.Event{Name: inRoot(name), Op: fsnotify.Write}
}

// nextBatch returns the next batch, failing the test if none comes within
// an hour of fake time, which passes in no time at all.
func nextBatch(t *testing.T, w *Watcher) Batch {
	t.Helper()
	select {
	case b := <-w.Batches():
		return b
	case <-time.After(time.Hour):
		t.Fatal("no batch within an hour")
	}
	return Batch{}
}

// nothingMore fails the test if a batch is waiting, or arrives within an
// hour of fake time.
func nothingMore(t *testing.T, w *Watcher) {
	t.Helper()
	time.Sleep(time.Hour)
	synctest.Wait()
	select {
	case b := <-w.Batches():
		t.Errorf("unexpected batch %q", b.Paths)
	default:
	}
}

// A batch is delivered once no event has come for the quiet period, and
// each event of a burst extends it.
func TestQuietPeriodEndsABurst(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w, stop := fakeWatcher() // the defaults, as dossier serve uses them
		defer stop()

		// A single save arrives exactly one quiet period later.
		start := time.Now()
		wrote(w, "a.md")
		b := nextBatch(t, w)
		if got := time.Since(start); got != DefaultQuiet {
			t.Errorf("a single event was delivered after %v, want %v", got, DefaultQuiet)
		}
		if want := []string{inRoot("a.md")}; !slices.Equal(b.Paths, want) {
			t.Errorf("batch %q, want %q", b.Paths, want)
		}

		// Events closer than the quiet period make one burst, delivered a
		// quiet period after the last.
		start = time.Now()
		gap := DefaultQuiet * 3 / 4
		wrote(w, "b.md")
		time.Sleep(gap)
		wrote(w, "a.md")
		time.Sleep(gap)
		wrote(w, "b.md")
		b = nextBatch(t, w)
		if got, want := time.Since(start), 2*gap+DefaultQuiet; got != want {
			t.Errorf("the burst was delivered after %v, want %v", got, want)
		}
		if want := []string{inRoot("a.md"), inRoot("b.md")}; !slices.Equal(b.Paths, want) {
			t.Errorf("batch %q, want %q", b.Paths, want)
		}

		// A chmod alone changes no content and starts no burst.
		w.fsw.Events <- fsnotify.Event{Name: inRoot("a.md"), Op: fsnotify.Chmod}
		nothingMore(t, w)
	})
}

// A consumer that does not read for a while gets the bursts it missed
// merged into one batch, not queued one by one, and nothing is lost.
func TestSlowConsumer(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w, stop := fakeWatcher(WithQuiet(20*time.Millisecond), WithMaxDelay(200*time.Millisecond))
		defer stop()
		for _, name := range []string{"a.md", "b.md", "c.md"} {
			wrote(w, name)
			time.Sleep(200 * time.Millisecond) // ten quiet periods: a burst of its own
		}
		b := nextBatch(t, w)
		if want := []string{inRoot("a.md"), inRoot("b.md"), inRoot("c.md")}; !slices.Equal(b.Paths, want) {
			t.Errorf("batch %q, want the three missed bursts merged: %q", b.Paths, want)
		}
		nothingMore(t, w)
	})
}

// A burst that never pauses for the quiet period is still delivered: the
// maximum delay cuts it, and a new burst starts with the next event.
func TestMaxDelayCutsLongBurst(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// The quiet period is far longer than the gaps between writes, so
		// only the maximum delay can deliver while the writes go on.
		const maxDelay, gap = 100 * time.Millisecond, 7 * time.Millisecond
		w, stop := fakeWatcher(WithQuiet(time.Hour), WithMaxDelay(maxDelay))
		defer stop()
		start := time.Now()
		writing := make(chan struct{})
		go func() {
			ev := fsnotify.Event{Name: inRoot("x.md"), Op: fsnotify.Write}
			for {
				select {
				case <-writing:
					return
				case w.fsw.Events <- ev:
				}
				select {
				case <-writing:
					return
				case <-time.After(gap):
				}
			}
		}()
		defer close(writing)

		b := nextBatch(t, w)
		if got := time.Since(start); got != maxDelay {
			t.Errorf("first batch after %v of continuous writes, want %v", got, maxDelay)
		}
		if want := []string{inRoot("x.md")}; !slices.Equal(b.Paths, want) {
			t.Errorf("batch %q, want %q", b.Paths, want)
		}
		// The first write after the cut, at 105 ms (15 gaps), starts the
		// next burst, cut in turn at the maximum delay.
		nextBatch(t, w)
		if got, want := time.Since(start), 15*gap+maxDelay; got != want {
			t.Errorf("second batch after %v, want %v", got, want)
		}
	})
}
