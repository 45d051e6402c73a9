//go:build unix

package generator

import (
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// lockOutput keeps two builds from writing the same output folder at once:
// the second waits for the first. The lock is released by unlock, or by the
// system when the process ends, however it ends.
func lockOutput(out string) (unlock func(), err error) {
	name := filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".lock")
	f, err := os.OpenFile(name, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil
}
