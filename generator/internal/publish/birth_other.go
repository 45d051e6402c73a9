//go:build !linux

package publish

// birth is 0 where pinzhi does not read times of birth: folders are then
// named by device and inode alone.
func birth(string) int64 { return 0 }
