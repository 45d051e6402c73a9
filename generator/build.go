package generator

import (
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/tdewolff/minify/v2"
	"github.com/yuin/goldmark/parser"
)

// Options say what to build and where.
type Options struct {
	Src     fs.FS  // the site root, holding content/, layouts/ and assets/
	Out     string // the output folder on disk
	BaseURL string // when set, replaces the baseURL of content/_index.md
	// Origin, when set, replaces the scheme and host of the base URL and
	// keeps its path: the dev server sets it to its own address.
	Origin  string
	Drafts  bool // when set, pages with draft: true are built too
	Workers int  // pages rendered at once; 0 means one per CPU
}

// Report says what a build did.
type Report struct {
	Warnings Problems
	Files    int      // files in the output folder
	Written  []string // files written, as slash paths under Out
	Removed  []string // files removed
	Duration time.Duration
	Phases   []Phase // where the time went, in order
}

// A Phase is one step of a build and how long it took.
type Phase struct {
	Name     string
	Duration time.Duration
}

// timer records the phases of a build.
type timer struct {
	phases []Phase
	last   time.Time
}

func newTimer() *timer { return &timer{last: time.Now()} }

func (t *timer) done(name string) {
	now := time.Now()
	t.phases = append(t.phases, Phase{name, now.Sub(t.last)})
	t.last = now
}

// A Builder builds one site, first whole (Build) and then, as its source
// changes, file by file (Update). It keeps the model, not the pages: what
// it remembers of the output is a print of each file, which tells whether
// the file must be written again. A Builder is not safe for concurrent use.
type Builder struct {
	opts      Options
	min       *minify.M
	env       *templateEnv
	blocks    parser.Parser // reads the structure of the brand list
	sources   map[string]*Source
	broken    map[string]Problems // files that did not load, and why
	scanned   Problems            // warnings from listing content/
	layouts   layouts
	layoutPs  Problems
	assets    assetSet
	assetPs   Problems
	prints    map[string]uint64 // file in the output folder -> its print
	last      *buildState       // of the last good build, while the output folder holds it
	order     []string          // the keys of sources, sorted; reset when a file comes or goes
	assembler assembler
}

// NewBuilder returns a Builder for opts; nothing is read until Build.
func NewBuilder(opts Options) *Builder {
	if opts.Workers <= 0 {
		opts.Workers = 2 * runtime.GOMAXPROCS(0)
	}
	env := &templateEnv{urls: newURLScheme("/")}
	return &Builder{opts: opts, min: newMinifier(), env: env, blocks: newMarkdown(false, nil).parser()}
}

// Build builds the whole site into a fresh folder beside the output folder
// and swaps it in when every file is written. When it fails, the output
// folder is as it was.
func Build(opts Options) (*Report, error) {
	return NewBuilder(opts).Build()
}

// Build reads the whole source and builds the whole site, as the package
// function Build does. It returns Problems when the source has errors.
func (b *Builder) Build() (*Report, error) {
	start, t := time.Now(), newTimer()
	out := folders{b.opts.Out}
	if err := checkOutputDir(out.out); err != nil {
		return nil, err
	}
	unlock, err := lockOutput(out.out)
	if err != nil {
		return nil, err
	}
	defer unlock()

	b.last = nil
	b.loadAll()
	t.done("load")
	st, problems := b.prepare()
	t.done("check")
	if st == nil {
		return &Report{Warnings: problems.warnings, Phases: t.phases}, problems.errors
	}
	staging, held, err := out.openStaging()
	if err != nil {
		return nil, err
	}
	o := &output{dir: staging}
	o.hold(held)
	t.done("stage")
	report, err := b.write(st, o, map[string]uint64{}, held, nil, problems.warnings)
	t.done("render")
	report.Phases = t.phases
	if err != nil {
		// The staging folder now holds what it held and what was written.
		writeList(staging, mergeSorted(held, report.Written))
		return report, err
	}
	if err := out.swapIn(sortedKeys(b.prints)); err != nil {
		return report, err
	}
	t.done("swap")
	st.warnings, b.last = problems.warnings, st
	report.Phases = t.phases
	report.Duration = time.Since(start)
	return report, nil
}

