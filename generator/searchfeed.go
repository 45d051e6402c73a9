package generator

import (
	"sync"

	"pinzhi/generator/internal/search"
)

// A searchFeed takes the texts of the pages as the render workers write
// them. In a build it hands each to the index's Collector at once, so
// that no page's text is held until the last is rendered (the Collector
// takes a page in a tenth of the time the page took to render, so
// workers seldom wait for it); in an update it holds the few pages'
// texts until the pass is known to succeed, since an index cannot take a
// change back.
type searchFeed struct {
	s  *searchState
	mu sync.Mutex
	c  *search.Collector // a build's
	// An update's:
	pending map[int]string
	applied bool // the index changed: a pass that fails now leaves it ahead of the folder
}

// collect starts feeding a new index.
func (s *searchState) collect() *searchFeed {
	return &searchFeed{s: s, c: s.index.Collector()}
}

// hold starts holding the texts of an update.
func (s *searchState) hold() *searchFeed {
	return &searchFeed{s: s, pending: map[int]string{}}
}

// Wants reports whether the index holds the text of the page file.
func (f *searchFeed) Wants(page string) bool {
	_, ok := f.s.ids[page]
	return ok
}

// Add takes the text of a page file; render workers call it at once.
func (f *searchFeed) Add(page string, text []byte) {
	id := f.s.ids[page]
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.c != nil {
		f.c.Add(id, text)
		return
	}
	f.pending[id] = string(text)
}

// finish waits for a build's index to be filled. For an update whose
// pages were written (ok), it sets the documents whose page was written
// and those that changed without one (brand entries), and reports false
// when a document changed in a way only its page's text can tell, which
// it does not have: Update builds the whole site before that can happen.
func (f *searchFeed) finish(docs []search.Doc, ok bool) bool {
	if f.c != nil {
		f.c.Fill()
		return true
	}
	if !ok {
		return true
	}
	f.applied = true
	x := f.s.index
	for id, d := range docs {
		if text, ok := f.pending[id]; ok {
			x.Set(id, d, text)
			continue
		}
		switch old := f.s.docs[id]; {
		case d == old:
		case d.Head == old.Head:
			x.Describe(id, d)
		case isEntry(d):
			x.Set(id, d, "")
		default:
			return false
		}
	}
	f.s.docs = docs
	return true
}
