package deploy

import (
	"context"
	"sync"
)

// forEach calls do for 0..n-1 on workers goroutines and returns the first
// error; after one, no more calls start.
func forEach(ctx context.Context, n, workers int, do func(i int) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg    sync.WaitGroup
		once  sync.Once
		first error
		next  = make(chan int)
	)
	for range min(workers, n) {
		wg.Go(func() {
			for i := range next {
				if err := do(i); err != nil {
					once.Do(func() { first = err; cancel() })
				}
			}
		})
	}
feed:
	for i := range n {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if first == nil {
		first = ctx.Err() // the caller's context was done
	}
	return first
}

// inPhases calls do for 0..n-1 a run at a time: a run is the items next
// to each other with the same phase, done on workers goroutines, and the
// next run starts when it is finished.
func inPhases(ctx context.Context, n, workers int, phase func(i int) Phase, do func(i int) error) error {
	for start := 0; start < n; {
		end := start
		for end < n && phase(end) == phase(start) {
			end++
		}
		if err := forEach(ctx, end-start, workers, func(i int) error { return do(start + i) }); err != nil {
			return err
		}
		start = end
	}
	return nil
}
