package linkcheck

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"time"
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

// OpenCache reads the cache file, if there is one; a missing, unreadable
// or garbled file is an empty cache.
func OpenCache(file string, now func() time.Time) *Cache {
	c := &Cache{file: file, now: now, entries: map[string]Result{}}
	if info, err := os.Stat(file); err == nil && info.Mode().IsRegular() && info.Size() <= maxCacheBytes {
		if data, err := os.ReadFile(file); err == nil {
			json.Unmarshal(data, &c.entries)
		}
	}
	return c
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
// temporary file renamed over the old one, so that two checks at once
// leave one whole file.
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
	if err := os.MkdirAll(filepath.Dir(c.file), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.file), filepath.Base(c.file)+".*.tmp")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), c.file)
}
