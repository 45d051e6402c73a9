package render

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tdewolff/minify/v2"

	"pinzhi/generator/internal/layout"
	"pinzhi/generator/internal/markup"
	"pinzhi/generator/internal/model"
	"pinzhi/generator/internal/search"
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
	// searchText is the text of the page's body as readers see it, for
	// the search index, when the site has a search page.
	SearchText string
}

// A bodyRef is a link or image of a page's body: the address the page
// carries, as written, and its line in the file.
type bodyRef struct {
	Href, Dest string
	Line       int
}

// Renderer turns planned outputs into minified files. Its fields are
// shared, read-only, by all workers.
type Renderer struct {
	Fsys     fs.FS
	Model    *model.Model
	Md       *markup.Markdown
	Links    *LinkRewriter
	Layouts  layout.Set
	Minifier *minify.M
	Names    *Interner
	Values   *DepValues
	Env      *TemplateEnv
	Limits   markup.Limits
	Ctx      context.Context
	// collectRefs keeps every link of each body in its record, for
	// pinzhi check; a build does not need them.
	CollectRefs bool
	// searchTexts keeps the text of each body for the search index.
	SearchTexts bool
	// search is what the search page shows of its index.
	Search SearchData
	// write puts a file into the staging folder or the live one; writeFrom
	// does it for a file written by a function as it is made.
	Files    Files
	Rendered func() // counts an output done; may be nil
}

