package generator

import (
	"sync/atomic"
	"time"
)

// Progress is how far a build is, for a terminal to show while a long
// build runs: Phase is "load" or "render", Done of Total its files.
type Progress struct {
	Phase       string
	Done, Total int
}

// progressEvery is how often Options.Progress is told.
const progressEvery = 100 * time.Millisecond

// progress counts a phase's files as the workers finish them.
type progress struct {
	phase       atomic.Pointer[string]
	done, total atomic.Int64
}

func (p *progress) start(phase string, total int) {
	p.phase.Store(&phase)
	p.done.Store(0)
	p.total.Store(int64(total))
}

func (p *progress) step() { p.done.Add(1) }

// report tells tell how far the build is, every progressEvery, until
// the returned function is called.
func (p *progress) report(tell func(Progress)) (stop func()) {
	if tell == nil {
		return func() {}
	}
	quit, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(progressEvery)
		defer tick.Stop()
		for {
			select {
			case <-quit:
				return
			case <-tick.C:
				if phase := p.phase.Load(); phase != nil {
					tell(Progress{Phase: *phase, Done: int(p.done.Load()), Total: int(p.total.Load())})
				}
			}
		}
	}()
	return func() { close(quit); <-finished }
}
