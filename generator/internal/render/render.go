package render

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"io/fs"
	"sync"
	"time"

	"github.com/tdewolff/minify/v2"

	"pinzhi/generator/internal/layout"
	"pinzhi/generator/internal/markup"
	"pinzhi/generator/internal/model"
	"pinzhi/generator/internal/source"
)

// Files is where rendered files go: a build's staging folder or, in an
// update, the live folder (a publish.Sink is one). Write and WriteFrom
// are called by several workers at once.
type Files interface {
	Write(rel string, data []byte) (changed bool, err error)
	WriteFrom(rel string, fill func(io.Writer) error) (changed bool, err error)
}

// A Record is what the build remembers of a file it wrote: what the file
// showed (its deps, sorted). An update renders a file again when the
// value of one of them changed.
type Record struct {
	Deps  []Dep
	File  string     // the content file whose body the page shows, for its links
	Links []bodyLink // the body's links to pages of the site
	// unparsed are the lines of the file where ** or __ was left as
	// text: emphasis that did not parse, most often around Chinese
	// punctuation.
	unparsed []int
	// refs are every link and image of the body, kept for pinzhi check
	// alone (see Builder.collectRefs).
	Refs []bodyRef
	// noAlt are the images of the body without alt text, also for check:
	// href is what the page carries.
	NoAlt []bodyRef
}

// A bodyRef is a link or image of a page's body: the address the page
// carries, as written, and its line in the file.
type bodyRef struct {
	Href, Dest string
	Line       int
}

// PageTexts takes the text of pages for the search index. Add is called
// by several workers at once; text is the worker's, and is not to be kept.
type PageTexts interface {
	Wants(page string) bool
	Add(page string, text []byte)
}

// Renderer turns planned outputs into minified files. Its fields are
// shared, read-only, by all workers.
type Renderer struct {
	FS       fs.FS
	Model    *model.Model
	Markdown *markup.Markdown
	Links    *LinkRewriter
	Layouts  layout.Set
	Minifier *minify.M
	Names    *Interner
	Values   *DepValues
	Env      *TemplateEnv
	Limits   markup.Limits
	Context  context.Context
	// CollectRefs keeps every link of each body in its record, for
	// pinzhi check; a build does not need them.
	CollectRefs bool
	// Once says that the site is built once and never updated: records
	// keep no deps, which only an update reads.
	Once bool
	// PageTexts, when set, takes the text of the pages the search index
	// holds, as their readers see them (search.PageText).
	PageTexts PageTexts
	// Search is what the search page shows of its index.
	Search SearchData
	// Files is where the rendered files go.
	Files    Files
	Rendered func() // counts an output done; may be nil
}

// gracePeriod is how long renderAll waits, once it has told the workers
// to stop, for those that cannot hear it (a body goldmark is still
// converting) before it returns without them.
const gracePeriod = 2 * time.Second

// RenderAll writes first and then rest on n workers and returns the
// records of the files written and the problems found. A file with a
// problem is not written. A page that takes longer than the limits allow,
// or the context ending, stops every worker (see watch).
func (r *Renderer) RenderAll(first, rest []*Output, n int) (map[string]*Record, source.Problems) {
	n = max(n, 1)
	r.Env.stop.Store(nil)
	q := newRenderQueue(first, rest)
	workers := make([]*worker, n)
	var wg sync.WaitGroup
	for i := range n {
		w := &worker{Renderer: r, bodyWriter: bufio.NewWriter(nil), records: map[string]*Record{}}
		workers[i] = w
		wg.Go(func() {
			for o := q.next(); o != nil; o = q.next() {
				if r.Env.stop.Load() != nil {
					q.drain() // stopped: the rest is not rendered
					continue
				}
				w.begin(o)
				if rec := w.render(o); rec != nil {
					w.mu.Lock()
					w.records[o.Path] = rec
					w.mu.Unlock()
				}
				w.end()
				q.done(o)
				if r.Rendered != nil {
					r.Rendered()
				}
				w.shrink()
			}
		})
	}
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	stopped := r.watch(workers, done)
	records := map[string]*Record{}
	probs := stopped
	for _, w := range workers {
		w.mu.Lock()
		for k, v := range w.records {
			records[k] = v
		}
		probs = append(probs, w.probs.Problems...)
		w.mu.Unlock()
	}
	return records, dedupeProblems(probs)
}

// watch waits for the workers to be done. When a page takes longer than
// the limit, or the build's context ends, it tells every worker to stop
// and returns the problem; it then waits for them at most gracePeriod.
func (r *Renderer) watch(workers []*worker, done <-chan struct{}) source.Problems {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return nil
		case <-r.Context.Done():
			return r.stopAll(done, source.Problem{Path: model.ContentDir, Message: "the build was stopped: " + r.Context.Err().Error(), Hint: "build again"})
		case <-tick.C:
			for _, w := range workers {
				if p, late := w.late(r.Limits.RenderTime); late {
					return r.stopAll(done, p)
				}
			}
		}
	}
}

func (r *Renderer) stopAll(done <-chan struct{}, p source.Problem) source.Problems {
	r.Env.stop.Store(&layout.ErrStopped)
	select {
	case <-done:
	case <-time.After(gracePeriod):
	}
	return source.Problems{p}
}

// dedupeProblems folds a problem that many pages share (a layout error
// hits every page of its kind) into one line that says how many.
func dedupeProblems(ps source.Problems) source.Problems {
	type key struct {
		Path    string
		Line    int
		message string
	}
	count := map[key]int{}
	var out source.Problems
	for _, p := range ps {
		k := key{p.Path, p.Line, p.Message}
		if count[k] == 0 {
			out = append(out, p)
		}
		count[k]++
	}
	for i, p := range out {
		if n := count[key{p.Path, p.Line, p.Message}]; n > 1 {
			out[i].Message = fmt.Sprintf("%s (on %d pages)", p.Message, n)
		}
	}
	source.Sort(out)
	return out
}
