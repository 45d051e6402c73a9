package generator

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"sync"
)

// output writes the files of a build under one folder.
type output struct {
	dir string
	// live is set when the folder is being served: each file is then
	// written beside its target and renamed over it, so that a reader
	// gets the old file or the new one, never half of one.
	live bool
	dirs sync.Map // folders known to exist
}

func (o *output) path(rel string) string { return filepath.Join(o.dir, filepath.FromSlash(rel)) }

func (o *output) write(rel string, data []byte) error {
	full := o.path(rel)
	if err := o.mkdirAll(filepath.Dir(full)); err != nil {
		return err
	}
	if !o.live {
		return os.WriteFile(full, data, 0o644)
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

// knowFolders notes the folders of files the output folder holds already,
// so that writing over them asks the file system nothing more.
func (o *output) knowFolders(files []string) {
	for _, f := range files {
		o.dirs.Store(filepath.Dir(o.path(f)), true)
	}
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
