package devserver

import (
	"io/fs"
	"path/filepath"
	"time"

	"pinzhi/generator/internal/source"
)

// fileState is what polling compares to tell a changed file.
// The inode tells a file saved by writing a new one and renaming it over
// the old, when size and time stay the same: file times tick only every
// few milliseconds.
type fileState struct {
	size    int64
	modTime time.Time
	ino     uint64
	dir     bool
}

// startPolling reports changes by listing the source folders every
// pollGap: slower than events, but it works wherever files can be read.
func (w *watcher) startPolling() <-chan change {
	out := make(chan change, 256)
	last := w.snapshot()
	go func() {
		ticker := time.NewTicker(pollGap)
		defer ticker.Stop()
		for {
			select {
			case <-ticker.C:
				now := w.snapshot()
				for _, p := range changedPaths(last, now) {
					if rel, ok := w.relevant(filepath.Join(w.root, filepath.FromSlash(p))); ok {
						out <- change{path: rel}
					}
				}
				last = now
			case <-w.stop:
				return
			}
		}
	}()
	return out
}

// snapshot lists every file and folder under the source folders.
func (w *watcher) snapshot() map[string]fileState {
	files := map[string]fileState{}
	for _, d := range sourceDirs {
		source.WalkDir(source.DirFS(w.root), d, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if e.IsDir() && p != d && source.Ignored(e.Name()) {
				return fs.SkipDir
			}
			info, err := fs.Stat(source.DirFS(w.root), p) // through a link: its target's changes count
			if err != nil {
				return nil
			}
			_, ino := source.FileID(info)
			files[p] = fileState{info.Size(), info.ModTime(), ino, e.IsDir()}
			return nil
		})
	}
	return files
}

// changedPaths lists the files that appeared, went or changed between two
// snapshots. Folders count only when they appear or go.
func changedPaths(old, now map[string]fileState) []string {
	var changed []string
	for p, s := range now {
		o, ok := old[p]
		if !ok || (!s.dir && (o.size != s.size || !o.modTime.Equal(s.modTime) || o.ino != s.ino)) {
			changed = append(changed, p)
		}
	}
	for p := range old {
		if _, ok := now[p]; !ok {
			changed = append(changed, p)
		}
	}
	return changed
}
