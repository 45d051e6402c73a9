package generator

import (
	"io/fs"
	"runtime"
	"slices"
	"time"

	"pinzhi/generator/internal/model"
	"pinzhi/generator/internal/render"
	"pinzhi/generator/internal/source"
)

// Update brings the output folder up to date after the named files or
// folders (slash paths from the site root) changed, were created or were
// removed. It renders the files whose deps changed, and removes those the
// site no longer has, all or nothing: when any fails, the folder is left
// as it was (see publish.Tx). Before the first good build, or when the
// site's folder itself changed (a path "."; classify decides), it builds
// everything.
func (b *Builder) Update(changed []string) (*Report, error) {
	cs := classify(changed)
	if b.last == nil || cs.full || b.last.searchPage != nil && b.search == nil {
		return b.Build()
	}
	start, t := time.Now(), newTimer()
	if err := b.open(); err != nil {
		return nil, err
	}
	defer b.release()
	reloaded, sameFiles := b.apply(cs)
	t.done("load")
	if outs, ok := b.bodyEdits(cs, reloaded, sameFiles); ok {
		return b.write(b.last, outs, nil, nil, start, t, true)
	}
	st, errs := b.prepare()
	t.done("check")
	if len(errs) > 0 {
		b.stale = true
		return &Report{Warnings: st.warnings, Phases: t.phases}, errs
	}
	st.records = b.last.records
	first, rest, gone := st.changedOutputs(st.values.Changed(b.last.values), reloaded)
	if st.searchPage != nil && !b.search.canUpdate(st.documents(), slices.Concat(first, rest)) {
		return b.Build() // the index needs the text of every page
	}
	return b.write(st, first, rest, gone, start, t, false)
}

// changedOutputs returns the outputs to render, those that are new or
// showed a changed dep: first the ones showing the reloaded files, then
// the rest; and the files of the last build the site no longer has.
func (st *state) changedOutputs(changed []render.Dep, reloaded []string) (first, rest []*render.Output, gone []string) {
	for _, o := range st.outputs {
		if rec := st.records[o.Path]; rec != nil && !render.ShowsAny(rec.Deps, changed) {
			continue
		}
		if o.File != nil && slices.Contains(reloaded, o.File.Path) {
			first = append(first, o)
		} else {
			rest = append(rest, o)
		}
	}
	planned := make(map[string]bool, len(st.outputs))
	for _, o := range st.outputs {
		planned[o.Path] = true
	}
	for p := range st.records {
		if !planned[p] {
			gone = append(gone, p)
		}
	}
	slices.Sort(gone)
	return first, rest, gone
}

// write renders first, then rest, into the live folder and removes
// gone, all or nothing; on success st becomes the last good state.
// samePages says that the site has the pages it had.
func (b *Builder) write(st *state, first, rest []*render.Output, gone []string, start time.Time, t *timer, samePages bool) (*Report, error) {
	report := &Report{Warnings: slices.Clone(st.warnings)}
	searchPageDue := st.searchPage != nil && (slices.Contains(first, st.searchPage) || slices.Contains(rest, st.searchPage))
	first, rest = st.withoutSearchPage(first), st.withoutSearchPage(rest)
	adding := outputPaths(slices.Concat(first, rest))
	if st.searchPage != nil {
		adding = append(adding, st.searchPage.Path)
	}
	tx, err := b.folder.Begin(adding)
	if err != nil {
		return report, err
	}
	return b.publish(pass{st: st, sink: tx, first: first, rest: rest, gone: gone, workers: b.liveWorkers(),
		searchPage: searchPageDue, samePages: samePages}, report, start, t)
}

// liveWorkers is how many pages an update renders at once: the folder is
// being served, so the server is left room to answer while the lists are
// written; waiting on the disk matters less here.
func (b *Builder) liveWorkers() int { return min(b.opts.Workers, runtime.GOMAXPROCS(0)) }

// joinErrors returns the problems, or, when putting the folder back
// failed too, both.
func joinErrors(ps Problems, rollback error) error {
	if rollback != nil {
		return &rollbackError{ps, rollback}
	}
	return ps
}

type rollbackError struct {
	problems Problems
	err      error
}

func (e *rollbackError) Error() string {
	return e.problems.Error() + "\nand the output folder could not be put back as it was: " + e.err.Error()
}

func (e *rollbackError) Unwrap() []error { return []error{e.problems, e.err} }

