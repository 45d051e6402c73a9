//go:build unix

package generator

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"

	"pinzhi/generator/internal/model"
)

// lockContent holds the content folder for one pinzhi new, from reading
// the site to writing the file, so that two at once cannot both find a
// name or a weight free and both take it. The lock is flock(2) on the
// folder itself: no lock file is left among the editors' files, and the
// system lets it go when the process ends, however it ends.
func lockContent(siteDir string) (unlock func(), err error) {
	dir := filepath.Join(siteDir, model.ContentDir)
	// O_DIRECTORY: a FIFO standing in for content/ is refused, not waited
	// on; O_NONBLOCK for the same reason, whatever else it may be.
	f, err := os.OpenFile(dir, os.O_RDONLY|unix.O_DIRECTORY|unix.O_NONBLOCK, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return func() {}, nil // reading the site says what is missing
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", model.ContentDir, err)
	}
	for {
		err = unix.Flock(int(f.Fd()), unix.LOCK_EX)
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("cannot lock %s for writing a new file: %w", model.ContentDir, err)
	}
	return func() { f.Close() }, nil // closing the descriptor releases the lock
}
