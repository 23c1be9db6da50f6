// Package parallel runs independent pieces of work on a pool of workers
// sized to the machine.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls fn(i) for every i in [0, n), spread over GOMAXPROCS workers,
// and returns when all calls have returned.
func For(n int, fn func(i int)) { forWorkers(runtime.GOMAXPROCS(0), n, fn) }

// ForWriting is For for work that writes files as well as computing: it
// runs more workers than there are cores, so that a worker waiting on
// the file system leaves no core idle.
func ForWriting(n int, fn func(i int)) { forWorkers(4*runtime.GOMAXPROCS(0), n, fn) }

// forWorkers hands out indexes from a counter. A channel fed by the
// calling goroutine made every index a hand-off between goroutines, and
// the feeder a third goroutine contending for two cores: loading 10,000
// notes ran on about one core, and serve's start took 1.3 s, not 0.95 s.
func forWorkers(workers, n int, fn func(i int)) {
	var wg sync.WaitGroup
	var next atomic.Int64
	for range min(workers, max(n, 1)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				fn(i)
			}
		})
	}
	wg.Wait()
}
