//go:build !unix

package source

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// ReadRegular reads the file at p if it is a regular file of at most
// limit bytes; a link is refused after Lstat (the gap between the two
// calls is open here, unlike on Unix systems).
func ReadRegular(p string, limit int64) ([]byte, Stamp, error) {
	info, err := os.Lstat(p)
	if err != nil {
		return nil, Stamp{}, err
	}
	if !info.Mode().IsRegular() {
		return nil, Stamp{}, fmt.Errorf("is not a regular file (%v)", info.Mode().Type())
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, Stamp{}, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, Stamp{}, err
	}
	if int64(len(data)) > limit {
		return nil, Stamp{}, errors.New("is larger than such a picture can take")
	}
	return data, Stamp{Size: info.Size(), Mtime: info.ModTime().UnixNano()}, nil
}
