package printed

import (
	"fmt"
	"html/template"
	"sync/atomic"
	"testing"
)

// The read-ahead gives each note its own rendering whatever order the
// template asks in, renders the window after each note taken and no
// further, and renders nothing once stopped.
func TestReadAhead(t *testing.T) {
	var renders atomic.Int64
	a := &readAhead{render: func(pn *printNote) *Doc {
		renders.Add(1)
		return &Doc{HTML: template.HTML(pn.Anchor)}
	}}
	const n = 100
	for i := range n {
		a.add(&printNote{Anchor: fmt.Sprintf("note-%d", i)})
	}
	a.notes[0].Body()
	for i := 1; i <= aheadWindow+1; i++ {
		if started := a.slots[i].started.Load(); started != (i <= aheadWindow) {
			t.Errorf("after taking note 0, note %d started: %v", i, started)
		}
	}
	// In order, backwards, a skip, and the same note twice.
	for _, i := range []int{1, 2, 50, 49, 99, 3, 3} {
		if got := a.notes[i].Body().HTML; got != template.HTML(a.notes[i].Anchor) {
			t.Errorf("note %d: body %q", i, got)
		}
	}
	a.running.Wait()
	// Notes 0-19, 49-66 and 99 once each, and note 3 again.
	if got := renders.Load(); got != 40 {
		t.Errorf("%d renders, want 40", got)
	}
	a.stop()
	a.notes[70].Body()
	a.running.Wait()
	if got := renders.Load(); got != 41 {
		t.Errorf("%d renders after stopping and taking note 70, want 41: the window was rendered", got)
	}
}
