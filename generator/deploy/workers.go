package deploy

import (
	"context"

	"golang.org/x/sync/errgroup"
)

// forEach calls do for 0..n-1, workers at a time, and returns the first
// error; after one, no more calls start and the context given to the
// calls in flight is canceled.
func forEach(ctx context.Context, n, workers int, do func(ctx context.Context, i int) error) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	for i := 0; i < n && gctx.Err() == nil; i++ {
		g.Go(func() error { return do(gctx, i) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return ctx.Err() // the caller's context was done before every call started
}

// inPhases calls do for 0..n-1 a run at a time: a run is the items next
// to each other with the same phase, done workers at a time, and the
// next run starts when it is finished.
func inPhases(ctx context.Context, n, workers int, phase func(i int) Phase, do func(ctx context.Context, i int) error) error {
	for start := 0; start < n; {
		end := start
		for end < n && phase(end) == phase(start) {
			end++
		}
		err := forEach(ctx, end-start, workers, func(ctx context.Context, i int) error { return do(ctx, start+i) })
		if err != nil {
			return err
		}
		start = end
	}
	return nil
}
