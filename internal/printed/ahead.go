package printed

import (
	"sync"
	"sync/atomic"
)

// readAhead renders the print edition's notes for print a few at a time
// ahead of the template, on goroutines of their own, in a build that
// remembers nothing. Rendered as the template reached them, on the one
// goroutine running it, the notes made the edition the last page of a
// build to finish, by 0.4 s at 10,000 notes, with the other core idle.
// Rendering ahead by a bounded window keeps the memory what it was: a
// note's rendering is dropped once the template has taken it.
//
// All notes are added before the first take.
type readAhead struct {
	render func(*printNote) *Doc
	notes  []*printNote
	slots  []aheadSlot
	// running counts the goroutines rendering ahead; once stopped, those
	// not yet begun return at once.
	running sync.WaitGroup
	stopped atomic.Bool
}

// aheadWindow is how many notes past the one the template takes are
// rendered ahead.
const aheadWindow = 16

type aheadSlot struct {
	started atomic.Bool
	once    sync.Once
	doc     *Doc
	// taken is set, and doc dropped, when the template has taken it.
	taken bool
}

// add appends a note, in the order the template prints them.
func (a *readAhead) add(pn *printNote) {
	pn.ahead, pn.index = a, len(a.notes)
	a.notes = append(a.notes, pn)
	a.slots = append(a.slots, aheadSlot{})
}

// take returns note i rendered, and starts rendering the window after it.
// A template that prints the notes in another order, or skips some, only
// gets less ahead of it; one that asks for a note twice gets it rendered
// again rather than kept for it.
func (a *readAhead) take(i int) *Doc {
	for j := i + 1; j < min(i+1+aheadWindow, len(a.slots)); j++ {
		if a.slots[j].started.CompareAndSwap(false, true) {
			a.running.Add(1)
			go func() {
				defer a.running.Done()
				if !a.stopped.Load() {
					a.fill(j)
				}
			}()
		}
	}
	s := &a.slots[i]
	if s.taken {
		return a.render(a.notes[i])
	}
	s.started.Store(true)
	a.fill(i)
	s.taken = true
	d := s.doc
	s.doc = nil
	return d
}

func (a *readAhead) fill(i int) {
	s := &a.slots[i]
	s.once.Do(func() { s.doc = a.render(a.notes[i]) })
}

// stop ends the read-ahead when the template is done, or has failed:
// renderings not yet begun are skipped, and it waits for the others, so
// that nothing renders a document after the page is finished.
func (a *readAhead) stop() {
	a.stopped.Store(true)
	a.running.Wait()
}
