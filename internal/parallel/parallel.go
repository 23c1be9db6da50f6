// Package parallel runs independent pieces of work on a pool of workers
// sized to the machine.
package parallel

import (
	"runtime"
	"sync"
)

// For calls fn(i) for every i in [0, n), spread over GOMAXPROCS workers,
// and returns when all calls have returned.
func For(n int, fn func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
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
