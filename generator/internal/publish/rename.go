package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// exchangeByRenames swaps two folders with three renames where the system
// cannot do it in one step: between the first two, for the time of one
// rename, b does not exist.
func exchangeByRenames(a, b string) error {
	aside := tempName(b)
	if err := os.Rename(b, aside); err != nil {
		return err
	}
	if err := os.Rename(a, b); err != nil {
		return errors.Join(err, os.Rename(aside, b))
	}
	return os.Rename(aside, a)
}

// renameNoReplaceSlowly renames a to b unless b exists, where the system
// cannot say so in one call: a hard link fails on an existing name, and
// where links fail too, the check and the rename are two steps.
func renameNoReplaceSlowly(a, b string) error {
	if err := os.Link(a, b); err == nil {
		return os.Remove(a)
	} else if errors.Is(err, fs.ErrExist) {
		return err
	}
	if _, err := os.Lstat(b); err == nil {
		return &os.LinkError{Op: "rename", Old: a, New: b, Err: fs.ErrExist}
	}
	return os.Rename(a, b)
}

// exchange swaps two folders, in one step where the system can; else it
// says so once through note and renames.
func (f *Folder) exchangeOrRename(a, b string) error {
	err := f.exchange(a, b)
	if unsupported(err) {
		f.note(fmt.Sprintf("this file system cannot swap two folders in one step; %s is replaced by renames, and is missing for the moment between two of them", f.shown))
		err = exchangeByRenames(a, b)
	}
	return err
}
