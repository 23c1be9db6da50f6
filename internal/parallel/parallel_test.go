package parallel

import (
	"sync/atomic"
	"testing"
)

func TestForCallsEachIndexOnce(t *testing.T) {
	for _, run := range []struct {
		name string
		each func(int, func(int))
	}{{"For", For}, {"ForWriting", ForWriting}} {
		for _, n := range []int{0, 1, 2, 3, 1000} {
			calls := make([]atomic.Int32, n)
			run.each(n, func(i int) { calls[i].Add(1) })
			for i := range calls {
				if got := calls[i].Load(); got != 1 {
					t.Errorf("%s(%d): index %d called %d times, want 1", run.name, n, i, got)
				}
			}
		}
	}
}
