//go:build unix

package source

import (
	"errors"
	"io/fs"
	"syscall"
)

// readBounded reads a regular file of at most limit bytes. It is
// ReadBounded's path for the site's folder: four system calls a file, and
// none of the poller's, which os.File would register a file opened
// without blocking with.
func (d DirFS) readBounded(name string, limit int64) ([]byte, error) {
	full, err := d.join(name, "open")
	if err != nil {
		return nil, err
	}
	fd, err := openNonBlocking(full)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	if mode := fileMode(uint32(st.Mode)); !mode.IsRegular() {
		return nil, &fs.PathError{Op: "open", Path: name, Err: &notRegularError{mode}}
	}
	// One read of one byte more than the file's size ends at its end: a
	// short read of a regular file is its end. Only a file that grew
	// since, or lied about its size, takes more reads.
	buf := make([]byte, 0, min(st.Size, limit)+1)
	for int64(len(buf)) <= limit {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		want := buf[len(buf):min(int64(cap(buf)), limit+1)]
		n, err := syscall.Read(fd, want)
		if errors.Is(err, syscall.EINTR) {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		buf = buf[:len(buf)+n]
		if n == 0 || n < len(want) && int64(len(buf)) == st.Size {
			return buf, nil
		}
	}
	return buf, errTooLarge
}

var errTooLarge = errors.New("larger than the limit")

func openNonBlocking(name string) (int, error) {
	for {
		fd, err := syscall.Open(name, syscall.O_RDONLY|syscall.O_NONBLOCK|syscall.O_CLOEXEC, 0)
		if !errors.Is(err, syscall.EINTR) {
			return fd, err
		}
	}
}

// fileMode turns the type bits of stat(2) into an fs.FileMode.
func fileMode(m uint32) fs.FileMode {
	switch m & syscall.S_IFMT {
	case syscall.S_IFREG:
		return 0
	case syscall.S_IFDIR:
		return fs.ModeDir
	case syscall.S_IFIFO:
		return fs.ModeNamedPipe
	case syscall.S_IFSOCK:
		return fs.ModeSocket
	case syscall.S_IFCHR:
		return fs.ModeDevice | fs.ModeCharDevice
	case syscall.S_IFBLK:
		return fs.ModeDevice
	case syscall.S_IFLNK:
		return fs.ModeSymlink
	}
	return fs.ModeIrregular
}
