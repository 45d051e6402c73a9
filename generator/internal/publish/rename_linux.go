package publish

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchangeFolders swaps two folders in one step with
// renameat2(RENAME_EXCHANGE): readers see one or the other, never neither.
func exchangeFolders(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}

// renameNoReplace renames a to b unless b exists.
func renameNoReplace(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_NOREPLACE)
	if unsupported(err) {
		return renameNoReplaceSlowly(a, b)
	}
	return err
}

// unsupported reports whether err says the file system cannot do what
// renameat2 was asked (NFS, some FUSE file systems).
func unsupported(err error) bool {
	return errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EOPNOTSUPP)
}
