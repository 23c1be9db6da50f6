package render

import (
	"fmt"
	"html/template"
	"sync/atomic"
	"testing"
)

// The read-ahead gives each note its own rendering whatever order the
// template asks in, and renders no further ahead than its window.
func TestReadAhead(t *testing.T) {
	var renders atomic.Int64
	a := &readAhead{render: func(pn *printNote) *printDoc {
		renders.Add(1)
		return &printDoc{HTML: template.HTML(pn.Anchor)}
	}}
	const n = 100
	for i := range n {
		a.add(&printNote{Anchor: fmt.Sprintf("note-%d", i)})
	}
	// In order, backwards, a skip, and the same note twice.
	order := []int{0, 1, 2, 50, 49, 99, 3, 3}
	for _, i := range order {
		if got := a.notes[i].Body().HTML; got != template.HTML(a.notes[i].Anchor) {
			t.Errorf("note %d: body %q", i, got)
		}
	}
	// Let the goroutines started ahead finish.
	for i := range a.slots {
		if a.slots[i].started.Load() {
			a.fill(i)
		}
	}
	// Each take renders at most the note and the window after it; the
	// second take of note 3 renders it again.
	if got, most := renders.Load(), int64(len(order)*(1+aheadWindow)); got > most || got < int64(len(order)) {
		t.Errorf("%d renders for %d takes, want between %d and %d", got, len(order), len(order), most)
	}
	if a.slots[aheadWindow+60].started.Load() {
		t.Errorf("note %d, outside every window, was rendered", aheadWindow+60)
	}
}
