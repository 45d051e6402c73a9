package generator

import (
	"errors"
	"maps"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"

	"pinzhi/generator/internal/asset"
	"pinzhi/generator/internal/layout"
	"pinzhi/generator/internal/model"
	"pinzhi/generator/internal/render"
	"pinzhi/generator/internal/search"
	"pinzhi/generator/internal/source"
)

const (
	searchPage = "search/index.html"
	searchDir  = "assets/search/"
	// searchScript is where the search page's script goes, under a hashed
	// name like the assets (a file of assets/ may not take the name).
	searchScript = "assets/pinzhi-search.js"
)

// brandLabel marks a brand entry among the results.
const brandLabel = "百佳品牌"

// searchDocs lists what readers can find, in the order results are
// listed in when they match equally well: the communities in reading
// order, the brand entries, the home page's note, the brand list's lead
// and the plain pages. texts gives the text of a page's body as rendered.
func searchDocs(m *model.Model, texts func(path string) string) []search.Doc {
	district := map[*model.District]int{}
	for i, d := range m.Site.Districts {
		district[d] = i
	}
	districtOf := func(c *model.Community) int {
		if i, ok := district[c.District]; ok {
			return i
		}
		return -1
	}
	var docs []search.Doc
	for _, c := range m.Communities {
		var brands []string
		for _, b := range c.Brands {
			brands = append(brands, b.Text)
		}
		docs = append(docs, search.Doc{
			Path:     c.Path,
			Head:     lines(c.Title, c.Leader.Name, c.Leader.Role),
			Fields:   lines(c.District.Name, c.Quote, c.Summary, strings.Join(brands, "\n")),
			Body:     texts(c.Path + "index.html"),
			District: districtOf(c),
		})
	}
	if bl := m.Brands; bl != nil {
		for _, b := range bl.Entries {
			d := search.Doc{Path: bl.Path + "#" + b.Anchor, Head: b.Text, District: -1, Label: brandLabel}
			if b.Profile != nil {
				d.District = districtOf(b.Profile)
			}
			docs = append(docs, d)
		}
	}
	s := m.Site
	docs = append(docs, search.Doc{Path: "", Head: render.FirstNonEmpty(s.Headline, s.Title), Body: texts("index.html"), District: -1})
	if bl := m.Brands; bl != nil {
		docs = append(docs, search.Doc{Path: bl.Path, Head: bl.Title, Body: texts(bl.Path + "index.html"), District: -1})
	}
	for _, p := range m.Pages {
		docs = append(docs, search.Doc{Path: p.Path, Head: p.Title, Fields: p.Summary, Body: texts(p.Path + "index.html"), District: -1})
	}
	return docs
}

// lines joins the fields that are not empty, a line each.
func lines(fields ...string) string {
	return strings.Join(slices.DeleteFunc(fields, func(s string) bool { return s == "" }), "\n")
}

// searchState is the search index a Builder keeps up to date: what the
// output folder's index files hold, unless an update failed since (then
// the Builder drops it and the next update writes every file).
type searchState struct {
	index *search.Index
	paths []string // of the documents, in order: another order is another index
}

// searchWriter is where the index's files go: the staging folder of a
// build or the live folder of an update.
type searchWriter interface {
	Add(paths []string) error
	Write(rel string, data []byte) (changed bool, err error)
}

// updateSearch brings the index up to date with the model and the texts
// of the pages, writes the files that changed through w and returns the
// paths of all the index's files.
func (s *searchState) update(m *model.Model, texts func(string) string, w searchWriter) (files, written []string, err error) {
	docs := searchDocs(m, texts)
	paths := make([]string, len(docs))
	for i := range docs {
		paths[i] = docs[i].Path
	}
	all := s.index == nil || !slices.Equal(paths, s.paths)
	if all {
		s.index, s.paths = search.New(len(docs)), paths
		s.index.Fill(docs)
	} else {
		setAll(s.index, docs)
	}
	districts := make([][2]string, len(m.Site.Districts))
	for i, d := range m.Site.Districts {
		districts[i] = [2]string{d.Slug, d.Name}
	}
	batch := batchWriter{w: w, recycle: s.index.Recycle}
	names, err := s.index.Encode(districts, all, batch.write)
	if err == nil {
		err = batch.flush()
	} else {
		batch.wait() // nothing may be written once update returns
	}
	if err != nil {
		s.index = nil // its files and the folder may differ now: the next update writes all
		return nil, nil, err
	}
	files = make([]string, len(names))
	for i, n := range names {
		files[i] = searchDir + n
	}
	return files, batch.written, nil
}

// setAll sets every document, on every core.
func setAll(x *search.Index, docs []search.Doc) {
	var wg sync.WaitGroup
	n := runtime.GOMAXPROCS(0)
	for w := range n {
		wg.Go(func() {
			for i := w; i < len(docs); i += n {
				x.Set(i, docs[i])
			}
		})
	}
	wg.Wait()
}

