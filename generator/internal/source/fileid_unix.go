//go:build unix

package source

import (
	"io/fs"
	"syscall"
)

// FileID returns the device and inode of a file, which stay with it when
// it is renamed.
func FileID(info fs.FileInfo) (dev, ino uint64) {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Dev), st.Ino
	}
	return 0, 0
}
