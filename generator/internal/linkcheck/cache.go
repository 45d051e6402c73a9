package linkcheck

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"sync"
	"time"

	"pinzhi/generator/internal/source"
)

// cacheLife is how long an answer is trusted: a day, so that checking
// twice in one afternoon asks nobody twice, and a page that went away is
// noticed the next day.
const cacheLife = 24 * time.Hour

// Cache remembers lasting answers in one JSON file of the user's cache
// folder. A nil *Cache remembers nothing.
type Cache struct {
	file    string
	now     func() time.Time
	mu      sync.Mutex
	entries map[string]Result
	changed bool
}

// maxCacheBytes bounds the file read: a cache is pinzhi's own, but a
// file of that name may be anything.
const maxCacheBytes = 64 << 20

// OpenCache reads the cache file, if there is one, as every cache is read
// (source.ReadRegular: a regular file, not through a link, bounded). A
// missing file is an empty cache; one that cannot be used is an empty
// cache too, and the error says why, for a note: the next Save replaces
// it.
func OpenCache(file string, now func() time.Time) (*Cache, error) {
	c := &Cache{file: file, now: now, entries: map[string]Result{}}
	data, _, err := source.ReadRegular(file, maxCacheBytes)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return c, nil
	case err != nil:
		return c, err
	}
	if err := json.Unmarshal(data, &c.entries); err != nil {
		c.entries = map[string]Result{}
		return c, fmt.Errorf("is not the JSON pinzhi writes (%v)", err)
	}
	return c, nil
}

// Get returns the answer for url from the last day.
func (c *Cache) Get(url string) (Result, bool) {
	if c == nil {
		return Result{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	r, ok := c.entries[url]
	if !ok || c.now().Sub(r.Checked) >= cacheLife || r.Checked.After(c.now()) {
		return Result{}, false
	}
	return r, true
}

// Put remembers an answer.
func (c *Cache) Put(url string, r Result) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.entries[url] = r
	c.changed = true
}

// Save writes the cache, without the answers older than a day, through a
// temporary file renamed over the old one (source.WriteReplacing), so
// that two checks at once leave one whole file, and a failure none.
func (c *Cache) Save() error {
	if c == nil || !c.changed {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for u, r := range c.entries {
		if c.now().Sub(r.Checked) >= cacheLife {
			delete(c.entries, u)
		}
	}
	data, err := json.Marshal(c.entries)
	if err != nil {
		return err
	}
	return source.WriteReplacing(c.file, data)
}