// Update brings the output folder up to date after the named files or
// folders (slash paths from the site root) changed, were created or were
// removed. It writes only the files whose print changed, each by renaming
// a complete file over the old one. Before the first successful build it
// builds everything.
func (b *Builder) Update(changed []string) (*Report, error) {
	if b.prints == nil {
		return b.Build()
	}
	start, t := time.Now(), newTimer()
	reloaded, structural := b.apply(changed)
	t.done("load")
	if !structural && b.last != nil {
		if pages, ok := b.last.bodiesOnly(reloaded); ok {
			return b.rewrite(pages, start)
		}
	}
	b.last = nil
	st, problems := b.prepare()
	t.done("check")
	if st == nil {
		return &Report{Warnings: problems.warnings, Phases: t.phases}, problems.errors
	}
	report, err := b.write(st, &output{dir: b.opts.Out, live: true}, b.prints, nil, reloaded, problems.warnings)
	t.done("render")
	report.Duration, report.Phases = time.Since(start), t.phases
	if err == nil {
		st.warnings, b.last = problems.warnings, st
	}
	return report, err
}

// bodiesOnly returns the pages of the reloaded sources when nothing but
// their bodies changed, giving them the new sources. The model, built from
// front matter alone, is then as it was, and no other page shows a body.
func (st *buildState) bodiesOnly(reloaded []*Source) ([]*Page, bool) {
	var pages []*Page
	for _, src := range reloaded {
		p := st.bySource[src.Path]
		if p == nil || p.source.FrontHash != src.FrontHash || src.Path == siteFile || src.Path == brandsFile {
			return nil, false
		}
		pages = append(pages, p)
	}
	for i, p := range pages {
		p.source = reloaded[i]
		switch {
		case p.data.Community != nil:
			p.data.Community.source = p.source
		case p.data.Page != nil:
			p.data.Page.source = p.source
		}
		p.print = st.deps.print(p.kind, p.own)
	}
	return pages, true
}

// rewrite renders the given pages of the last build again.
func (b *Builder) rewrite(pages []*Page, start time.Time) (*Report, error) {
	st := b.last
	st.r.out = &output{dir: b.opts.Out, live: true}
	pages = slices.DeleteFunc(pages, func(p *Page) bool { return b.prints[p.Out] == p.print })
	written, probs := st.r.renderAll(pages, min(b.opts.Workers, runtime.GOMAXPROCS(0)))
	report := &Report{Warnings: st.warnings, Files: len(b.prints)}
	for _, p := range written {
		b.prints[p.Out] = p.print
		report.Written = append(report.Written, p.Out)
	}
	var pl problemList
	pl.addAll(probs)
	errs, warns := pl.split()
	report.Warnings = append(slices.Clone(report.Warnings), warns...)
	sortProblems(report.Warnings)
	report.Duration = time.Since(start)
	if len(errs) > 0 {
		b.last = nil
		return report, errs
	}
	return report, nil
}

// loadAll reads every source, layout and asset from scratch.
func (b *Builder) loadAll() {
	var scan problemList
	names := contentFiles(b.opts.Src, &scan)
	b.scanned = scan.list
	loaded, probs := loadSources(b.opts.Src, names, b.opts.Workers)
	b.sources, b.broken, b.order = map[string]*Source{}, map[string]Problems{}, nil
	for i, name := range names {
		if loaded[i] != nil {
			b.sources[name] = loaded[i]
		}
	}
	for _, p := range probs {
		b.broken[p.Path] = append(b.broken[p.Path], p)
	}
	b.loadLayouts()
	b.loadAssets()
}

func (b *Builder) loadLayouts() {
	var probs problemList
	b.layouts = loadLayouts(b.opts.Src, b.env.funcs(), &probs)
	b.layoutPs = probs.list
}

func (b *Builder) loadAssets() {
	var probs problemList
	b.assets = loadAssets(b.opts.Src, b.min, &probs)
	b.assetPs = probs.list
}

