package generator

import (
	"errors"
	"io/fs"
	"path"
	"strings"
	"sync"
)

// contentFiles lists the Markdown files under content/, sorted, and warns
// about files that are neither Markdown nor editor clutter.
func contentFiles(fsys fs.FS, probs *problemList) []string {
	var names []string
	err := fs.WalkDir(fsys, "content", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if name == "content" && errors.Is(err, fs.ErrNotExist) {
				return err
			}
			probs.add(name, 0, "check its permissions", "cannot be read: %s", unwrapPathError(err))
			return nil
		}
		base := path.Base(name)
		if name != "content" && strings.HasPrefix(base, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case d.IsDir(), IsScratchFile(base):
		case isMarkdown(name):
			names = append(names, name)
		default:
			probs.warn(name, 0, "pictures and other files belong in assets/; link them as /assets/<name>", "not a Markdown file; ignored")
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		probs.add("content", 0, "run pinzhi in the site's folder or name it with --src", "folder not found")
	}
	return names // fs.WalkDir visits in lexical order
}

// IsScratchFile reports whether a file name is one an editor writes for
// itself while saving (swap, backup and lock files), never content.
func IsScratchFile(base string) bool {
	for _, suffix := range []string{"~", ".swp", ".swx", ".tmp", "___jb_tmp___", "___jb_old___"} {
		if strings.HasSuffix(base, suffix) {
			return true
		}
	}
	return strings.HasPrefix(base, ".#") || strings.HasPrefix(base, "#") || base == "4913"
}

// loadSources loads the named files on all workers. The result is in the
// order of names, with nil where a file had problems.
func loadSources(fsys fs.FS, names []string, workers int) ([]*Source, Problems) {
	sources := make([]*Source, len(names))
	problems := make([]Problems, len(names))
	var wg sync.WaitGroup
	next := make(chan int, workers)
	for range max(workers, 1) {
		wg.Go(func() {
			for i := range next {
				sources[i], problems[i] = loadSource(fsys, names[i])
			}
		})
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()
	var all Problems
	for _, ps := range problems {
		all = append(all, ps...)
	}
	return sources, all
}
