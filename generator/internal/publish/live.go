package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sync"
)

// A Tx changes files of the live output folder, as watch mode does after
// a save, all or nothing. Each file is written under a temporary name and
// renamed into place at once, so that the page an editor just saved is
// served without waiting for the lists that show it; the file it replaces
// is kept aside. Commit then lets the old files go; Abort puts every
// one back and removes every new file, so that a failed update leaves
// the last good site exactly as it was.
type Tx struct {
	f     *Folder
	added map[string]bool // files the folder did not have that Write may add
	same  sameContent

	mu       sync.Mutex
	replaced []replacement // in the order done
	created  []string      // files made, slash paths
	dirs     []string      // folders made, slash paths, parents first
	// gate lets writes through until Commit or Abort, which wait for
	// those in progress.
	gate sync.RWMutex
	done bool
}

// A replacement is a file of the folder given new bytes or removed, and
// the name its old bytes are kept under until the end of the Tx.
type replacement struct {
	rel, kept string
	removed   bool
}

// Begin starts changing the live folder. adding lists the files the
// changes may add; the folder's list names them from now on, so that a
// process killed in the middle leaves nothing that is not on it.
func (f *Folder) Begin(adding []string) (*Tx, error) {
	t := &Tx{f: f, added: map[string]bool{}}
	for _, a := range adding {
		if !f.live[a] {
			t.added[a] = true
		}
	}
	if len(t.added) > 0 {
		may := slices.Concat(f.Files(), sortedSet(t.added))
		slices.Sort(may)
		if err := writeList(f.out, may, true, f.mode); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// Add lets Write add more files, as Begin's adding does: the folder's list
// names them from now on. It must not run while writes are in progress.
func (t *Tx) Add(files []string) error {
	t.gate.Lock()
	defer t.gate.Unlock()
	if t.done {
		return errClosed
	}
	if !addNew(t.added, files, func(a string) bool { return t.f.live[a] || t.added[a] }) {
		return nil
	}
	may := slices.Concat(t.f.Files(), sortedSet(t.added))
	slices.Sort(may)
	return writeList(t.f.out, may, true, t.f.mode)
}

func (t *Tx) path(rel string) string { return filepath.Join(t.f.out, filepath.FromSlash(rel)) }

// Write gives a file its bytes and reports whether it changed. It is
// safe for concurrent use.
func (t *Tx) Write(rel string, data []byte) (changed bool, err error) {
	t.gate.RLock()
	defer t.gate.RUnlock()
	if t.done {
		return false, errClosed
	}
	full := t.path(rel)
	switch {
	case t.f.live[rel]:
		if t.same.check(full, data) {
			return false, nil
		}
		return true, t.replace(rel, data)
	case t.added[rel]:
		return true, t.create(rel, func(w io.Writer) error { _, err := w.Write(data); return err })
	}
	return false, fmt.Errorf("%s: not a file the update said it would add", rel)
}

// WriteFrom is Write for a file too large to hold twice: fill writes its
// bytes straight to a temporary file.
func (t *Tx) WriteFrom(rel string, fill Fill) (changed bool, err error) {
	t.gate.RLock()
	defer t.gate.RUnlock()
	if t.done {
		return false, errClosed
	}
	full := t.path(rel)
	switch {
	case t.f.live[rel]:
		tmp := tempName(full)
		if err := fillNew(tmp, fill); err != nil {
			return false, err
		}
		if sameFiles(tmp, full) {
			return false, os.Remove(tmp)
		}
		return true, t.swapIn(rel, tmp)
	case t.added[rel]:
		return true, t.create(rel, fill)
	}
	return false, fmt.Errorf("%s: not a file the update said it would add", rel)
}

func (t *Tx) replace(rel string, data []byte) error {
	full := t.path(rel)
	tmp := tempName(full)
	if err := writeNew(tmp, data); err != nil {
		return err
	}
	return t.swapIn(rel, tmp)
}

// swapIn puts the finished temporary file tmp at rel, keeping the old.
func (t *Tx) swapIn(rel, tmp string) error {
	full := t.path(rel)
	kept, err := swapFile(tmp, full)
	if err != nil {
		os.Remove(tmp)
		return err
	}
	t.mu.Lock()
	t.replaced = append(t.replaced, replacement{rel: rel, kept: kept})
	t.mu.Unlock()
	return nil
}

// swapFile puts the file tmp at name and returns where the old file is
// kept: in one exchange where the system can, else a hard link keeps it.
func swapFile(tmp, name string) (kept string, err error) {
	err = exchangeFolders(tmp, name) // works for files too
	if err == nil {
		return tmp, nil
	}
	if !unsupported(err) {
		return "", err
	}
	kept = tempName(name)
	if err := os.Link(name, kept); err != nil {
		if err := os.Rename(name, kept); err != nil {
			return "", err
		}
	}
	if err := os.Rename(tmp, name); err != nil {
		return "", errors.Join(err, os.Rename(kept, name))
	}
	return kept, nil
}

func (t *Tx) create(rel string, fill Fill) error {
	if err := t.mkdirAll(path.Dir(rel)); err != nil {
		return err
	}
	full := t.path(rel)
	tmp := tempName(full)
	if err := fillNew(tmp, fill); err != nil {
		return err
	}
	if err := renameNoReplace(tmp, full); err != nil {
		os.Remove(tmp)
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: not written by pinzhi, and where the site writes a file; move it away", full)
		}
		return err
	}
	t.mu.Lock()
	t.created = append(t.created, rel)
	t.mu.Unlock()
	return nil
}

func (t *Tx) mkdirAll(rel string) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	var missing []string
	for dir := rel; dir != "."; dir = path.Dir(dir) {
		if _, err := os.Lstat(t.path(dir)); err == nil {
			break
		}
		missing = append(missing, dir)
	}
	for _, dir := range slices.Backward(missing) {
		err := os.Mkdir(t.path(dir), 0o755)
		if err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
		if err == nil {
			t.dirs = append(t.dirs, dir)
		}
	}
	return nil
}

