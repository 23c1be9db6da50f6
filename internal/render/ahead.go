package render

import (
	"sync"
	"sync/atomic"
)

// readAhead renders the print edition's notes for print a few at a time
// ahead of the template, on goroutines of their own. Rendered as the
// template reached them, on the one goroutine running it, the notes made
// the edition the last page of a build to finish, by a second at 10,000
// notes, with the other cores idle. Rendering ahead by a bounded window
// keeps the memory what it was: a note's rendering is dropped once the
// template has taken it.
type readAhead struct {
	render func(*printNote) *printDoc
	notes  []*printNote
	slots  []aheadSlot
}

// aheadWindow is how many notes past the one the template takes are
// rendered ahead.
const aheadWindow = 16

type aheadSlot struct {
	started atomic.Bool
	once    sync.Once
	doc     *printDoc
}

// add appends a note, in the order the template prints them.
func (a *readAhead) add(pn *printNote) {
	pn.ahead, pn.index = a, len(a.notes)
	a.notes = append(a.notes, pn)
	a.slots = append(a.slots, aheadSlot{})
}

// take returns note i rendered, and starts rendering the window after it.
// A template that prints the notes in another order, or skips some, only
// gets less ahead of it.
func (a *readAhead) take(i int) *printDoc {
	for j := i + 1; j < min(i+1+aheadWindow, len(a.slots)); j++ {
		if a.slots[j].started.CompareAndSwap(false, true) {
			go a.fill(j)
		}
	}
	s := &a.slots[i]
	s.started.Store(true)
	a.fill(i)
	d := s.doc
	if d == nil {
		// Taken before: a template that asks twice gets it rendered
		// again rather than kept for it.
		return a.render(a.notes[i])
	}
	s.doc = nil
	return d
}

func (a *readAhead) fill(i int) {
	s := &a.slots[i]
	s.once.Do(func() { s.doc = a.render(a.notes[i]) })
}
