// Package gcpace paces the garbage collector for the two phases of a
// build, for the commands that run one: reading the content (loading,
// parsing and resolving it) and rendering the site. A GOGC in the
// environment overrides both.
//
// Reading makes a heap that only grows: nearly all it allocates stays
// live until the build ends. The collector marks that heap again each
// time it grows by GOGC percent, at rendering's 50 every time it grows by
// half: 21 of the 27 cycles of a 2,000-note build came before rendering,
// each finding little garbage.
// Rendering makes its garbage a page at a time over a heap that no
// longer grows, and holds the build's peak: the lower GOGC keeps that
// peak down.
//
// dossier serve reads as a build does, then serves pages at once: see
// ReadingToServe.
package gcpace

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"time"
)

// The GOGC of each phase. Reading at 400 rather than 50 took a one-shot
// build of 2,000 project notes from 1.35 to 1.15 s (CPU 2.43 to 2.10 s)
// and of 10,000 independent notes from 3.53 to 3.18 s, its peak memory
// unchanged: the peak comes while rendering. Rendering at 50 rather
// than 100 builds 10,000 independent notes in 718 MB rather than 910 MB
// in the same time on two cores (fewer page faults make up for the
// collector's extra work), and 2,000 notes in 208 MB rather than 244 MB,
// 4% slower.
const (
	readingPercent   = 400
	renderingPercent = 50
)

// Reading paces the collector for reading content, and returns the
// function that restores the pace it found.
func Reading() (restore func()) { return set(readingPercent) }

// ReadingToServe is Reading for dossier serve's first build, which the
// pages a browser asks for follow at once. Lowering GOGC as the build
// ends starts a cycle then, over the whole heap, and the requests,
// allocating while it marks, do much of the marking in assists: at
// 10,000 notes the home page took 130 to 190 ms rather than 6 to 8.
// restore instead paces the next cycle to end when the heap has doubled,
// as the default pace would if the whole heap were live, and puts back
// the pace it found when a cycle has finished.
func ReadingToServe() (restore func()) { return pace(readingPercent, ease) }

// Rendering paces the collector for rendering a whole site at once.
func Rendering() { set(renderingPercent) }

// set sets GOGC to percent, unless the environment sets it, and returns
// the function that restores the GOGC it found.
func set(percent int) (restore func()) {
	return pace(percent, func(old int) { debug.SetGCPercent(old) })
}

// pace sets GOGC to percent, unless the environment sets it, and returns
// the function that calls back with the GOGC it found.
func pace(percent int, back func(old int)) (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := swap(percent)
	return func() { back(old) }
}

// easing is the pace an eased restore returns to once the collector has
// finished a cycle, while it waits for one.
var easing struct {
	sync.Mutex
	pending bool
	base    int
}

// swap sets GOGC to percent and returns the pace to restore later: the
// GOGC it found, or the pace a pending ease would have returned to,
// which it supersedes.
func swap(percent int) (old int) {
	easing.Lock()
	defer easing.Unlock()
	old = debug.SetGCPercent(percent)
	if easing.pending {
		old, easing.pending = easing.base, false
	}
	return old
}

// ease sets the GOGC that puts the next cycle's goal at twice the heap's
// size now, and puts back GOGC old when a cycle has finished: the next
// one, or one already under way, at whose end the runtime would set the
// following goal at the eased pace.
func ease(old int) {
	easing.Lock()
	defer easing.Unlock()
	percent := deferringPercent(old)
	debug.SetGCPercent(percent)
	if percent == old {
		return
	}
	easing.pending, easing.base = true, old
	go endEasing(finishedCycles())
}

// endEasing waits for the collector to finish a cycle after the since-th
// and puts back the pace an ease would return to, unless a phase begun
// meanwhile superseded the ease. A cleanup on an unreachable object would
// say when a cycle has run without polling, but a cycle under way keeps
// an object allocated during it, and the cleanup came a cycle late. An
// idle process still finishes a cycle within two minutes: the runtime
// forces one.
func endEasing(since uint64) {
	for finishedCycles() == since {
		time.Sleep(easingPoll)
	}
	easing.Lock()
	defer easing.Unlock()
	if easing.pending {
		debug.SetGCPercent(easing.base)
		easing.pending = false
	}
}

// easingPoll is how often endEasing reads the count of cycles: a
// runtime/metrics read, under a microsecond.
const easingPoll = 20 * time.Millisecond

func finishedCycles() uint64 {
	s := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// deferringPercent is the GOGC whose goal, given the heap the last cycle
// found live, is twice the heap's size now, raised to old if below it,
// then capped at readingPercent. The collector starts a cycle well
// before its goal, so that it ends by then: with less room than this,
// it started one at once.
func deferringPercent(old int) int {
	samples := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(samples)
	live, now := samples[0].Value.Uint64(), samples[1].Value.Uint64()
	if live == 0 {
		return old
	}
	return min(max(int(now*2*100/live)-100, old), readingPercent)
}
