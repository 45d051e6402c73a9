package generator

import (
	"context"
	"hash/maphash"
	"maps"
	"runtime"
	"slices"
	"time"

	"github.com/tdewolff/minify/v2"

	"pinzhi/generator/internal/asset"
	"pinzhi/generator/internal/images"
	"pinzhi/generator/internal/layout"
	"pinzhi/generator/internal/markup"
	"pinzhi/generator/internal/model"
	"pinzhi/generator/internal/publish"
	"pinzhi/generator/internal/render"
	"pinzhi/generator/internal/search"
	"pinzhi/generator/internal/source"
)

// A Builder builds one site, first whole (Build) and then, as its source
// changes, file by file (Update). It keeps the model and what each file
// of the output showed, not the files: a change renders again the files
// that showed what changed. A Builder is not safe for concurrent use.
type Builder struct {
	opts     Options
	minifier *minify.M
	md       *markup.Markdown // reads the structure of the brand list
	env      *render.TemplateEnv
	names    render.Interner
	folder   *publish.Folder
	held     bool // the folder stays open between calls: pinzhi serve
	images   *images.Cache
	fonts    fonts        // the font of share cards
	seed     maphash.Seed // of every digest of what pages showed
	progress progress

	// The source as last loaded.
	files          map[string]*model.Source
	order          []string        // the names of files, sorted; nil when a file came or went
	scanned        source.Problems // from listing content/
	layouts        layout.Set
	layoutProblems source.Problems
	assets         asset.Set
	assetProblems  source.Problems

	// collectRefs makes every page's record keep its body's links, for
	// Check.
	collectRefs bool
	// keepGoing makes a build that found errors in the source go on and
	// render what it can, to find the rest (pinzhi check: its output is
	// a temporary folder). The pages of files with errors are left out.
	keepGoing bool
	// oneShot says that the Builder builds once and is never updated, so
	// it keeps nothing for updates.
	oneShot bool

	// last is the site the output folder holds, nil before a good build.
	last *state
	// stale is set when the source changed since last was made: an update
	// failed, so only a full check of the model can tell what to write.
	stale bool
	// search is the search index, kept from build to build, when the site
	// has a search page.
	search       *searchState
	searchScript *render.Output // made once: it is pinzhi's, not the site's
	searchLive   []string       // the index's files in the output folder
}

// state is one build's model, its files and what each file showed.
type state struct {
	model   *model.Model
	outputs []*render.Output
	byFile  map[string]*render.Output // the page whose body each content file is
	// generated are the files made without a layout: the feed, the
	// sitemap, robots.txt.
	generated []*render.Output
	values    *render.DepValues
	records   map[string]*render.Record // by output path
	paths     map[string]bool           // the site paths of the outputs, for checking links
	// linkProblems are the warnings about the links of each page that
	// has any, kept so that an update checks only the pages it wrote.
	linkProblems map[string]source.Problems
	warnings     source.Problems // of loading and linking
	r            *render.Renderer
	// searchPage is the search page, when the site has one: it shows what
	// the index is, so it is written after the index, not with the rest.
	searchPage *render.Output
	// searchDocs are the documents of the index, made once from model:
	// see documents.
	searchDocs []search.Doc
}

// NewBuilder returns a Builder for opts; nothing is read until Build.
func NewBuilder(opts Options) *Builder {
	if opts.Workers <= 0 {
		opts.Workers = 2 * runtime.GOMAXPROCS(0)
	}
	if opts.Note == nil {
		opts.Note = func(string) {}
	}
	note := opts.Note
	opts.Note = func(n string) { note(source.Printable(n)) } // notes name files
	if opts.Context == nil {
		opts.Context = context.Background()
	}
	if opts.Src == nil {
		opts.Src = source.DirFS(opts.SrcDir)
	}
	b := &Builder{opts: opts, minifier: asset.NewMinifier(), md: markup.New(markup.Options{}), images: images.NewCache(opts.ImageCache, opts.Note), seed: maphash.MakeSeed()}
	b.env = &render.TemplateEnv{URLs: model.NewURLs("/")}
	return b
}

// Build builds the whole site into the staging folder beside the output
// folder and swaps the two when every file is written (see Output in the
// package documentation). When it fails, the output folder is as it was.
func Build(opts Options) (*Report, error) {
	b := NewBuilder(opts)
	b.oneShot = true
	return b.Build()
}

// Build reads the whole source and builds the whole site, as the package
// function Build does. It returns Problems when the source has errors.
func (b *Builder) Build() (*Report, error) {
	start, t := time.Now(), newTimer()
	if err := b.open(); err != nil {
		return nil, err
	}
	defer b.release()
	defer b.progress.report(b.opts.Progress)()
	b.loadAll()
	t.done("load")
	st, errs := b.prepare()
	t.done("check")
	report := &Report{Warnings: st.warnings}
	if len(errs) > 0 && (!b.keepGoing || st.r == nil) {
		report.Phases = t.phases
		return report, errs
	}
	stage, err := b.folder.Stage(outputPaths(st.outputs))
	if err != nil {
		return report, err
	}
	t.done("stage")
	b.progress.start("render", len(st.outputs))
	st.r.Rendered = b.progress.step
	return b.publish(pass{st: st, sink: stage, rest: withoutFilesOf(st.withoutSearchPage(st.outputs), errs), workers: b.opts.Workers,
		whole: true, searchPage: true, known: errs}, report, start, t)
}

