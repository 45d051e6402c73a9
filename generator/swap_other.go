//go:build !linux

package generator

import "os"

// exchange swaps two folders with two renames. Between them, for the time
// of one rename, the output folder does not exist.
func exchange(a, b string) error {
	aside := b + ".old-" + randomSuffix()
	if err := os.Rename(b, aside); err != nil {
		return err
	}
	if err := os.Rename(a, b); err != nil {
		os.Rename(aside, b)
		return err
	}
	return os.Rename(aside, a)
}
