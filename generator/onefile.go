package generator

import (
	"bytes"
	"io/fs"
	"path"
	"time"
)

// oneFile is a file system holding one file: the file pinzhi new is about
// to write, loaded as a build would load it before it exists.
type oneFile struct {
	name string
	data []byte
}

func (o oneFile) Open(name string) (fs.File, error) {
	if name != o.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &openFile{Reader: bytes.NewReader(o.data), info: fileInfo{o}}, nil
}

type openFile struct {
	*bytes.Reader
	info fileInfo
}

func (f *openFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *openFile) Close() error               { return nil }

type fileInfo struct{ o oneFile }

func (i fileInfo) Name() string       { return path.Base(i.o.name) }
func (i fileInfo) Size() int64        { return int64(len(i.o.data)) }
func (i fileInfo) Mode() fs.FileMode  { return 0o644 }
func (i fileInfo) ModTime() time.Time { return time.Time{} }
func (i fileInfo) IsDir() bool        { return false }
func (i fileInfo) Sys() any           { return nil }