// streamAbove is the size of a page past which its minified bytes go
// straight to its file instead of to a buffer: a list page at 50,000
// communities is 30 MB, and holding it twice cost as much.
const streamAbove = 1 << 20

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
				if rec := w.Render(o); rec != nil {
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
		case <-r.Ctx.Done():
			return r.stopAll(done, source.Problem{Path: model.ContentDir, Message: "the build was stopped: " + r.Ctx.Err().Error(), Hint: "build again"})
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

// worker holds the buffers one goroutine reuses from page to page.
type worker struct {
	*Renderer
	Body, Page LimitedBuffer
	small      bytes.Buffer
	bodyWriter *bufio.Writer // goldmark writes through it; reused so it need not make one a page

	// What it is rendering, for the watch: since when (unix nanoseconds,
	// 0 when idle), which output, and whether in its body or its layout.
	started atomic.Int64
	current atomic.Pointer[Output]
	inBody  atomic.Bool

	mu      sync.Mutex // guards records and probs against a watch that gave up on the worker
	records map[string]*Record
	probs   source.List
}

func (w *worker) begin(o *Output) {
	w.current.Store(o)
	w.started.Store(time.Now().UnixNano())
}

func (w *worker) end() { w.started.Store(0) }

// late returns the problem of a page that has taken longer than limit.
func (w *worker) late(limit time.Duration) (source.Problem, bool) {
	start, o := w.started.Load(), w.current.Load()
	if start == 0 || o == nil || time.Since(time.Unix(0, start)) <= limit {
		return source.Problem{}, false
	}
	p := source.Problem{Path: layout.KindFile(o.Kind), Message: fmt.Sprintf("%s took longer than %v to render", o.Path, limit),
		Hint: "look for a loop or a template that calls itself without end; limits.renderSeconds in content/_index.md sets the bound"}
	switch {
	case o.Kind == "":
		p.Path = o.Path
	case w.inBody.Load() && o.File != nil:
		p.Path, p.Hint = o.File.Path, "simplify the Markdown, or split the page; limits.renderSeconds in content/_index.md sets the bound"
	}
	return p, true
}

// bigBuffer is the size past which a worker lets go of a buffer: a list
// page of 10,000 entries should not pin megabytes in every worker.
const bigBuffer = 1 << 20

func (w *worker) shrink() {
	for _, b := range []*bytes.Buffer{&w.Body.Buffer, &w.Page.Buffer, &w.small} {
		if b.Cap() > bigBuffer {
			*b = bytes.Buffer{}
		}
	}
}

func (w *worker) problem(p source.Problem) {
	w.mu.Lock()
	w.probs.AddAll(source.Problems{p})
	w.mu.Unlock()
}

// Render writes one output and returns its record, or nil when it could
// not be written.
func (w *worker) Render(o *Output) *Record {
	if o.Data != nil {
		if _, err := w.Files.Write(o.Path, o.Data); err != nil {
			w.cannotWrite(o, err)
			return nil
		}
		return &Record{} // its name changes with its content: it shows nothing else
	}
	w.Page.Reset()
	w.Page.Max = w.Limits.PageBytes
	r := &Reads{Names: w.Names}
	r.add(DepSite, 0)
	r.add(DepAssets, 0)
	rec := &Record{}
	var err error
	if o.generate != nil {
		err = o.generate(&w.Page, r)
	} else {
		err = w.execute(o, r, rec)
	}
	if err != nil {
		w.failed(o, err)
		return nil
	}
	if err := w.minifyAndWrite(o); err != nil {
		return nil
	}
	rec.Deps = r.Sorted()
	return rec
}

// minifyAndWrite minifies the page in w.page and writes it: a large one
// straight to its file.
func (w *worker) minifyAndWrite(o *Output) error {
	var minifyErr error
	minify := func(dst io.Writer) error {
		minifyErr = w.Minifier.Minify(o.MIME, dst, &w.Page.Buffer)
		return minifyErr
	}
	var err error
	if w.Page.Len() > streamAbove {
		_, err = w.Files.WriteFrom(o.Path, minify)
	} else {
		w.small.Reset()
		if err = minify(&w.small); err == nil {
			_, err = w.Files.Write(o.Path, w.small.Bytes())
		}
	}
	switch {
	case minifyErr != nil:
		w.problem(source.Problem{Path: layout.KindFile(o.Kind), Message: fmt.Sprintf("%s: cannot be minified: %v", o.Path, minifyErr), Hint: "check the layout's HTML"})
	case err != nil:
		w.cannotWrite(o, err)
	}
	return err
}

// failed records why an output could not be rendered.
func (w *worker) failed(o *Output, err error) {
	var prob *source.Problem
	switch {
	case errors.As(err, &prob):
		w.problem(*prob)
	case errors.Is(err, layout.ErrStopped):
		// The watch says why.
	case errors.Is(err, ErrTooLarge):
		path := layout.KindFile(o.Kind)
		if w.inBody.Load() && o.File != nil || o.Kind == "" {
			path = FirstNonEmpty(o.filePath(), o.Path)
		}
		w.problem(source.Problem{Path: path, Message: fmt.Sprintf("%s would be more than %d MB", o.Path, w.Limits.PageBytes>>20),
			Hint: "split the page, or look for a loop in the layout; limits.pageMB in content/_index.md sets the bound"})
	default:
		w.problem(layout.Problem(err, layout.KindFile(o.Kind)))
	}
}

func (o *Output) filePath() string {
	if o.File == nil {
		return ""
	}
	return o.File.Path
}

func (w *worker) cannotWrite(o *Output, err error) {
	w.problem(source.Problem{Path: o.Path, Message: "cannot be written: " + source.UnwrapPathError(err),
		Hint: "check that the output folder is writable, that the disk is not full and that no file size limit (ulimit -f) stops it"})
}

// execute renders a page's Markdown body, if it has one, and its layout.
func (w *worker) execute(o *Output, r *Reads, rec *Record) error {
	l := w.Layouts[o.Kind]
	if l == nil {
		return &source.Problem{Path: layout.KindFile(o.Kind), Message: "layout not found", Hint: "create it; the pinzhi repository's layouts/ has one to start from"}
	}
	r.add(DepLayout, w.Names.Ids[o.Kind])
	data := o.pageData(w.Model, r)
	if o.Kind == layout.SearchKind {
		search := w.Search
		data.Search = &search
	}
	if o.File != nil {
		r.add(DepFront, o.FileID)
		r.add(DepBody, o.FileID)
		w.inBody.Store(true)
		err := w.convertBody(o, rec)
		w.inBody.Store(false)
		if err != nil {
			return err
		}
		data.Content = template.HTML(w.Body.String())
		if w.SearchTexts {
			rec.SearchText = search.Text(w.Body.Bytes())
		}
		if data.Description == "" {
			data.Description = firstSentence(w.Body.Bytes())
		}
	}
	if err := w.share(o, data, r); err != nil {
		return err
	}
	return l.Tmpl.Execute(&w.Page, data)
}

// convertBody renders the page's Markdown into w.body, rewriting its links
// and noting those that lead to pages.
func (w *worker) convertBody(o *Output, rec *Record) error {
	body, err := o.File.Body(w.Fsys)
	if err != nil {
		return err
	}
	rec.File = o.File.Path
	links := func(dest string, line int) string {
		link, page, missing := w.Links.Rewrite(dest)
		fileLine := o.File.BodyLine + line - 1
		switch {
		case DeadScheme(dest):
			w.problem(DeadLink(o.File.Path, fileLine, dest, true))
			link = ""
		case missing:
			w.problem(source.Problem{Path: o.File.Path, Line: fileLine, Message: fmt.Sprintf("link to %s, which is not in assets/", dest),
				Hint: "check the file name, or add the file to assets/"})
		case page != "":
			rec.Links = append(rec.Links, bodyLink{target: page, Dest: dest, Line: fileLine})
		}
		if w.CollectRefs {
			rec.Refs = append(rec.Refs, bodyRef{Href: link, Dest: dest, Line: fileLine})
		}
		return link
	}
	w.Body.Reset()
	w.Body.Max = w.Limits.PageBytes
	w.bodyWriter.Reset(&w.Body)
	c := markup.Conversion{
		Links: links, Transform: o.trim,
		Unparsed: func(line int) { rec.unparsed = append(rec.unparsed, o.File.BodyLine+line-1) },
	}
	if w.CollectRefs {
		c.NoAlt = func(href string, line int) {
			rec.NoAlt = append(rec.NoAlt, bodyRef{Href: href, Line: o.File.BodyLine + line - 1})
		}
	}
	err = w.Md.Convert(body, w.bodyWriter, c)
	if err == nil {
		err = w.bodyWriter.Flush()
	}
	if errors.Is(err, ErrTooLarge) {
		return err
	}
	if err != nil {
		return &source.Problem{Path: o.File.Path, Message: "cannot be converted: " + err.Error(), Hint: "simplify the Markdown"}
	}
	return nil
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
