package asset

import (
	"bytes"
	"io"
	"sync"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/parse/v2/buffer"
)

// Bounds of a styleCache: enough for the site's stylesheet and a few
// versions of it while an editor changes it under the dev server, and
// never more than a few megabytes, whatever the pages hold.
const (
	styleCacheEntries  = 8
	styleCacheMaxInput = 256 << 10
)

// A styleCache is the CSS minifier: it minifies each distinct stylesheet
// once and writes the same bytes again for every page that carries it.
// Every page has the site's stylesheet inline, and minifying it once per
// page took a quarter of the processor time of a 10,000-page build.
// Style attributes (minified with parameters) and stylesheets over
// styleCacheMaxInput bytes are minified every time. It is safe for use
// by several workers at once.
type styleCache struct {
	mu      sync.Mutex
	entries map[string][]byte // source stylesheet -> minified
}

// Minify implements minify.Minifier.
func (c *styleCache) Minify(m *minify.M, w io.Writer, r io.Reader, params map[string]string) error {
	if params != nil {
		return css.Minify(m, w, r, params)
	}
	src, err := readAllOf(r)
	if err != nil {
		return err
	}
	if out, ok := c.lookup(src); ok {
		_, err := w.Write(out)
		return err
	}
	var out bytes.Buffer
	if err := css.Minify(m, &out, bytes.NewReader(src), nil); err != nil {
		return err
	}
	c.store(src, out.Bytes())
	_, err = w.Write(out.Bytes())
	return err
}

// readAllOf returns what r holds. The HTML minifier hands each <style> over
// in a new *buffer.Reader, nothing of it read yet, whose bytes are taken
// as they are instead of copied: a stylesheet is read for every page.
func readAllOf(r io.Reader) ([]byte, error) {
	if b, ok := r.(*buffer.Reader); ok {
		return b.Bytes(), nil
	}
	return io.ReadAll(r)
}

func (c *styleCache) lookup(src []byte) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	out, ok := c.entries[string(src)]
	return out, ok
}

// store keeps out for src, starting afresh when the cache is full: the
// entries it drops are old versions of a stylesheet being edited.
func (c *styleCache) store(src, out []byte) {
	if len(src) > styleCacheMaxInput {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || len(c.entries) >= styleCacheEntries {
		c.entries = make(map[string][]byte, styleCacheEntries)
	}
	c.entries[string(src)] = out
}
