package publish

import (
	"os"
	"strings"
)

// settleLists puts back beside its folder a list that a killed build left
// under another folder's name. Commit exchanges the folders and then their
// lists; killed between the two, each list still names its own folder by
// device and inode, but under the other's name, and what comes next writes
// lists by name. So, under the lock and before anything else, a list of
// the output folder found beside a staging folder changes places with the
// output folder's list file, in one step where the system can.
func (f *Folder) settleLists() error {
	outKey, ok := folderKeyAt(f.out)
	if !ok {
		return nil
	}
	outList := listFile(f.out)
	for _, other := range f.listFiles()[1:] {
		l := readList(other)
		if l == nil || !sameFolder(l.key, outKey) {
			continue
		}
		dirKey, _ := folderKeyAt(strings.TrimSuffix(other, ".files"))
		if lo := readList(outList); lo != nil && sameFolder(lo.key, dirKey) {
			err := f.exchange(outList, other)
			if !unsupported(err) {
				return err
			}
			return rewriteBoth(outList, l, other, lo)
		}
		return os.Rename(other, outList)
	}
	return nil
}

// rewriteBoth rewrites two lists in each other's place where the
// system cannot exchange files: the output folder's first, which matters
// more; killed between the two, the staging folder is taken for someone
// else's and left alone.
func rewriteBoth(outList string, outL *list, otherList string, otherL *list) error {
	if err := writeFileAtomic(outList, encodeList(outL)); err != nil {
		return err
	}
	return writeFileAtomic(otherList, encodeList(otherL))
}

// folderKeyAt is the key of the folder at dir, if there is one.
func folderKeyAt(dir string) (string, bool) {
	info, err := os.Lstat(dir)
	if err != nil || !info.IsDir() {
		return "", false
	}
	return folderKey(dir, info), true
}
