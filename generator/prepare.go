package generator

import "strings"

// buildState is one build's model, pages and renderer.
type buildState struct {
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
		if len(errs) == 0 { // _index.md is there, but not as a file
			errs = Problems{{Path: siteFile, Message: "is not a Markdown file", Hint: "make it a file with the site's settings"}}
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
	return &buildState{pages: pages, bySource: bySource, deps: deps, r: r}, problemSplit{nil, warnings}
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
