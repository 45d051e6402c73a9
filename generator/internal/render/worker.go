package render

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"pinzhi/generator/internal/layout"
	"pinzhi/generator/internal/markup"
	"pinzhi/generator/internal/search"
	"pinzhi/generator/internal/source"
)

// streamAbove is the size of a page past which its minified bytes go
// straight to its file instead of to a buffer: a list page at 50,000
// communities is 30 MB, and holding it twice cost as much.
const streamAbove = 1 << 20

// worker holds the buffers one goroutine reuses from page to page.
type worker struct {
	*Renderer
	body, page LimitedBuffer
	small      bytes.Buffer
	text       []byte        // the page's text, for PageTexts
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
	for _, b := range []*bytes.Buffer{&w.body.Buffer, &w.page.Buffer, &w.small} {
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
func (w *worker) render(o *Output) *Record {
	if o.Data != nil || o.draw != nil {
		data := o.Data
		if o.draw != nil {
			var err error
			if data, err = o.draw(); err != nil {
				w.failed(o, err)
				return nil
			}
		}
		if _, err := w.Files.Write(o.Path, data); err != nil {
			w.cannotWrite(o, err)
			return nil
		}
		return &Record{} // its name changes with its content: it shows nothing else
	}
	w.page.Reset()
	w.page.Max = w.Limits.PageBytes
	r := &Reads{Names: w.Names}
	r.add(DepSite, 0)
	r.add(DepAssets, 0)
	rec := &Record{}
	var err error
	if o.generate != nil {
		err = o.generate(w, &w.page, r)
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
	if !w.Once {
		rec.Deps = r.Sorted()
	}
	return rec
}

// pageText gives the page's text to PageTexts, read from the page as it
// is written: what search.js reads of it. A page written straight to its
// file is read unminified, which differs from the file only in spaces
// that are not text.
func (w *worker) pageText(o *Output, page []byte) {
	if w.PageTexts != nil && w.PageTexts.Wants(o.Path) {
		w.text = search.AppendPageText(w.text[:0], page)
		w.PageTexts.Add(o.Path, w.text)
	}
}

// minifyAndWrite minifies the page in w.page and writes it: a large one
// straight to its file.
func (w *worker) minifyAndWrite(o *Output) error {
	var minifyErr error
	minify := func(dst io.Writer) error {
		minifyErr = w.Minifier.Minify(o.MIME, dst, &w.page.Buffer)
		return minifyErr
	}
	var err error
	if w.page.Len() > streamAbove {
		w.pageText(o, w.page.Bytes()) // minify reads the buffer away
		_, err = w.Files.WriteFrom(o.Path, minify)
	} else {
		w.small.Reset()
		if err = minify(&w.small); err == nil {
			_, err = w.Files.Write(o.Path, w.small.Bytes())
			w.pageText(o, w.small.Bytes())
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
	r.add(DepLayout, w.Names.IDs[o.Kind])
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
		data.Content = template.HTML(w.body.String())
		if data.Description == "" {
			data.Description = firstSentence(w.body.Bytes())
		}
	}
	if err := w.share(o, data, r); err != nil {
		return err
	}
	return l.Tmpl.Execute(&w.page, data)
}

// convertBody renders the page's Markdown into w.body, rewriting its links
// and noting those that lead to pages.
func (w *worker) convertBody(o *Output, rec *Record) error {
	body, err := o.File.Body(w.FS)
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
			w.problem(source.Errorf(o.File.Path, fileLine, source.M("check the file name, or add the file to assets/"), "link to %s, which is not in assets/", dest))
		case page != "":
			rec.Links = append(rec.Links, bodyLink{target: page, Dest: dest, Line: fileLine})
		}
		if w.CollectRefs {
			rec.Refs = append(rec.Refs, bodyRef{Href: link, Dest: dest, Line: fileLine})
		}
		return link
	}
	w.body.Reset()
	w.body.Max = w.Limits.PageBytes
	w.bodyWriter.Reset(&w.body)
	c := markup.Conversion{
		Links: links, Transform: o.trim,
		Unparsed: func(line int) { rec.unparsed = append(rec.unparsed, o.File.BodyLine+line-1) },
	}
	if w.CollectRefs {
		c.NoAlt = func(href string, line int) {
			rec.NoAlt = append(rec.NoAlt, bodyRef{Href: href, Line: o.File.BodyLine + line - 1})
		}
	}
	err = w.Markdown.Convert(body, w.bodyWriter, c)
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
