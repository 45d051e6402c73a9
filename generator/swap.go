package generator

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// A build writes into a fresh folder beside the output folder, named
// .<out>.tmp-<random>, and swaps it in only when every file is written.
// These helpers make, swap and clean up such folders.

func stagingPrefix(out string) string {
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".tmp-")
}

// checkOutputDir fails when out exists and is not a folder.
func checkOutputDir(out string) error {
	info, err := os.Lstat(out)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !info.IsDir():
		return fmt.Errorf("output %s is not a folder; remove it or choose another --out", out)
	}
	return nil
}

// makeStaging creates the folder a build writes into.
func makeStaging(out string) (string, error) {
	prefix := stagingPrefix(out)
	if err := os.MkdirAll(filepath.Dir(prefix), 0o755); err != nil {
		return "", fmt.Errorf("cannot create the folder for %s: %w", out, err)
	}
	dir, err := os.MkdirTemp(filepath.Dir(prefix), filepath.Base(prefix)+"*")
	if err != nil {
		return "", fmt.Errorf("cannot write beside %s: %w; choose a writable --out", out, err)
	}
	// MkdirTemp makes 0700 folders; a static host's server must read them.
	return dir, os.Chmod(dir, 0o755)
}

// removeLeftovers deletes staging folders that a killed build left behind.
func removeLeftovers(out string) {
	prefix := stagingPrefix(out)
	matches, _ := filepath.Glob(prefix + "*")
	for _, m := range matches {
		if strings.HasPrefix(m, prefix) {
			os.RemoveAll(m)
		}
	}
}

// swapIn makes staging the output folder and removes the old one. Where
// the system can exchange two folders in one step (Linux), readers see the
// old site or the new one and nothing between.
func swapIn(staging, out string) error {
	if _, err := os.Lstat(out); errors.Is(err, os.ErrNotExist) {
		return os.Rename(staging, out)
	}
	if err := exchange(staging, out); err != nil {
		return fmt.Errorf("cannot replace %s: %w", out, err)
	}
	return os.RemoveAll(staging) // now the old site
}
