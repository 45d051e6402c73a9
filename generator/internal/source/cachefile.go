package source

import (
	"os"
	"path/filepath"
)

// Files pinzhi keeps between runs (the photos' sizes, the answers of
// outside addresses) live in the user's cache folder, which other
// programs, careless hands or a cache shared between CI runs can fill
// with anything. They are read with ReadRegular and written with
// WriteReplacing: one rule for every cache.

// A Stamp tells whether a file is the one read before: same size, time
// and identity.
type Stamp struct {
	Size, Mtime int64
	Ino, Dev    uint64
}

// WriteReplacing writes data to a temporary file beside p and renames it
// over p, so that a reader never finds half a file and whatever was at p
// (a link, a FIFO) is replaced, never written through. On any failure the
// temporary file is removed and p is as it was.
func WriteReplacing(p string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), "."+filepath.Base(p)+".*.tmp")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), p)
	}
	if err != nil {
		os.Remove(tmp.Name()) // made by this call
	}
	return err
}