// apply reloads what the changed paths touch. It returns the content files
// it loaded again, and whether anything else changed: a file came or went,
// a file is broken, a layout or an asset changed.
func (b *Builder) apply(changed []string) (reloaded []*Source, structural bool) {
	var layoutsChanged, assetsChanged bool
	order := b.order
	for _, name := range changed {
		name = path.Clean(strings.TrimPrefix(name, "/"))
		switch {
		case name == "content" || strings.HasPrefix(name, "content/"):
			reloaded = append(reloaded, b.reloadContent(name)...)
		case name == layoutsDir || strings.HasPrefix(name, layoutsDir+"/"):
			layoutsChanged = true
		case name == assetsDir || strings.HasPrefix(name, assetsDir+"/"):
			assetsChanged = true
		}
	}
	if layoutsChanged {
		b.loadLayouts()
	}
	if assetsChanged {
		b.loadAssets()
	}
	structural = layoutsChanged || assetsChanged || b.order == nil || order == nil || len(b.broken) > 0
	return reloaded, structural
}

// reloadContent reloads one content file, or every file under a folder,
// and forgets the files that are gone. It returns the files it loaded.
func (b *Builder) reloadContent(name string) (loaded []*Source) {
	under := func(p string) bool { return p == name || strings.HasPrefix(p, name+"/") }
	gone := map[string]bool{}
	for known := range b.sources {
		if under(known) {
			gone[known] = true
		}
	}
	for known := range b.broken {
		if under(known) {
			delete(b.broken, known)
		}
	}
	reload := func(p string) {
		if isMarkdown(p) && !strings.HasPrefix(path.Base(p), ".") {
			if src := b.reloadFile(p); src != nil {
				loaded = append(loaded, src)
			}
			delete(gone, p)
		}
	}
	info, err := fs.Stat(b.opts.Src, name)
	switch {
	case err == nil && info.IsDir():
		_ = fs.WalkDir(b.opts.Src, name, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				reload(p)
			}
			return nil
		})
	case err == nil:
		reload(name)
	}
	for p := range gone {
		b.forget(p)
	}
	return loaded
}

// reloadFile loads one content file again; a file with problems is
// remembered as broken, which fails the build until it is fixed.
func (b *Builder) reloadFile(name string) *Source {
	src, probs := loadSource(b.opts.Src, name)
	if src == nil {
		b.forget(name)
		b.broken[name] = probs
		return nil
	}
	if !hasKey(b.sources, name) {
		b.order = nil
	}
	b.sources[name] = src
	return src
}

func (b *Builder) forget(name string) {
	if hasKey(b.sources, name) {
		delete(b.sources, name)
		b.order = nil
	}
}

// buildState is one build's model, pages and renderer.
type buildState struct {
	model    *Model
	pages    []*Page
	bySource map[string]*Page // the page whose body each content file is
	deps     *pageDeps
	r        *renderer
	warnings Problems
}

type problemSplit struct {
	errors   Problems
	warnings Problems
}

// prepare checks the loaded source and plans the site. It returns a nil
// state when the source has errors.
func (b *Builder) prepare() (*buildState, problemSplit) {
	var probs problemList
	probs.addAll(b.scanned)
	for _, ps := range b.broken {
		probs.addAll(ps)
	}
	probs.addAll(b.layoutPs)
	probs.addAll(b.assetPs)
	if len(b.order) != len(b.sources) {
		b.order = sortedKeys(b.sources)
	}
	sources := make([]*Source, len(b.order))
	for i, name := range b.order {
		sources[i] = b.sources[name]
	}
	m := b.assembler.assemble(b.opts.Src, sources, b.opts, b.blocks, &probs)
	errs, warnings := probs.split()
	if m == nil || len(errs) > 0 {
		if len(errs) == 0 {
			errs = Problems{{Path: siteFile, Message: "cannot be read"}}
		}
		return nil, problemSplit{errs, warnings}
	}
	b.env.urls = newURLScheme(m.Site.BaseURL)
	b.env.assets = b.assets
	b.env.layouts = b.layouts
	pages, deps := plan(m, b.layouts, b.assets.fingerprint())
	b.env.cards = b.env.cards.next(deps.cardGeneration(), m)
	links := &linkRewriter{urls: b.env.urls, assets: b.assets.links(), pages: pagePaths(pages)}
	r := &renderer{fsys: b.opts.Src, md: newMarkdown(m.Site.RawHTML, links), layouts: b.layouts, min: b.min}
	bySource := make(map[string]*Page, len(pages))
	for _, p := range pages {
		if p.source != nil {
			bySource[p.source.Path] = p
		}
	}
	return &buildState{model: m, pages: pages, bySource: bySource, deps: deps, r: r}, problemSplit{nil, warnings}
}