// bodyEdits returns the outputs to render when nothing but the bodies of
// pages changed: then the model is as it was, and only the files that
// showed those bodies change. ok is false when anything else may have
// changed.
func (b *Builder) bodyEdits(cs changeSet, reloaded []string, sameFiles bool) (outs []*render.Output, ok bool) {
	last := b.last
	if b.stale || !sameFiles || !cs.bodiesOnly() {
		return nil, false
	}
	for _, name := range reloaded {
		sf, o := b.files[name], last.byFile[name]
		if sf.File == nil || o == nil || name == model.BrandsFile || sf.File.FrontHash != o.File.FrontHash || hasErrors(sf.Problems) {
			return nil, false
		}
	}
	var changed []render.Dep
	for _, name := range reloaded {
		id, f := b.names.IDs[name], b.files[name].File
		if f.BodyHash+1 != last.values.Body[id] {
			changed = append(changed, render.MkDep(render.DepBody, id))
		}
		last.swapFile(f)
	}
	slices.Sort(changed)
	// A body shows on its own page (render.execute notes a body for the
	// page whose file it is and for no other) and in the generated files
	// (the feed carries articles).
	for _, o := range append(slices.Clone(last.generated), mapFiles(last, reloaded)...) {
		if rec := last.records[o.Path]; rec == nil || render.ShowsAny(rec.Deps, changed) {
			outs = append(outs, o)
		}
	}
	return outs, true
}

func mapFiles(st *state, names []string) []*render.Output {
	outs := make([]*render.Output, len(names))
	for i, name := range names {
		outs[i] = st.byFile[name]
	}
	return outs
}

// swapFile gives the model the newly loaded f in place of the file of the
// same path, which differs from it in its body only. The deps' values
// follow once the update succeeds (see write).
func (st *state) swapFile(f *source.File) {
	o := st.byFile[f.Path]
	o.File = f
	switch {
	case o.Community != nil:
		o.Community.File = f
	case o.Page != nil:
		o.Page.File = f
	case o.Kind == "home":
		st.model.Site.File = f
	}
}

func hasErrors(ps source.Problems) bool {
	return slices.ContainsFunc(ps, func(p source.Problem) bool { return !p.Warning })
}

// apply loads again what a change set names. It returns the content files
// it loaded, and whether the set of content files is as it was.
func (b *Builder) apply(cs changeSet) (reloaded []string, sameFiles bool) {
	sameFiles = true
	limits := b.files[model.IndexFile].Limits()
	keep := model.NewBodyBudget()
	for _, name := range cs.content {
		got, same := b.reloadContent(name, keep)
		reloaded = append(reloaded, got...)
		sameFiles = sameFiles && same
	}
	if b.files[model.IndexFile].Limits() != limits && b.files[model.BrandsFile] != nil && !slices.Contains(reloaded, model.BrandsFile) {
		b.reloadContent(model.BrandsFile, keep) // read within the new limits
		reloaded = append(reloaded, model.BrandsFile)
	}
	if cs.layouts {
		b.loadLayouts()
	}
	if cs.assets {
		b.loadAssets()
	}
	return reloaded, sameFiles
}

// reloadContent loads one content file again, or every file under a
// folder, and forgets the files that are gone. It returns the files it
// loaded, and whether the set of files is as it was.
func (b *Builder) reloadContent(name string, keep *model.BodyBudget) (loaded []string, same bool) {
	under := func(p string) bool { return p == name || len(p) > len(name) && p[:len(name)+1] == name+"/" }
	var now []string
	if info, err := fs.Stat(b.opts.Src, name); err == nil && info.IsDir() {
		now = model.ContentFiles(b.opts.Src, name, &source.List{}) // rescan reports what it finds
	} else if err == nil && model.IsMarkdown(name) {
		now = []string{name}
	}
	present := setOf(now)
	same = true
	for known := range b.files {
		if under(known) && !present[known] {
			delete(b.files, known)
			same = false
		}
	}
	for _, f := range now {
		if b.files[f] == nil {
			same = false
		}
		sf := model.LoadFile(b.opts.Src, f, b.md, b.files[model.IndexFile].Limits(), keep)
		b.numberFile(f, sf)
		b.files[f] = sf
		loaded = append(loaded, f)
	}
	if !same {
		b.order = nil
		b.rescan()
	}
	return loaded, same
}

// rescan lists content/ again for its warnings, once files came or went.
func (b *Builder) rescan() {
	var scan source.List
	model.ContentFiles(b.opts.Src, model.ContentDir, &scan)
	b.scanned = scan.Problems
}

func setOf(names []string) map[string]bool {
	set := make(map[string]bool, len(names))
	for _, n := range names {
		set[n] = true
	}
	return set
}

// without returns the items of a that b lacks.
func without(a, b []string) []string {
	in := make(map[string]bool, len(b))
	for _, x := range b {
		in[x] = true
	}
	var out []string
	for _, x := range a {
		if !in[x] {
			out = append(out, x)
		}
	}
	return out
}
