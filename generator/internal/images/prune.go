package images

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"time"

	"pinzhi/generator/internal/source"
)

// The cache is pruned so that it cannot grow without bound: entries not
// used for pruneAge go, then the least recently used beyond pruneBytes.
// Using an entry renews its time (see get), so a site built now and then
// keeps its photos' sizes.
const (
	pruneAge   = 90 * 24 * time.Hour
	pruneBytes = 2 << 30
	pruneEvery = 24 * time.Hour
)

// entryName is the name of a file pinzhi writes into the cache; the
// pruning removes nothing else.
var entryName = regexp.MustCompile(`^[0-9a-f]{32}-[0-9]+\.(jpg|png|webp)$`)

// stampFile records when the cache was last pruned.
const stampFile = "pruned"

// Prune removes old entries, at most once a day and once per Cache. It
// removes only regular files named as pinzhi names its entries, under
// the folder of this version, and temporary files a killed pinzhi left
// there a day ago or more.
func (c *Cache) Prune(now time.Time) {
	if c == nil {
		return
	}
	c.mu.Lock()
	done := c.pruned
	c.pruned = true
	c.mu.Unlock()
	stamp := filepath.Join(c.dir, stampFile)
	if info, err := os.Lstat(stamp); done || err == nil && now.Sub(info.ModTime()) < pruneEvery && !info.ModTime().After(now) {
		return
	}
	type entry struct {
		path string
		size int64
		used time.Time
	}
	var entries []entry
	root := filepath.Join(c.dir, "v"+version)
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !d.Type().IsRegular() {
			return nil // WalkDir does not follow links: a link to a folder is a file here
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		name := d.Name()
		switch {
		case entryName.MatchString(name):
			entries = append(entries, entry{p, info.Size(), info.ModTime()})
		case isTempName(name) && now.Sub(info.ModTime()) > pruneEvery:
			os.Remove(p)
		}
		return nil
	})
	slices.SortFunc(entries, func(a, b entry) int { return b.used.Compare(a.used) }) // newest first
	var total int64
	for _, e := range entries {
		total += e.size
		if now.Sub(e.used) > pruneAge || total > pruneBytes {
			os.Remove(e.path)
		}
	}
	// The stamp is replaced, never opened for writing: a FIFO planted
	// there would hold an open for ever.
	if source.WriteReplacing(stamp, nil) == nil {
		os.Chtimes(stamp, now, now)
	}
}

var tempName = regexp.MustCompile(`^\.[0-9a-f]{32}-[0-9]+\.(jpg|png|webp)\.[0-9]+\.tmp$`)

func isTempName(name string) bool { return tempName.MatchString(name) }
