package gcpace

import (
	"runtime/debug"
	"testing"
)

func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
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
	if p := gcPercent(); reading != 77 || rendering != 77 || p != 77 {
		t.Errorf("GOGC %d reading, %d rendering, %d restored; want the environment's 77 throughout", reading, rendering, p)
	}
}
