package generator

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
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
	Workers int  // pages rendered at once; 0 means two per CPU, so that one waits on the disk while the other computes
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

// Build builds the whole site into the staging folder beside the output
// folder and swaps the two when every file is written (see Output in the
// package documentation). When it fails, the output folder is as it was.
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
	if err := os.MkdirAll(filepath.Dir(out.out), 0o755); err != nil {
		return nil, fmt.Errorf("cannot create the folder for %s: %w", out.out, err)
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