// finish fills in what every successful report says. The links of the
// pages written are checked against the site's pages, or those of every
// page when the set of pages may have changed.
func (b *Builder) finish(report *Report, start time.Time, t *timer, written []string, samePages bool) {
	st, check := b.last, written
	if !samePages || st.linkProblems == nil {
		st.linkProblems = map[string]source.Problems{}
		check = slices.Collect(maps.Keys(st.records))
	}
	for _, p := range check {
		if st.records[p] == nil {
			continue // a file of the search index
		}
		if probs := render.BodyWarnings(st.records[p], st.paths); len(probs) > 0 {
			st.linkProblems[p] = probs
		} else {
			delete(st.linkProblems, p)
		}
	}
	for _, probs := range st.linkProblems {
		report.Warnings = append(report.Warnings, probs...)
	}
	source.Sort(report.Warnings)
	report.Written = written
	report.Files = b.folder.Count()
	report.Phases = t.phases
	report.Duration = time.Since(start)
}

// prepare links and plans the loaded source. It returns the state to
// render, with the warnings so far, and the errors, if any.
func (b *Builder) prepare() (*state, Problems) {
	var probs source.List
	probs.AddAll(b.scanned)
	probs.AddAll(b.layoutProblems)
	probs.AddAll(b.assetProblems)
	if b.order == nil {
		b.order = slices.Sorted(maps.Keys(b.files))
	}
	m := model.Link(b.files, b.order, b.opts.linkOptions(), &probs)
	errs, warnings := probs.Problems.Split()
	st := &state{warnings: warnings}
	if m == nil || len(errs) > 0 && !b.keepGoing {
		return st, errs
	}
	st.model = m
	b.number(m)
	st.outputs = render.Plan(m)
	st.generated = render.Generated(st.outputs)
	st.outputs = append(st.outputs, render.AssetOutputs(b.assets)...)
	if b.layouts[layout.SearchKind] != nil {
		if err := b.planSearch(st); err != nil {
			return st, append(errs, *err)
		}
	}
	var names source.List
	st.outputs = render.AddCards(st.outputs, m, b.assets, b.cards(m.Site, &names))
	render.CheckNames(st.outputs, &names)
	model.CheckImages(m, b.assets, &names)
	model.CheckPhotos(m, b.assets, &names)
	if more, _ := names.Problems.Split(); len(more) > 0 {
		errs = append(errs, more...)
		if !b.keepGoing {
			return st, errs
		}
	}
	st.paths = render.SitePaths(st.outputs)
	st.byFile = map[string]*render.Output{}
	for _, o := range st.outputs {
		if o.File != nil {
			st.byFile[o.File.Path] = o
			o.FileID = b.files[o.File.Path].ID
		}
	}
	st.values = render.NewDepValues(b.seed, m, &b.names, b.assets.Fingerprint(b.seed), b.layouts, b.files)
	b.env.URLs, b.env.Assets, b.env.Layouts, b.env.Values = m.Site.URLs, b.assets, b.layouts, st.values
	st.r = &render.Renderer{FS: b.opts.Src, Model: m, Markdown: markup.New(markup.Options{RawHTML: m.Site.RawHTML, Picture: render.BodyPictures(b.assets, b.env.URLs)}),
		Links:   &render.LinkRewriter{URLs: b.env.URLs, Assets: b.assets.Links()},
		Layouts: b.layouts, Minifier: b.minifier, Names: &b.names, Values: st.values,
		Env: b.env, Limits: m.Site.Limits, Context: b.opts.Context, CollectRefs: b.collectRefs, Once: b.oneShot}
	return st, errs
}

// numberFile gives a loaded file, and what it decoded to, the file's
// number, which deps use.
func (b *Builder) numberFile(name string, sf *model.Source) {
	sf.ID = b.names.ID(name)
	switch {
	case sf.Community != nil:
		sf.Community.ID = sf.ID
	case sf.Page != nil:
		sf.Page.ID = sf.ID
	}
}

// number gives every other name a dep can be about its number, before
// any worker reads them.
func (b *Builder) number(m *model.Model) {
	for _, d := range m.Site.Districts {
		b.names.ID(d.Slug)
	}
	for _, k := range slices.Concat(layout.Kinds, layout.OptionalKinds, []string{layout.Shared}) {
		b.names.ID(k)
	}
}

func outputPaths(outs []*render.Output) []string {
	paths := make([]string, len(outs))
	for i, o := range outs {
		paths[i] = o.Path
	}
	return paths
}

// BasePath is the path the site is served under, "/" or "/pinzhi/", as of
// the last build that got as far as checking the source.
func (b *Builder) BasePath() string { return b.env.URLs.Root() }

// AssetURL returns the link to an asset, by its name under assets/, as of
// the last build.
func (b *Builder) AssetURL(name string) (string, bool) {
	a, ok := b.assets[name]
	if !ok {
		return "", false
	}
	return b.env.URLs.Rel(a.Out), true
}

// withoutSearchPage returns outs without the search page, which is
// written after the index.
func (st *state) withoutSearchPage(outs []*render.Output) []*render.Output {
	if st.searchPage == nil {
		return outs
	}
	return slices.DeleteFunc(slices.Clone(outs), func(o *render.Output) bool { return o == st.searchPage })
}
