package generator

import (
	"maps"
	"path"
	"slices"

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
// output folder's index files hold. It is dropped when an update may
// have left the two apart; the next update then builds the whole site.
type searchState struct {
	index *search.Index
	docs  []search.Doc
	ids   map[string]int // the documents' page files ("communities/a/index.html") -> number
}

func newSearchState(docs []search.Doc, keep bool) *searchState {
	s := &searchState{index: search.New(docs, keep), docs: docs, ids: map[string]int{}}
	for i, d := range docs {
		if !isEntry(d) {
			s.ids[d.Path+"index.html"] = i
		}
	}
	return s
}

// isEntry reports whether d is an entry of the brand list, which has no
// page of its own.
func isEntry(d search.Doc) bool { return d.Label == brandLabel }

// canUpdate reports whether rendering outs brings the index up to date
// with docs: they are the documents the index has, in the same order, and
// every one whose head changed either has no page or has its page among
// outs. Else the index needs every page's text: a page came or went.
func (s *searchState) canUpdate(docs []search.Doc, outs []*render.Output) bool {
	if s == nil {
		return false
	}
	if !slices.EqualFunc(docs, s.docs, func(a, b search.Doc) bool { return a.Path == b.Path }) {
		return false
	}
	rendered := map[string]bool{}
	for _, o := range outs {
		rendered[o.Path] = true
	}
	for i, d := range docs {
		if d.Head != s.docs[i].Head && !isEntry(d) && !rendered[d.Path+"index.html"] {
			return false
		}
	}
	return true
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

// writeSearch writes the index's files through w: all of them after a
// build, those that changed after an update. Then it writes the search
// page, when page is set or the index's first file changed name; its
// record goes into fresh. It returns the index's files and those it
// wrote.
func (b *Builder) writeSearch(st *state, s *searchState, fresh map[string]*render.Record, w searchWriter, all, page bool) (files, written []string, probs source.Problems) {
	files, written, err := s.write(st.model, w, all)
	if err != nil {
		return nil, nil, source.Problems{{Path: searchDir, Message: "cannot be written: " + source.UnwrapPathError(err),
			Hint: "check that the output folder is writable and that the disk is not full"}}
	}
	if !page && len(b.searchLive) > 0 && b.searchLive[0] == files[0] {
		return files, written, nil
	}
	urls := st.model.Site.URLs
	st.r.Search = render.SearchData{Index: urls.Rel(files[0]), Manifest: string(s.index.Manifest()), Script: urls.Rel(b.searchScript.Path)}
	records, probs := st.r.RenderAll(nil, []*render.Output{st.searchPage}, 1)
	maps.Copy(fresh, records)
	return files, written, probs
}

// searchWriter is where the index's files go: the staging folder of a
// build or the live folder of an update.
type searchWriter interface {
	Add(paths []string) error
	Write(rel string, data []byte) (changed bool, err error)
}

// write writes the index's files, all or those that changed, through w
// and returns the paths of all of them and of those it wrote.
func (s *searchState) write(m *model.Model, w searchWriter, all bool) (files, written []string, err error) {
	districts := make([][2]string, len(m.Site.Districts))
	for i, d := range m.Site.Districts {
		districts[i] = [2]string{d.Slug, d.Name}
	}
	batch := batchWriter{w: w, recycle: s.index.Recycle}
	names, err := s.index.Encode(districts, all, batch.write)
	if err == nil {
		err = batch.flush()
	} else {
		batch.wait() // nothing may be written once write returns
	}
	if err != nil {
		return nil, nil, err
	}
	files = make([]string, len(names))
	for i, n := range names {
		files[i] = searchDir + n
	}
	return files, batch.written, nil
}

// writtenPaths lists the files an update wrote: the outputs rendered and
// the index's files.
func writtenPaths(records map[string]*render.Record, index []string) []string {
	return slices.Sorted(slices.Values(slices.Concat(slices.Collect(maps.Keys(records)), index)))
}
