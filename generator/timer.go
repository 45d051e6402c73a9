package generator

import "time"

// A Phase is one step of a build and how long it took.
type Phase struct {
	Name     string
	Duration time.Duration
}

// timer records the phases of a build.
type timer struct {
	phases []Phase
	last   time.Time
}

func newTimer() *timer { return &timer{last: time.Now()} }

func (t *timer) done(name string) {
	now := time.Now()
	t.phases = append(t.phases, Phase{name, now.Sub(t.last)})
	t.last = now
}
