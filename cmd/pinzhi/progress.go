package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"golang.org/x/term"

	"pinzhi/generator"
)

// progressAfter is how long a build runs before its progress is shown:
// most builds end sooner, and a line that flickers by says nothing.
const progressAfter = 2 * time.Second

// progressEvery is the least time between two writes of the line: a
// deploy tells of every file it uploads, thousands a second.
const progressEvery = 100 * time.Millisecond

// progressLine shows a long build's progress on one line of a terminal,
// rewritten in place, and rubs it out when the build ends. On anything
// but a terminal (a CI log, a pipe) it shows nothing.
type progressLine struct {
	w     io.Writer
	on    bool // w is a terminal
	after time.Duration
	start time.Time
	mu    sync.Mutex
	shown bool
	last  time.Time // when the line was last written
}

func newProgressLine(f *os.File) *progressLine {
	return &progressLine{w: f, on: isTerminal(f), after: progressAfter, start: time.Now()}
}

// isTerminal reports whether f is a terminal. A character device is not
// enough: /dev/null is one, and a build sent there would print progress.
func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }

// show is generator.Options.Progress.
func (p *progressLine) show(pr generator.Progress) {
	if !p.on || time.Since(p.start) < p.after || pr.Total == 0 {
		return
	}
	verb := map[string]string{"load": "reading", "render": "writing", "deploy": "deploying"}[pr.Phase]
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if now.Sub(p.last) < progressEvery && pr.Done < pr.Total {
		return
	}
	fmt.Fprintf(p.w, "\r\033[K%s %d of %d files (%d%%)", verb, pr.Done, pr.Total, pr.Done*100/pr.Total)
	p.shown, p.last = true, now
}

// clear rubs the line out, before the build's own output.
func (p *progressLine) clear() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
		p.shown = false
	}
}