// Remove takes a file of the site out of the folder.
func (t *Tx) Remove(rel string) error {
	t.gate.RLock()
	defer t.gate.RUnlock()
	if t.done {
		return errClosed
	}
	if !t.f.live[rel] {
		return nil
	}
	full := t.path(rel)
	kept := tempName(full)
	if err := os.Rename(full, kept); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	t.mu.Lock()
	t.replaced = append(t.replaced, replacement{rel: rel, kept: kept, removed: true})
	t.mu.Unlock()
	return nil
}

// close waits for the writes in progress, lets no more through, and
// reports whether it was the first to close the Tx.
func (t *Tx) close() bool {
	t.gate.Lock()
	defer t.gate.Unlock()
	first := !t.done
	t.done = true
	return first
}

// Commit lets the old bytes go and records the folder's new list.
func (t *Tx) Commit() (removed []string, err error) {
	if !t.close() {
		return nil, nil
	}
	for _, r := range t.replaced {
		os.Remove(r.kept)
		if r.removed {
			delete(t.f.live, r.rel)
			removeEmptyParents(t.f.out, r.rel)
			removed = append(removed, r.rel)
		}
	}
	for _, c := range t.created {
		t.f.live[c] = true
	}
	if len(t.added) == 0 && len(removed) == 0 {
		return nil, nil
	}
	return removed, writeList(t.f.out, t.f.Files(), false, t.f.mode)
}

// Abort puts back every file the Tx replaced or removed and removes
// every file and folder it made.
func (t *Tx) Abort() error {
	if !t.close() {
		return nil
	}
	var errs []error
	for _, r := range slices.Backward(t.replaced) {
		errs = append(errs, os.Rename(r.kept, t.path(r.rel)))
	}
	for _, c := range t.created {
		errs = append(errs, removeIfThere(t.path(c)))
	}
	for _, d := range slices.Backward(t.dirs) {
		os.Remove(t.path(d))
	}
	if len(t.added) > 0 {
		errs = append(errs, writeList(t.f.out, t.f.Files(), false, t.f.mode))
	}
	return errors.Join(errs...)
}
