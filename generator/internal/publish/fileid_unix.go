//go:build unix

package publish

import (
	"io/fs"
	"syscall"
)

// fileID returns the device and inode of a file, which stay with it when
// it is renamed.
func fileID(info fs.FileInfo) (dev, ino uint64) {
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Dev), st.Ino
	}
	return 0, 0
}
