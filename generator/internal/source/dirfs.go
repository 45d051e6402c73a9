package source

import (
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// DirFS is the site's folder as a file system, like os.DirFS, except
// that opening never blocks: a FIFO (or a symbolic link to one) would
// make open(2) wait for a writer forever, so files are opened without
// blocking and anything that is neither a regular file nor a folder is
// refused once open, whatever a Stat before said.
type DirFS string

type notRegularError struct{ mode fs.FileMode }

func (e *notRegularError) Error() string {
	return "not a regular file: " + describeMode(e.mode).String()
}

func (d DirFS) join(name string, op string) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	return filepath.Join(string(d), filepath.FromSlash(name)), nil
}

// Open implements fs.FS.
func (d DirFS) Open(name string) (fs.File, error) {
	full, err := d.join(name, "open")
	if err != nil {
		return nil, err
	}
	f, err := os.OpenFile(full, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !info.Mode().IsRegular() && !info.IsDir() {
		f.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: &notRegularError{info.Mode()}}
	}
	return f, nil
}

// Stat implements fs.StatFS.
func (d DirFS) Stat(name string) (fs.FileInfo, error) {
	full, err := d.join(name, "stat")
	if err != nil {
		return nil, err
	}
	return os.Stat(full)
}

// ReadDir implements fs.ReadDirFS.
func (d DirFS) ReadDir(name string) ([]fs.DirEntry, error) {
	full, err := d.join(name, "readdir")
	if err != nil {
		return nil, err
	}
	return os.ReadDir(full)
}
