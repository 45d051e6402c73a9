package model

import (
	"bytes"
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"pinzhi/generator/internal/markup"
	"pinzhi/generator/internal/source"
)

// A Source is one content file as loaded and decoded. Which of its
// values is set depends on where the file is; all are nil when it could
// not be read.
type Source struct {
	File      *source.File
	ID        uint32 // the file's number in the Builder's interner
	Settings  *Settings
	Community *Community
	Page      *Page
	Brands    *BrandList
	Stats     markup.Stats    // of its body, for the limits
	Problems  source.Problems // of reading and decoding it, warnings included
}

// LoadFile reads one content file, scans its body for what the
// limits bound, and decodes its front matter into what its place in
// content/ says it is. Nothing here needs another file, but for the brand
// list, whose body is parsed only within the site's limits: linking the
// model does the rest.
func LoadFile(fsys fs.FS, name string, md *markup.Markdown, limits markup.Limits, keep *BodyBudget) *Source {
	l, problems := source.Load(fsys, name)
	if l == nil {
		return &Source{Problems: problems}
	}
	if keep.take(len(l.Body)) {
		l.Keep()
	}
	sf := &Source{File: l.File, Stats: markup.Scan(l.Body)}
	var probs source.List
	switch {
	case name == IndexFile:
		sf.Settings = decodeSite(l, &probs)
	case strings.HasPrefix(name, CommunitiesDir):
		sf.Community = decodeCommunity(l, &probs)
	case name == BrandsFile:
		if len(sf.Stats.Check(limits)) == 0 { // else linking says why, and there are no entries to read
			sf.Brands = decodeBrands(l, md, &probs)
		}
	default:
		sf.Page = decodePlainPage(l, &probs)
	}
	warnPlaceholder(sf, l, &probs)
	sf.Problems = probs.Problems
	return sf
}

// PlaceholderBody is the body pinzhi new writes, for the editor to replace.
const PlaceholderBody = "（在这里写正文。）"

// warnPlaceholder warns of a page that is published with the body pinzhi
// new gave it.
func warnPlaceholder(sf *Source, l *source.Loaded, probs *source.List) {
	published := sf.Community != nil && !sf.Community.Draft || sf.Page != nil && !sf.Page.Draft
	if published && bytes.Equal(bytes.TrimSpace(l.Body), []byte(PlaceholderBody)) {
		probs.Warn(l.File.Path, l.File.BodyLine, "write the article in its place, or put back draft: true until it is written",
			"the body is still pinzhi new's placeholder %s, and the page is published", PlaceholderBody)
	}
}

// LoadAll loads the named files on all workers, content/_index.md
// first: its limits bound what the others may cost.
// Each file loaded is counted with loaded.
func LoadAll(fsys fs.FS, names []string, workers int, md *markup.Markdown, keep *BodyBudget, loaded func()) map[string]*Source {
	files := make(map[string]*Source, len(names))
	limits := markup.DefaultLimits()
	if slices.Contains(names, IndexFile) {
		sf := LoadFile(fsys, IndexFile, md, limits, keep)
		loaded()
		files[IndexFile] = sf
		limits = sf.Limits()
		names = slices.DeleteFunc(slices.Clone(names), func(n string) bool { return n == IndexFile })
	}
	results := make([]*Source, len(names))
	var wg sync.WaitGroup
	next := make(chan int, workers)
	for range max(workers, 1) {
		wg.Go(func() {
			for i := range next {
				results[i] = LoadFile(fsys, names[i], md, limits, keep)
				loaded()
			}
		})
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, name := range names {
		files[name] = results[i]
	}
	return files
}

// ContentFiles lists the Markdown files under dir (content/ or a folder
// in it), sorted, and warns about files that are neither Markdown nor
// ignored (see source.Ignored).
func ContentFiles(fsys fs.FS, dir string, probs *source.List) []string {
	var names []string
	err := source.WalkDir(fsys, dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if name == dir && errors.Is(err, fs.ErrNotExist) {
				return err
			}
			probs.AddAll(source.Problems{source.WalkProblem(name, err)})
			return nil
		}
		if name != dir && source.Ignored(path.Base(name)) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case d.IsDir():
		case IsMarkdown(name):
			names = append(names, name)
		default:
			probs.Warn(name, 0, "pictures and other files belong in assets/; link them as /assets/<name>", "not a Markdown file; ignored")
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) && dir == ContentDir {
		probs.Add(ContentDir, 0, "run pinzhi in the site's folder or name it with --src", "folder not found")
	}
	return names // source.WalkDir visits in lexical order
}

const ContentDir = "content"

// BodyBudget is how many bytes of bodies a build keeps from loading to
// rendering, so that most files are read once, while a site of 50,000
// pages does not hold all its text in memory.
type BodyBudget struct{ left atomic.Int64 }

// keptBodies is the budget of a build.
const keptBodies = 16 << 20

func NewBodyBudget() *BodyBudget {
	b := &BodyBudget{}
	b.left.Store(keptBodies)
	return b
}

// take reports whether n more bytes may be kept, and counts them if so.
func (b *BodyBudget) take(n int) bool {
	if b == nil || b.left.Add(-int64(n)) < 0 {
		return false
	}
	return true
}

// Limits are the limits content/_index.md sets, or the defaults when it
// could not be read.
func (sf *Source) Limits() markup.Limits {
	if sf == nil || sf.Settings == nil {
		return markup.DefaultLimits()
	}
	return sf.Settings.Limits
}

// IsMarkdown reports whether a content file is a page.
func IsMarkdown(name string) bool {
	ext := path.Ext(name)
	return ext == ".md" || ext == ".markdown"
}