// batchWriter writes the index's files in batches, naming each batch in
// the folder's list before writing it: names are known only as files are
// made, and a file is never written before the list names it. A batch is
// written while Encode makes the next.
type batchWriter struct {
	w       searchWriter
	files   []search.File
	bytes   int
	written []string
	recycle func([]byte)
	busy    chan error // the batch being written, if one is
}

const searchBatchBytes = 16 << 20

func (b *batchWriter) write(f search.File) error {
	b.files = append(b.files, f)
	b.bytes += len(f.Data)
	if b.bytes < searchBatchBytes {
		return nil
	}
	if err := b.wait(); err != nil {
		return err
	}
	files := b.files
	b.files, b.bytes = nil, 0
	b.busy = make(chan error, 1)
	go func() { b.busy <- b.writeBatch(files) }()
	return nil
}

// flush writes the files left and returns once every batch is written.
func (b *batchWriter) flush() error {
	if err := b.wait(); err != nil {
		return err
	}
	err := b.writeBatch(b.files)
	b.files, b.bytes = nil, 0
	return err
}

// wait returns once the batch being written, if any, is.
func (b *batchWriter) wait() error {
	if b.busy == nil {
		return nil
	}
	err := <-b.busy
	b.busy = nil
	return err
}

func (b *batchWriter) writeBatch(files []search.File) error {
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = searchDir + f.Name
	}
	if err := b.w.Add(paths); err != nil {
		return err
	}
	// Writing waits on the disk as much as on the processor: two a core.
	errs := make([]error, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range 2 * runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				_, errs[i] = b.w.Write(paths[i], files[i].Data)
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	for _, f := range files {
		b.recycle(f.Data)
	}
	b.written = append(b.written, paths...)
	return nil
}

// searchScriptOutput is the search page's script, minified, under its
// hashed name.
func searchScriptOutput(minifier *minify.M) (*render.Output, error) {
	data, err := minifier.Bytes("application/javascript", search.Script)
	if err != nil {
		return nil, err
	}
	a := asset.Hashed(searchScript, data)
	return &render.Output{Path: a.Out, Data: a.Data, Source: "pinzhi (its search script)"}, nil
}

// planSearch adds the search page and its script to the outputs of st.
func (b *Builder) planSearch(st *state) *Problem {
	if _, taken := b.assets[path.Base(searchScript)]; taken {
		return &Problem{Path: searchScript, Message: "the name is pinzhi's own, for the search page's script", Hint: "rename the file"}
	}
	if b.searchScript == nil {
		script, err := searchScriptOutput(b.minifier)
		if err != nil {
			return &Problem{Path: searchScript, Message: "cannot be minified: " + err.Error(), Hint: "report it: the script is pinzhi's own"}
		}
		b.searchScript = script
	}
	st.searchPage = &render.Output{Path: searchPage, Kind: layout.SearchKind, Title: "搜索", SitePath: "search/", MIME: "text/html", Source: layout.KindFile(layout.SearchKind)}
	st.outputs = append(st.outputs, st.searchPage, b.searchScript)
	return nil
}

// writeSearch brings the index up to date with the pages of st, those of
// fresh (just rendered) first, writes its files through w, and then the
// search page, when page is set or the index's first file changed name;
// its record goes into fresh. It returns the index's files and those it
// wrote.
func (b *Builder) writeSearch(st *state, fresh map[string]*render.Record, w searchWriter, page bool) (files, written []string, probs source.Problems) {
	if b.search == nil {
		b.search = &searchState{}
	}
	texts := func(path string) string {
		if r := fresh[path]; r != nil {
			return r.SearchText
		}
		if r := st.records[path]; r != nil {
			return r.SearchText
		}
		return ""
	}
	files, written, err := b.search.update(st.model, texts, w)
	if err != nil {
		return nil, nil, source.Problems{{Path: searchDir, Message: "cannot be written: " + source.UnwrapPathError(err),
			Hint: "check that the output folder is writable and that the disk is not full"}}
	}
	if !page && len(b.searchLive) > 0 && b.searchLive[0] == files[0] {
		return files, written, nil
	}
	urls := st.model.Site.URLs
	st.r.Search = render.SearchData{Index: urls.Rel(files[0]), Manifest: string(b.search.index.Manifest()), Script: urls.Rel(b.searchScript.Path)}
	records, probs := st.r.RenderAll(nil, []*render.Output{st.searchPage}, 1)
	maps.Copy(fresh, records)
	return files, written, probs
}

// writtenPaths lists the files an update wrote: the outputs rendered and
// the index's files.
func writtenPaths(records map[string]*render.Record, index []string) []string {
	return slices.Sorted(slices.Values(slices.Concat(slices.Collect(maps.Keys(records)), index)))
}
