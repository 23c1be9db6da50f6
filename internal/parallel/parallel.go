// Package parallel runs independent pieces of work on a pool of workers
// sized to the machine.
package parallel

import (
	"runtime"
	"sync"
)

// For calls fn(i) for every i in [0, n), spread over GOMAXPROCS workers,
// and returns when all calls have returned.
func For(n int, fn func(i int)) { forWorkers(runtime.GOMAXPROCS(0), n, fn) }

// ForWriting is For for work that writes files as well as computing: it
// runs more workers than there are cores, so that a worker waiting on
// the file system leaves no core idle.
func ForWriting(n int, fn func(i int)) { forWorkers(4*runtime.GOMAXPROCS(0), n, fn) }

func forWorkers(workers, n int, fn func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(workers, max(n, 1)) {
		wg.Go(func() {
			for i := range next {
				fn(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
