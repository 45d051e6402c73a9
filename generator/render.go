package generator

import (
	"bufio"
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"sync"

	"github.com/tdewolff/minify/v2"

	"pinzhi/generator/internal/markup"
	"pinzhi/generator/internal/source"
)

// A record is what the build remembers of a file it wrote: what the file
// showed (its deps, sorted). An update renders a file again when the
// value of one of them changed.
type record struct {
	deps  []dep
	file  string     // the content file whose body the page shows, for its links
	links []bodyLink // the body's links to pages of the site
}

// renderer turns planned outputs into minified files. Its fields are
// shared, read-only, by all workers.
type renderer struct {
	fsys     fs.FS
	model    *model
	md       *markup.Markdown
	links    *linkRewriter
	layouts  layouts
	minifier *minify.M
	names    *interner
	values   *depValues
	write    func(rel string, data []byte) error // into the staging folder or the live one
}

// renderAll writes outs on n workers and returns the records of the files
// written and the problems found. A file with a problem is not written.
// The order of outs is the order of writing, as far as n workers keep it.
func (r *renderer) renderAll(outs []*output, n int) (map[string]*record, source.Problems) {
	n = max(n, 1)
	jobs := make(chan *output, n*4)
	done := make([]map[string]*record, n)
	found := make([]source.Problems, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			w := &worker{renderer: r, bodyWriter: bufio.NewWriter(nil)}
			done[i] = map[string]*record{}
			for o := range jobs {
				if rec := w.render(o); rec != nil {
					done[i][o.path] = rec
				}
				w.shrink()
			}
			found[i] = w.probs.Problems
		})
	}
	for _, o := range outs {
		jobs <- o
	}
	close(jobs)
	wg.Wait()
	records := map[string]*record{}
	var probs source.Problems
	for i := range done {
		for k, v := range done[i] {
			records[k] = v
		}
		probs = append(probs, found[i]...)
	}
	return records, dedupeProblems(probs)
}

// worker holds the buffers one goroutine reuses from page to page.
type worker struct {
	*renderer
	body, page, small bytes.Buffer
	bodyWriter        *bufio.Writer // goldmark writes through it; reused so it need not make one a page
	probs             source.List
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

// render writes one output and returns its record, or nil when it could
// not be written.
func (w *worker) render(o *output) *record {
	if o.data != nil {
		if err := w.write(o.path, o.data); err != nil {
			w.cannotWrite(o, err)
			return nil
		}
		return &record{} // its name changes with its content: it shows nothing else
	}
	w.page.Reset()
	r := &reads{names: w.names}
	r.add(depSite, 0)
	r.add(depAssets, 0)
	rec := &record{}
	var err error
	if o.generate != nil {
		err = o.generate(&w.page, r)
	} else {
		err = w.execute(o, r, rec)
	}
	if err != nil {
		if prob, ok := err.(*source.Problem); ok {
			w.probs.AddAll(source.Problems{*prob})
		} else {
			w.probs.AddAll(source.Problems{templateProblem(err, kindFile(o.kind))})
		}
		return nil
	}
	w.small.Reset()
	if err := w.minifier.Minify(o.mime, &w.small, &w.page); err != nil {
		w.probs.Add(kindFile(o.kind), 0, "check the layout's HTML", "%s: cannot be minified: %v", o.path, err)
		return nil
	}
	if err := w.write(o.path, w.small.Bytes()); err != nil {
		w.cannotWrite(o, err)
		return nil
	}
	rec.deps = r.sorted()
	return rec
}

func (w *worker) cannotWrite(o *output, err error) {
	w.probs.Add(o.path, 0, "check that the output folder is writable, that the disk is not full and that no file size limit (ulimit -f) stops it",
		"cannot be written: %s", source.UnwrapPathError(err))
}

// execute renders a page's Markdown body, if it has one, and its layout.
func (w *worker) execute(o *output, r *reads, rec *record) error {
	l := w.layouts[o.kind]
	if l == nil {
		return &source.Problem{Path: kindFile(o.kind), Message: "layout not found", Hint: "create it; the pinzhi repository's layouts/ has one to start from"}
	}
	r.add(depLayout, w.names.ids[o.kind])
	data := o.pageData(w.model, r)
	if o.file != nil {
		r.add(depFront, o.fileID)
		r.add(depBody, o.fileID)
		if err := w.convertBody(o, rec); err != nil {
			return err
		}
		data.Content = template.HTML(w.body.String())
	}
	return l.tmpl.Execute(&w.page, data)
}

// convertBody renders the page's Markdown into w.body, rewriting its links
// and noting those that lead to pages.
func (w *worker) convertBody(o *output, rec *record) error {
	body, err := o.file.Body(w.fsys)
	if err != nil {
		return err
	}
	rec.file = o.file.Path
	links := func(dest string, line int) string {
		link, page, missing := w.links.rewrite(dest)
		fileLine := o.file.BodyLine + line - 1
		switch {
		case missing:
			w.probs.Add(o.file.Path, fileLine, "check the file name, or add the file to assets/", "link to %s, which is not in assets/", dest)
		case page != "":
			rec.links = append(rec.links, bodyLink{target: page, dest: dest, line: fileLine})
		}
		return link
	}
	w.body.Reset()
	w.bodyWriter.Reset(&w.body)
	err = w.md.Convert(body, w.bodyWriter, markup.Conversion{Links: links, Transform: o.trim})
	if err == nil {
		err = w.bodyWriter.Flush()
	}
	if err != nil {
		return &source.Problem{Path: o.file.Path, Message: "cannot be converted: " + err.Error(), Hint: "simplify the Markdown"}
	}
	return nil
}

// dedupeProblems folds a problem that many pages share (a layout error
// hits every page of its kind) into one line that says how many.
func dedupeProblems(ps source.Problems) source.Problems {
	type key struct {
		path    string
		line    int
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
