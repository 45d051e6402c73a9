//go:build !unix

package source

import "io/fs"

// FileID has no device and inode to give on this system: a list then
// names its folder by nothing, and any list beside a folder is its own.
func FileID(fs.FileInfo) (dev, ino uint64) { return 0, 0 }
