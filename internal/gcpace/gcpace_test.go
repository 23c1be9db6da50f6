package gcpace

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// sample reads a runtime metric of kind uint64.
func sample(name string) uint64 {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// gogc reads GOGC without setting it, as a cleanup may set it meanwhile.
func gogc() int { return int(sample("/gc/gogc:percent")) }

// settles waits up to a second for GOGC to become want, as a cleanup
// runs on its own goroutine after the cycle that queues it.
func settles(want int) bool {
	for deadline := time.Now().Add(time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		if gogc() == want {
			return true
		}
	}
	return false
}

// grow allocates mb megabytes that stay live in *keep.
func grow(keep *[][]byte, mb int) {
	for range mb {
		*keep = append(*keep, make([]byte, 1<<20))
	}
}

// unpaced sets Go's defaults for the collector for the rest of a test,
// and no memory limit, which would cap the goals the tests expect.
func unpaced(t *testing.T) {
	t.Setenv("GOGC", "")
	percent, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetGCPercent(percent); debug.SetMemoryLimit(limit) })
}

func TestReadingToServeDefersTheNextCycle(t *testing.T) {
	unpaced(t)
	var keep [][]byte
	grow(&keep, 32)
	runtime.GC() // 32 MB live
	restore := ReadingToServe()
	if p := gogc(); p != readingPercent {
		t.Fatalf("reading: GOGC %d, want %d", p, readingPercent)
	}
	grow(&keep, 32) // the heap doubles, short of reading's goal
	heap := sample("/memory/classes/heap/objects:bytes")
	restore()
	// At the default pace the goal would be 64 MB, below the heap, and
	// a cycle would start at once.
	if goal := sample("/gc/heap/goal:bytes"); goal < heap*19/10 {
		t.Errorf("after restore: heap goal %d MB for a heap of %d MB; want about twice the heap", goal>>20, heap>>20)
	}
	if p := gogc(); p <= 100 || p > readingPercent {
		t.Errorf("after restore: GOGC %d, want above the restored 100 and at most %d", p, readingPercent)
	}
	runtime.GC()
	if !settles(100) {
		t.Errorf("after the next cycle: GOGC %d, want 100 again", gogc())
	}
	runtime.KeepAlive(keep)
}

func TestAnotherPhaseSupersedesAnEase(t *testing.T) {
	unpaced(t)
	var keep [][]byte
	grow(&keep, 16)
	runtime.GC()
	first := ReadingToServe()
	grow(&keep, 32)
	first() // eased, its cycle pending
	// Twice the 48 MB heap is five times the 16 MB live: capped.
	eased := gogc()
	if eased != readingPercent {
		t.Fatalf("first restore: GOGC %d, want it eased to the cap, %d", eased, readingPercent)
	}
	second := ReadingToServe()
	runtime.GC() // runs the first ease's cleanup
	time.Sleep(50 * time.Millisecond)
	if p := gogc(); p != readingPercent {
		t.Errorf("while reading again: GOGC %d, want %d; the superseded ease restored its pace", p, readingPercent)
	}
	second()
	runtime.GC()
	if !settles(100) {
		t.Errorf("after the second ease's cycle: GOGC %d, want the first pace, 100, not the eased %d", gogc(), eased)
	}
	runtime.KeepAlive(keep)
}

func TestPhasesSetAndRestoreGOGC(t *testing.T) {
	t.Setenv("GOGC", "")
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	restore := Reading()
	if p := gcPercent(); p != readingPercent {
		t.Errorf("reading: GOGC %d, want %d", p, readingPercent)
	}
	Rendering()
	if p := gcPercent(); p != renderingPercent {
		t.Errorf("rendering: GOGC %d, want %d", p, renderingPercent)
	}
	restore()
	if p := gcPercent(); p != 100 {
		t.Errorf("restored: GOGC %d, want 100", p)
	}
}

func TestGOGCInTheEnvironmentWins(t *testing.T) {
	t.Setenv("GOGC", "77")
	defer debug.SetGCPercent(debug.SetGCPercent(77))
	restore := Reading()
	reading := gcPercent()
	Rendering()
	rendering := gcPercent()
	restore()
	served := ReadingToServe()
	serving := gcPercent()
	served()
	if p := gcPercent(); reading != 77 || rendering != 77 || serving != 77 || p != 77 {
		t.Errorf("GOGC %d reading, %d rendering, %d reading to serve, %d restored; want the environment's 77 throughout", reading, rendering, serving, p)
	}
}

// node is a linked list's node: a long list takes the collector a while
// to mark, as it cannot be marked in parallel.
type node struct {
	next *node
	_    int
}

func TestAnEaseEndsWithACycleUnderWay(t *testing.T) {
	unpaced(t)
	var list *node
	for range 4 << 20 {
		list = &node{next: list}
	}
	runtime.GC()
	restore := ReadingToServe()
	var keep [][]byte
	grow(&keep, 128) // eases GOGC above 100
	finished := finishedCycles()
	go runtime.GC()
	time.Sleep(2 * time.Millisecond)
	if finishedCycles() != finished {
		t.Fatal("the cycle ended before the ease: the test needs a heap that takes longer to mark")
	}
	restore() // while the cycle marks
	if gogc() <= 100 {
		t.Fatalf("restore: GOGC %d, want it eased above 100", gogc())
	}
	for finishedCycles() == finished {
		time.Sleep(time.Millisecond)
	}
	// Nothing allocates now, so no other cycle starts.
	if !settles(100) || finishedCycles() != finished+1 {
		t.Errorf("GOGC %d after %d cycles since the ease; want 100 after the one under way", gogc(), finishedCycles()-finished)
	}
	runtime.KeepAlive(list)
	runtime.KeepAlive(keep)
}
