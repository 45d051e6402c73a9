package deploy

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
)

// A file is one file of the site, with what the bucket would hold of it.
type file struct {
	key     string // its slash path, which is its key under the prefix
	sha256  string // of the file's bytes, in hex
	md5     []byte // of the bytes stored: compressed when contentEncoding says so
	size    int64  // of the bytes stored
	headers headers
}

// readFiles hashes the named files of site on workers, in the order of
// names.
func readFiles(ctx context.Context, site fs.FS, names []string, gzipText bool, workers int) ([]*file, error) {
	files := make([]*file, len(names))
	err := forEach(ctx, len(names), workers, func(i int) error {
		f := &file{key: names[i], headers: headersOf(names[i], gzipText)}
		if _, err := f.stored(site); err != nil {
			return err
		}
		files[i] = f
		return nil
	})
	return files, err
}

// stored reads the file and returns the bytes to store, setting its
// hashes and size.
func (f *file) stored(site fs.FS) ([]byte, error) {
	data, err := fs.ReadFile(site, f.key)
	if err != nil {
		return nil, fmt.Errorf("cannot read the site's file: %w", err)
	}
	sum := sha256.Sum256(data)
	f.sha256 = hex.EncodeToString(sum[:])
	if f.headers.contentEncoding == "gzip" {
		data = compress(data)
	}
	m := md5.Sum(data)
	f.md5, f.size = m[:], int64(len(data))
	return data, nil
}

// compress gzips data the same way every time, with no name or time in
// the header, so that an unchanged file is stored as the same bytes.
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
