package generator

import (
	"bufio"
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"sync"

	"github.com/tdewolff/minify/v2"
)

// renderer turns planned pages into minified files. Its fields are shared,
// read-only, by all workers.
type renderer struct {
	fsys    fs.FS
	md      *markdown
	layouts layouts
	min     *minify.M
	out     *output
}

// worker holds the buffers one goroutine reuses from page to page.
type worker struct {
	*renderer
	body, page, small bytes.Buffer
	bodyWriter        *bufio.Writer // goldmark writes through it; reused so it need not make one a page
	probs             problemList
}

// renderAll writes pages on n workers and returns the problems found and
// the pages written. A page with a problem is not written. Callers fold
// the problems with dedupeProblems once they have them all.
func (r *renderer) renderAll(pages []*Page, n int) (written []*Page, probs Problems) {
	jobs := make(chan *Page, n*4)
	done := make([][]*Page, max(n, 1))
	found := make([]Problems, max(n, 1))
	var wg sync.WaitGroup
	for i := range max(n, 1) {
		wg.Go(func() {
			w := &worker{renderer: r, bodyWriter: bufio.NewWriter(nil)}
			for p := range jobs {
				if w.render(p) {
					done[i] = append(done[i], p)
				}
				w.shrink()
			}
			found[i] = w.probs.list
		})
	}
	for _, p := range pages {
		jobs <- p
	}
	close(jobs)
	wg.Wait()
	for i := range done {
		written = append(written, done[i]...)
		probs = append(probs, found[i]...)
	}
	return written, probs
}

// bigBuffer is the size past which a worker lets go of a buffer: a list
// page of 10,000 entries should not pin megabytes in every worker.
const bigBuffer = 1 << 20

func (w *worker) shrink() {
	for _, b := range []*bytes.Buffer{&w.body, &w.page, &w.small} {
		if b.Cap() > bigBuffer {
			*b = bytes.Buffer{}
		}
	}
}

// render writes one page and reports whether it did.
func (w *worker) render(p *Page) bool {
	w.page.Reset()
	var err error
	if p.generate != nil {
		err = p.generate(&w.page)
	} else {
		err = w.execute(p)
	}
	if err != nil {
		if prob, ok := err.(*Problem); ok {
			w.probs.addAll(Problems{*prob})
		} else {
			w.probs.addAll(Problems{templateProblem(err, kindFile(p.kind))})
		}
		return false
	}
	w.small.Reset()
	if err := w.min.Minify(p.mime, &w.small, &w.page); err != nil {
		w.probs.add(kindFile(p.kind), 0, "check the layout's HTML", "%s: cannot be minified: %v", p.Out, err)
		return false
	}
	if err := w.out.write(p.Out, w.small.Bytes()); err != nil {
		w.probs.add(p.Out, 0, "check that the output folder is writable and the disk is not full", "cannot be written: %v", err)
		return false
	}
	return true
}

// execute renders a page's Markdown body, if it has one, and its layout.
func (w *worker) execute(p *Page) error {
	l := w.layouts[p.kind]
	if l == nil {
		return &Problem{Path: kindFile(p.kind), Message: "layout not found", Hint: "create it; the pinzhi repository's layouts/ has one to start from"}
	}
	data := *p.data
	if p.source != nil {
		if err := w.convertBody(p); err != nil {
			return err
		}
		data.Content = template.HTML(w.body.String())
	}
	return l.tmpl.Execute(&w.page, &data)
}

// convertBody renders the page's Markdown into w.body.
func (w *worker) convertBody(p *Page) error {
	body, err := p.source.body(w.fsys)
	if err != nil {
		return err
	}
	w.body.Reset()
	w.bodyWriter.Reset(&w.body)
	found, err := w.md.convert(body, w.bodyWriter, p.trim)
	if err == nil {
		err = w.bodyWriter.Flush()
	}
	if err != nil {
		return &Problem{Path: p.source.Path, Message: "cannot be converted: " + err.Error()}
	}
	for _, lp := range found {
		w.probs.list = append(w.probs.list, Problem{Path: p.source.Path, Line: p.source.BodyLine + lp.line - 1,
			Message: lp.message, Hint: lp.hint, Warning: lp.warning})
	}
	return nil
}

// dedupeProblems folds a problem that many pages share (a layout error
// hits every page of its kind) into one line that says how many.
func dedupeProblems(ps Problems) Problems {
	type key struct {
		path    string
		line    int
		message string
	}
	count := map[key]int{}
	var out Problems
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
	sortProblems(out)
	return out
}
