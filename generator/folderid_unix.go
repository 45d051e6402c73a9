//go:build unix

package generator

import (
	"fmt"
	"os"
	"syscall"
)

// folderID names a folder by device and inode, which stay with it when it
// is renamed or exchanged.
func folderID(dir string) (string, error) {
	info, err := os.Lstat(dir)
	if err != nil {
		return "", err
	}
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok || !info.IsDir() {
		return "", fmt.Errorf("%s: not a folder", dir)
	}
	return fmt.Sprintf("pinzhi-files %d %d", st.Dev, st.Ino), nil
}