// BasePath is the path the site is served under, "/" or "/pinzhi/", as of
// the last build that got as far as checking the source.
func (b *Builder) BasePath() string { return b.env.urls.root() }

// AssetURL returns the link to an asset, by its name under assets/, as of
// the last build.
func (b *Builder) AssetURL(name string) (string, bool) {
	a, ok := b.assets[name]
	if !ok {
		return "", false
	}
	return b.env.urls.rel(a.Out), true
}

// pagePaths is the set of site-relative paths the build writes, for
// checking links: "communities/a/" and "feed.xml".
func pagePaths(pages []*Page) map[string]bool {
	set := make(map[string]bool, len(pages))
	set[""] = true
	for _, p := range pages {
		set[strings.TrimSuffix(p.Out, "index.html")] = true
	}
	return set
}

// write renders the pages whose print differs from old into o, writes the
// assets not in old and removes the files the site no longer has: those of
// held (what a staging folder holds), or of old when held is nil. On
// success b.prints becomes the prints of the folder's files.
//
// The pages of the sources in first are written first: the page an editor
// just saved is served new while the lists that show it are still being
// written.
func (b *Builder) write(st *buildState, o *output, old map[string]uint64, held []string, first []*Source, warnings Problems) (*Report, error) {
	st.r.out = o
	workers := b.opts.Workers
	if o.live {
		// Pages being served: leave the server room to answer while the
		// lists are written. Blocking on the disk matters less here.
		workers = min(workers, runtime.GOMAXPROCS(0))
	}
	var todo, rest []*Page // todo: the pages to write first
	next := make(map[string]uint64, len(st.pages)+len(b.assets))
	for _, p := range st.pages {
		next[p.Out] = p.print
		if old[p.Out] == p.print && hasKey(old, p.Out) {
			continue
		}
		if p.source != nil && slices.ContainsFunc(first, func(s *Source) bool { return s.Path == p.source.Path }) {
			todo = append(todo, p)
		} else {
			rest = append(rest, p)
		}
	}

	report := &Report{Warnings: warnings}
	var probs problemList
	for _, name := range sortedKeys(b.assets) {
		a := b.assets[name]
		next[a.Out] = 0
		if hasKey(old, a.Out) {
			continue
		}
		if err := o.write(a.Out, a.data); err != nil {
			probs.add(a.Out, 0, "check that the output folder is writable", "cannot be written: %v", err)
			continue
		}
		report.Written = append(report.Written, a.Out)
	}
	written, renderProbs := st.r.renderAll(todo, workers)
	probs.addAll(renderProbs)
	writtenRest, renderProbs := st.r.renderAll(rest, workers)
	written = append(written, writtenRest...)
	probs.addAll(renderProbs)
	for _, p := range written {
		report.Written = append(report.Written, p.Out)
	}
	errs, warns := probs.split()
	report.Warnings = append(report.Warnings, warns...)
	sortProblems(report.Warnings)
	slices.Sort(report.Written)
	if len(errs) > 0 {
		// Keep what was written: the next update writes the failed files again.
		for _, p := range written {
			old[p.Out] = p.print
		}
		return report, errs
	}
	if held == nil {
		held = keysMissingFrom(old, next)
	}
	for _, f := range missingFrom(held, next) {
		if err := o.remove(f); err != nil {
			return report, err
		}
		report.Removed = append(report.Removed, f)
	}
	b.prints = next
	report.Files = len(next)
	return report, nil
}

// keysMissingFrom returns the keys of old that next does not have.
func keysMissingFrom(old, next map[string]uint64) []string {
	var gone []string
	for f := range old {
		if !hasKey(next, f) {
			gone = append(gone, f)
		}
	}
	return gone
}

// mergeSorted returns the sorted union of two lists.
func mergeSorted(a, b []string) []string {
	all := slices.Concat(a, b)
	slices.Sort(all)
	return slices.Compact(all)
}

func hasKey[K comparable, V any](m map[K]V, k K) bool {
	_, ok := m[k]
	return ok
}
