package deploy

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"sync"
)

// A file is one file of the site, with what the bucket would hold of it.
type file struct {
	key     string // its slash path, which is its key under the prefix
	sha256  string // of the file's bytes, in hex
	md5     []byte // of the bytes stored: compressed when contentEncoding says so
	size    int64  // of the bytes stored
	headers headers
}

// readFiles hashes the named files of site, workers at a time, in the
// order of names.
func readFiles(ctx context.Context, site fs.FS, names []string, gzipText bool, workers int) ([]*file, error) {
	files := make([]*file, len(names))
	err := forEach(ctx, len(names), workers, func(_ context.Context, i int) error {
		f := &file{key: names[i], headers: headersOf(names[i], gzipText)}
		if err := f.store(site, io.Discard); err != nil {
			return err
		}
		files[i] = f
		return nil
	})
	return files, err
}

// store streams the bytes the bucket holds of the file into w (gzipped
// when its headers say so), and sets its hashes and size from them. A
// file is never held in memory whole, however large.
func (f *file) store(site fs.FS, w io.Writer) error {
	src, err := site.Open(f.key)
	if err != nil {
		return fmt.Errorf("cannot read the site's file: %w", err)
	}
	defer src.Close()
	content, stored, size := sha256.New(), md5.New(), &counter{}
	out := io.MultiWriter(stored, size, w)
	var zw *gzip.Writer
	if f.headers.contentEncoding == "gzip" {
		zw, _ = gzip.NewWriterLevel(out, gzip.BestCompression) // the level is valid
		out = zw
	}
	buf := copyBuffers.Get().(*[]byte)
	defer copyBuffers.Put(buf)
	// Through the buffer: io.Copy would take os.File's WriteTo, which
	// makes a buffer of 32 KB for each of the site's 20,000 files.
	if _, err := io.CopyBuffer(io.MultiWriter(content, out), struct{ io.Reader }{src}, *buf); err != nil {
		return fmt.Errorf("cannot read the site's file: %w", err)
	}
	if zw != nil {
		if err := zw.Close(); err != nil {
			return err
		}
	}
	f.sha256, f.md5, f.size = hex.EncodeToString(content.Sum(nil)), stored.Sum(nil), size.n
	return nil
}

// copyBuffers are the buffers files are streamed through.
var copyBuffers = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// counter counts the bytes written to it.
type counter struct{ n int64 }

func (c *counter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}

// compress gzips data the same way every time, with no name or time in
// the header, so that the same list is stored as the same bytes.
func compress(data []byte) []byte {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression) // the level is valid
	w.Write(data)
	w.Close()
	return b.Bytes()
}

// entry is what the object list says of the file once it is uploaded.
func (f *file) entry() entry {
	return entry{Hash: listHash(f.sha256), Headers: f.headers.fingerprint()}
}
