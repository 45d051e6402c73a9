package generator

import (
	"maps"
	"path"
	"runtime"
	"slices"
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
