package render

import "sync"

// renderQueue hands outputs to the render workers. Lists (see isList) go
// one at a time: each holds a page of every community in memory, and at
// 50,000 pages rendering them all at once took 300 MB. A worker that
// cannot have a list takes a page instead of waiting, and the outputs
// that must go first (the page an editor just saved) go first.
type renderQueue struct {
	mu     sync.Mutex
	ready  *sync.Cond
	first  []*Output // in order, before anything else
	lists  []*Output
	pages  []*Output
	inList *Output // the list being rendered, if any
}

func newRenderQueue(first, rest []*Output) *renderQueue {
	q := &renderQueue{first: first}
	q.ready = sync.NewCond(&q.mu)
	for _, o := range rest {
		if o.isList() {
			q.lists = append(q.lists, o)
		} else {
			q.pages = append(q.pages, o)
		}
	}
	return q
}

// next returns the next output to render, or nil when there is none
// left; it waits only when all that is left is lists and one is being
// rendered.
func (q *renderQueue) next() *Output {
	q.mu.Lock()
	defer q.mu.Unlock()
	for {
		switch {
		case len(q.first) > 0:
			o := q.first[0]
			q.first = q.first[1:]
			return o
		case len(q.lists) > 0 && q.inList == nil:
			o := q.lists[0]
			q.lists, q.inList = q.lists[1:], o
			return o
		case len(q.pages) > 0:
			o := q.pages[0]
			q.pages = q.pages[1:]
			return o
		case len(q.lists) == 0:
			return nil
		}
		q.ready.Wait()
	}
}

// done tells the queue that o is rendered.
func (q *renderQueue) done(o *Output) {
	q.mu.Lock()
	wasList := q.inList == o
	if wasList {
		q.inList = nil
	}
	q.mu.Unlock()
	if wasList {
		q.ready.Broadcast()
	}
}

// drain empties the queue: the build is being stopped.
func (q *renderQueue) drain() {
	q.mu.Lock()
	q.first, q.lists, q.pages = nil, nil, nil
	q.mu.Unlock()
	q.ready.Broadcast()
}
