package generator

import (
	"time"

	"pinzhi/generator/internal/asset"
	"pinzhi/generator/internal/layout"
	"pinzhi/generator/internal/model"
	"pinzhi/generator/internal/source"
)

// loadAll reads every source, layout and asset from scratch.
func (b *Builder) loadAll() {
	b.loadContent()
	b.loadLayouts()
	b.loadAssets()
}

// loadContent reads every content file, on all workers.
func (b *Builder) loadContent() {
	var scan source.List
	names := model.ContentFiles(b.opts.Src, model.ContentDir, &scan)
	b.scanned = scan.Problems
	b.progress.start("load", len(names))
	b.files = model.LoadAll(b.opts.Src, names, b.opts.Workers, b.md, model.NewBodyBudget(), b.progress.step)
	for name, sf := range b.files {
		b.numberFile(name, sf)
	}
	b.order = nil
}

func (b *Builder) loadLayouts() {
	var probs source.List
	b.layouts = layout.Load(b.opts.Src, b.env.Funcs(), b.seed, &probs)
	b.layoutProblems = probs.Problems
}

func (b *Builder) loadAssets() {
	var probs source.List
	b.assets = asset.Load(b.opts.Context, b.opts.Src, b.minifier, b.images, &probs)
	b.images.Prune(time.Now())
	b.assetProblems = probs.Problems
}
