package generator

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// output writes the files of a build under one folder.
type output struct {
	dir string
	// live is set when the folder is being served: any of its files may
	// exist already.
	live bool
	dirs sync.Map // folders known to exist
	// held is what the folder held before the build, when it is the site
	// before last. Leaving a file with the same bytes alone spares the disk
	// and keeps the file's time for rsync-style uploads.
	held map[string]bool
	// readBuffers spares sameContent a new buffer per file.
	readBuffers sync.Pool
}

func (o *output) path(rel string) string { return filepath.Join(o.dir, filepath.FromSlash(rel)) }

// write puts data at rel. A file that exists already is never changed in
// place: a reader that opened it (a web server serving the old site) keeps
// reading the old bytes, while the new ones arrive under a temporary name
// and are renamed over it. A file that already holds data is left alone.
func (o *output) write(rel string, data []byte) error {
	full := o.path(rel)
	if err := o.mkdirAll(filepath.Dir(full)); err != nil {
		return err
	}
	if !o.live && !o.held[rel] {
		return os.WriteFile(full, data, 0o644)
	}
	if o.sameContent(full, data) {
		return nil
	}
	tmp := filepath.Join(filepath.Dir(full), "."+filepath.Base(full)+".tmp-"+randomSuffix())
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, full); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// hold notes the files the output folder holds already: their folders
// exist, and writing the same bytes over them can be skipped.
func (o *output) hold(files []string) {
	o.held = make(map[string]bool, len(files))
	for _, f := range files {
		o.held[f] = true
		o.dirs.Store(filepath.Dir(o.path(f)), true)
	}
}

// sameContent reports whether the file at path holds exactly data.
func (o *output) sameContent(path string, data []byte) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	bp, _ := o.readBuffers.Get().(*[]byte)
	if bp == nil {
		bp = new([]byte)
	}
	defer o.readBuffers.Put(bp)
	if cap(*bp) < len(data)+1 {
		*bp = make([]byte, len(data)+1)
	}
	buf := (*bp)[:len(data)+1] // one more byte: a longer file differs
	n, _ := io.ReadFull(f, buf)
	return n == len(data) && bytes.Equal(buf[:n], data)
}

func (o *output) mkdirAll(dir string) error {
	if _, ok := o.dirs.Load(dir); ok {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	o.dirs.Store(dir, true)
	return nil
}

// remove deletes a file and then every folder it leaves empty, up to the
// output folder itself.
func (o *output) remove(rel string) error {
	full := o.path(rel)
	if err := os.Remove(full); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	for dir := filepath.Dir(full); dir != o.dir && len(dir) > len(o.dir); dir = filepath.Dir(dir) {
		if os.Remove(dir) != nil {
			break // not empty
		}
		o.dirs.Delete(dir)
	}
	return nil
}

func randomSuffix() string {
	var b [6]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
