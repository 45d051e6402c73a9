//go:build unix

package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// ReadRegular reads the file at p if it is a regular file of at most
// limit bytes. A symbolic link is not followed, and a FIFO or a device
// is never read: opening without blocking, then fstat, decides before a
// byte is read.
func ReadRegular(p string, limit int64) ([]byte, Stamp, error) {
	f, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
	if errors.Is(err, syscall.ELOOP) {
		return nil, Stamp{}, errors.New("is a symbolic link, not a file pinzhi wrote")
	}
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, Stamp{}, err
		}
		return nil, Stamp{}, fmt.Errorf("cannot be read (%v)", unwrapPath(err))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, Stamp{}, fmt.Errorf("cannot be read (%v)", unwrapPath(err))
	}
	if !info.Mode().IsRegular() {
		return nil, Stamp{}, fmt.Errorf("is not a regular file (%v)", info.Mode().Type())
	}
	if info.Size() > limit {
		return nil, Stamp{}, fmt.Errorf("is %d bytes, more than such a picture can take", info.Size())
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, Stamp{}, fmt.Errorf("cannot be read (%v)", unwrapPath(err))
	}
	if int64(len(data)) > limit {
		return nil, Stamp{}, errors.New("grew past what such a picture can take while it was read")
	}
	st := Stamp{Size: info.Size(), Mtime: info.ModTime().UnixNano()}
	if sys, ok := info.Sys().(*syscall.Stat_t); ok {
		st.Ino, st.Dev = uint64(sys.Ino), uint64(sys.Dev)
	}
	return data, st, nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
