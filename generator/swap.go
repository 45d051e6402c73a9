package generator

import (
	"bufio"
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// A build writes the whole site into a staging folder beside the output
// folder and swaps the two when every file is written; the old site then
// becomes the next build's staging folder. For an output folder "public":
//
//	public/              the site, as hosts serve it
//	.public.next/        the site before it: where the next build writes
//	.public.files        the files public/ holds, one a line
//	.public.next.files   the files .public.next/ holds
//
// Reusing the old site spares a build from creating and deleting a folder
// and a file for every page (20,000 entries at 10,000 pages), which costs
// more than rendering on ordinary disks. A list is trusted only when it
// names the folder it describes (device and inode, which move with the
// folder when it is swapped); a staging folder without a trusted list, as
// a killed build leaves it, is removed and made anew.
type folders struct {
	out string
}

func (f folders) staging() string { return sibling(f.out, ".next") }

// listFile names the list of a folder's files: .public.files for public/,
// .public.next.files for .public.next/, hidden beside the folder.
func listFile(tree string) string {
	base := filepath.Base(tree)
	if !strings.HasPrefix(base, ".") {
		base = "." + base
	}
	return filepath.Join(filepath.Dir(tree), base+".files")
}

// sibling names a hidden folder or file beside out: .public.next.
func sibling(out, suffix string) string {
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+suffix)
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

// openStaging returns the staging folder and the files it holds: the old
// site's when its list can be trusted; otherwise an empty folder. The list
// is removed first: from now on the folder is half written.
func (f folders) openStaging() (dir string, files []string, err error) {
	dir = f.staging()
	files, trusted := readList(dir)
	if err := os.Remove(listFile(dir)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return "", nil, err
	}
	if trusted {
		return dir, files, nil
	}
	if err := os.RemoveAll(dir); err != nil {
		return "", nil, fmt.Errorf("cannot remove the unfinished staging folder %s: %w", dir, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", nil, fmt.Errorf("cannot write beside %s: %w; choose a writable --out", f.out, err)
	}
	return dir, nil, nil
}

// swapIn makes the staging folder the output folder and the old output
// folder the staging folder, and moves the lists with them. Where the
// system can exchange two folders in one step (Linux), readers see the old
// site or the new one and nothing between.
func (f folders) swapIn(files []string) error {
	staging := f.staging()
	if err := writeList(staging, files); err != nil {
		return err
	}
	if _, err := os.Lstat(f.out); errors.Is(err, os.ErrNotExist) {
		if err := os.Rename(staging, f.out); err != nil {
			return err
		}
		return os.Rename(listFile(staging), listFile(f.out))
	}
	if err := exchange(staging, f.out); err != nil {
		return fmt.Errorf("cannot replace %s: %w", f.out, err)
	}
	// The lists name their folders by inode, so exchanging them is enough;
	// a crash in between leaves lists that no longer match, and the next
	// build starts its staging folder afresh.
	err := exchange(listFile(staging), listFile(f.out))
	if errors.Is(err, os.ErrNotExist) { // the old site had no list
		err = os.Rename(listFile(staging), listFile(f.out))
	}
	return err
}

// writeList records the files a folder holds, under its device and inode.
func writeList(dir string, files []string) error {
	id, err := folderID(dir)
	if err != nil {
		return err
	}
	tmp := listFile(dir) + ".tmp"
	fh, err := os.Create(tmp)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(fh)
	fmt.Fprintln(w, id)
	for _, f := range files {
		fmt.Fprintln(w, f)
	}
	if err := errors.Join(w.Flush(), fh.Close()); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, listFile(dir))
}

// readList returns the files a folder holds, and whether the list names
// this very folder.
func readList(dir string) ([]string, bool) {
	data, err := os.ReadFile(listFile(dir))
	if err != nil {
		return nil, false
	}
	id, err := folderID(dir)
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	if err != nil || lines[0] != id {
		return nil, false
	}
	return lines[1:], true
}

// missingFrom returns, sorted, the files of old that are not in next.
func missingFrom(old iter.Seq[string], next map[string]uint64) []string {
	var gone []string
	for f := range old {
		if !hasKey(next, f) {
			gone = append(gone, f)
		}
	}
	slices.Sort(gone)
	return gone
}
