package images

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"golang.org/x/image/webp"

	"pinzhi/generator/internal/source"
)

// A Cache keeps encoded variants on disk, by a hash of the source and of
// how they were made, so that a rebuild encodes nothing again.
//
// What the folder holds is untrusted input like any other: another
// program, a careless clean-up or a cache shared between CI runs may have
// put anything there. An entry is used only if it is a regular file (not
// a link, a device or a FIFO, which are never opened for reading), no
// larger than its picture can be, and decodes as a picture of its format
// with the size its name promises. Anything else is made again and
// written over, with a note. Entries unused for pruneAge are removed, and
// the oldest beyond pruneBytes, at most once a day.
//
// A nil *Cache keeps nothing. A Cache is safe for concurrent use.
type Cache struct {
	dir  string
	note func(string)

	mu      sync.Mutex
	checked map[string]source.Stamp // entries that decoded, as they were then: not decoded twice
	pruned  bool
}

// NewCache returns the cache in dir; "" keeps nothing. note, which may
// be nil, is told of every entry that was damaged and made again.
func NewCache(dir string, note func(string)) *Cache {
	if dir == "" {
		return nil
	}
	if note == nil {
		note = func(string) {}
	}
	return &Cache{dir: dir, note: note, checked: map[string]source.Stamp{}}
}

// version changes when variants are made differently, so that a cache
// never serves what an older pinzhi made.
const version = "2"

func (c *Cache) path(name string) string {
	return filepath.Join(c.dir, "v"+version, name[:2], name)
}

// maxEntryBytes bounds the file read for a variant of w×h pixels: more
// than any encoding of it takes (uncompressed RGBA, and a megabyte for
// headers and metadata).
func maxEntryBytes(w, h int) int64 { return int64(w)*int64(h)*4 + 1<<20 }

// get returns the cached variant name, which must be a picture of format
// ext and w×h pixels; about is the source, for the note.
func (c *Cache) get(name, ext string, w, h int, about string) ([]byte, bool) {
	return c.getChecked(name, ext, w, h, about, checkPicture)
}

// getChecked is get, with the check that the file is what its name says.
func (c *Cache) getChecked(name, ext string, w, h int, about string, check func([]byte, string, int, int) error) ([]byte, bool) {
	if c == nil {
		return nil, false
	}
	p := c.path(name)
	data, st, err := source.ReadRegular(p, maxEntryBytes(w, h))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false
	}
	if err == nil {
		c.mu.Lock()
		known := c.checked[name] == st
		c.mu.Unlock()
		if known {
			return data, true
		}
		err = check(data, ext, w, h)
	}
	if err != nil {
		c.note(fmt.Sprintf("%s: the cached %d×%d %s in %s %v; it is made again", about, w, h, formatName(ext), p, err))
		return nil, false
	}
	c.mu.Lock()
	c.checked[name] = st
	c.mu.Unlock()
	if time.Since(time.Unix(0, st.Mtime)) > touchAge {
		now := time.Now()
		os.Chtimes(p, now, now) // marks it used, for pruning; failing only makes pruning earlier
	}
	return data, true
}

// touchAge is how stale an entry's time may be before a use renews it:
// a day, so that a build does not write a time into every entry it reads.
const touchAge = 24 * time.Hour

// checkPicture decodes data as a picture of format ext and wants w×h
// pixels.
func checkPicture(data []byte, ext string, w, h int) error {
	var m image.Image
	var err error
	switch ext {
	case ".jpg":
		m, err = jpeg.Decode(bytes.NewReader(data))
	case ".png":
		m, err = png.Decode(bytes.NewReader(data))
	case ".webp":
		m, err = webp.Decode(bytes.NewReader(data))
	default:
		return fmt.Errorf("has an unknown format %q", ext)
	}
	switch {
	case err != nil:
		return fmt.Errorf("is not a %s picture (%v)", formatName(ext), err)
	case m.Bounds().Dx() != w || m.Bounds().Dy() != h:
		return fmt.Errorf("is %d×%d pixels", m.Bounds().Dx(), m.Bounds().Dy())
	}
	return nil
}

func formatName(ext string) string {
	switch ext {
	case ".jpg":
		return "JPEG"
	case ".png":
		return "PNG"
	case ".webp":
		return "WebP"
	}
	return ext
}

// put keeps a variant (see source.WriteReplacing). A cache that cannot
// be written only costs time.
func (c *Cache) put(name string, data []byte) {
	if c != nil {
		source.WriteReplacing(c.path(name), data)
	}
}

// Card returns the share card of a page, kept under name (32 hex
// digits, what the card shows) and made by draw when the cache does not
// hold it. Cards are entries like variants, pruned alike, but checked by
// their header only (a PNG of the card's size): decoding a card costs
// more than drawing it, and a site of 10,000 pages has 10,000 cards.
func (c *Cache) Card(name string, width, height int, draw func() ([]byte, error)) ([]byte, error) {
	entry := name + "-" + strconv.Itoa(width) + ".png"
	if data, ok := c.getChecked(entry, ".png", width, height, "share card "+name, checkPNGHeader); ok {
		return data, nil
	}
	data, err := draw()
	if err == nil {
		c.put(entry, data)
	}
	return data, err
}

// checkPNGHeader wants data to be a PNG of w×h pixels by its header.
func checkPNGHeader(data []byte, _ string, w, h int) error {
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	switch {
	case err != nil:
		return fmt.Errorf("is not a PNG picture (%v)", err)
	case cfg.Width != w || cfg.Height != h:
		return fmt.Errorf("is %d×%d pixels", cfg.Width, cfg.Height)
	}
	return nil
}
