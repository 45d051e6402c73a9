package generator

import (
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"time"
)

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
	errs, warns := (&problemList{dedupeProblems(probs)}).split()
	report.Warnings = append(slices.Clone(report.Warnings), warns...)
	sortProblems(report.Warnings)
	report.Duration = time.Since(start)
	if len(errs) > 0 {
		b.last = nil
		return report, errs
	}
	return report, nil
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
