package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

// A Stage is the staging folder of one build: the new site is written
// there whole and then swapped with the output folder in Commit. The
// staging folder is the site before last, so that a build need not create
// and delete a file and a folder for every page: files whose bytes did
// not change are left alone, changed ones get their new bytes by a rename.
type Stage struct {
	f    *Folder
	dir  string
	site map[string]bool // the files of the new site
	held map[string]bool // the files of the site before last the folder holds
	// fresh is set when the usual staging folder's name is taken by
	// something that is not pinzhi's: then a new folder is used and the
	// old site removed after the swap.
	fresh bool
	dirs  sync.Map // folders known to exist
	same  sameContent
	// gate lets writes through until Abort or Commit: a worker the build
	// gave up waiting for may still try to write.
	gate sync.RWMutex
	done bool
}

var errClosed = errors.New("the build this write belongs to has ended")

// Stage makes the staging folder ready for the files of a new site. Its
// list is what it holds, since the survey of the build that swapped it
// out; when a build was stopped while writing it, it is surveyed again
// and the temporary files left are removed. Whatever else happened to it
// (a folder deleted, permissions taken away), writing mends as it goes.
// Nothing in it that pinzhi did not write is ever removed or written
// over: a write that would fails.
func (f *Folder) Stage(site []string) (*Stage, error) {
	s := &Stage{f: f, dir: f.staging(), site: setOf(site), held: map[string]bool{}}
	info, err := os.Lstat(s.dir)
	var l *list
	if err == nil && info.IsDir() {
		l = findList(folderKey(s.dir, info), f.listFiles()...)
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.Mkdir(s.dir, 0o755); err != nil {
			return nil, fmt.Errorf("cannot write beside %s: %w; choose a writable --out", f.shown, err)
		}
	case err != nil:
		return nil, err
	case l != nil && !l.writing:
		s.held = l.set()
	case l != nil:
		c, err := survey(s.dir, l, s.site, time.Time{})
		if err != nil {
			return nil, fmt.Errorf("cannot read the staging folder %s: %w", s.dir, err)
		}
		if in := collisions(c.foreign, s.site, dirPrefixes(s.site)); len(in) > 0 {
			return nil, f.inTheWay(filepath.Join(filepath.Dir(f.shown), filepath.Base(s.dir)), in)
		}
		for _, t := range c.temps {
			removeIfThere(filepath.Join(s.dir, filepath.FromSlash(t)))
		}
		s.held = c.files
	case !info.IsDir() || !isEmptyDir(s.dir):
		f.note(fmt.Sprintf("%s is not pinzhi's staging folder (it has no list naming it); it is left as it is, and this build stages in a new folder: remove it to make builds faster", s.dir))
		s.dir, s.fresh = tempName(f.staging()), true
		if err := os.Mkdir(s.dir, 0o755); err != nil {
			return nil, fmt.Errorf("cannot write beside %s: %w; choose a writable --out", f.shown, err)
		}
	}
	for d := range dirPrefixes(s.held) {
		s.dirs.Store(d, true)
	}
	// From here on the folder may hold any file of either site, whole or
	// in part: the list says so until Commit.
	may := setOf(site)
	for h := range s.held {
		may[h] = true
	}
	if err := writeList(s.dir, sortedSet(may), true, f.mode); err != nil {
		return nil, err
	}
	return s, nil
}

// Add makes more files part of the new site, before they are written: the
// staging folder's list names them from now on. It is for files whose
// names are known only once other files are written (a search index named
// after its content); it must not run while writes are in progress.
func (s *Stage) Add(files []string) error {
	s.gate.Lock()
	defer s.gate.Unlock()
	if s.done {
		return errClosed
	}
	if !addNew(s.site, files, func(f string) bool { return s.site[f] }) {
		return nil
	}
	may := maps.Clone(s.site)
	for h := range s.held {
		may[h] = true
	}
	return writeList(s.dir, sortedSet(may), true, s.f.mode)
}

// addNew adds to set the files known does not know, and reports whether
// there were any: then the list must be written again.
func addNew(set map[string]bool, files []string, known func(string) bool) bool {
	grew := false
	for _, f := range files {
		if !known(f) {
			set[f] = true
			grew = true
		}
	}
	return grew
}

// inTheWay says which entries pinzhi did not write stand where the site
// writes files.
func (f *Folder) inTheWay(dir string, entries []string) error {
	shown := make([]string, 0, 3)
	for _, e := range entries[:min(3, len(entries))] {
		shown = append(shown, filepath.Join(dir, filepath.FromSlash(e)))
	}
	more := ""
	if len(entries) > 3 {
		more = fmt.Sprintf(" and %d more", len(entries)-3)
	}
	return fmt.Errorf("%s%s: not written by pinzhi, and where the site writes its files; pinzhi does not overwrite them: move them away, then build again",
		strings.Join(shown, ", "), more)
}

// Write puts a file of the new site into the staging folder. It is safe
// for concurrent use. A file that already has the bytes is left alone; a
// changed one gets them under a temporary name renamed over it, never in
// place, so a server still sending the old file sends it whole. A write
// that fails leaves no file behind.
func (s *Stage) Write(rel string, data []byte) (changed bool, err error) {
	s.gate.RLock()
	defer s.gate.RUnlock()
	if s.done {
		return false, errClosed
	}
	changed, err = s.put(rel, data)
	if err != nil && mendable(err) {
		// A folder deleted or its permissions taken since the list was
		// written: make the way to the file good, then try once more.
		s.mend(rel)
		changed, err = s.put(rel, data)
	}
	if errors.Is(err, fs.ErrExist) || errors.Is(err, syscall.ENOTDIR) || errors.Is(err, syscall.EISDIR) {
		return false, s.f.inTheWay(filepath.Join(filepath.Dir(s.f.shown), filepath.Base(s.dir)), []string{rel})
	}
	return changed, err
}

// WriteFrom is Write for a file too large to hold twice: fill writes its
// bytes straight to the file.
func (s *Stage) WriteFrom(rel string, fill Fill) (changed bool, err error) {
	s.gate.RLock()
	defer s.gate.RUnlock()
	if s.done {
		return false, errClosed
	}
	full := filepath.Join(s.dir, filepath.FromSlash(rel))
	if !s.held[rel] {
		if err := s.mkdirAll(path.Dir(rel)); err != nil {
			return false, err
		}
		return true, fillNew(full, fill)
	}
	tmp := tempName(full)
	if err := fillNew(tmp, fill); err != nil {
		return false, err
	}
	if sameFiles(tmp, full) { // left alone, its time too
		return false, os.Remove(tmp)
	}
	if err := os.Rename(tmp, full); err != nil {
		os.Remove(tmp)
		return false, err
	}
	return true, nil
}

func (s *Stage) put(rel string, data []byte) (changed bool, err error) {
	full := filepath.Join(s.dir, filepath.FromSlash(rel))
	if s.held[rel] {
		if s.same.check(full, data) {
			return false, nil
		}
		return true, writeFileAtomic(full, data)
	}
	if err := s.mkdirAll(path.Dir(rel)); err != nil {
		return false, err
	}
	return true, writeNew(full, data)
}

func mendable(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission)
}

// mend makes every folder on the way to rel exist and be writable by
// pinzhi: they are its own, named by its list.
func (s *Stage) mend(rel string) {
	full := s.dir
	for _, seg := range strings.Split(path.Dir(rel), "/") {
		if seg == "." {
			break
		}
		full = filepath.Join(full, seg)
		info, err := os.Lstat(full)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			os.Mkdir(full, 0o755)
		case err == nil && info.IsDir() && info.Mode().Perm()&0o700 != 0o700:
			os.Chmod(full, info.Mode().Perm()|0o700)
		}
	}
	if info, err := os.Lstat(s.dir); err == nil && info.Mode().Perm()&0o700 != 0o700 {
		os.Chmod(s.dir, info.Mode().Perm()|0o700)
	}
}

// mkdirAll makes the folder rel and those above it, each with one mkdir:
// the folders known to exist are remembered, so that a build makes each
// once without asking first (os.MkdirAll asks with a stat; at 10,000
// pages system calls are much of a build's time).
func (s *Stage) mkdirAll(rel string) error {
	if rel == "." {
		return nil
	}
	if _, ok := s.dirs.Load(rel); ok {
		return nil
	}
	if err := s.mkdirAll(path.Dir(rel)); err != nil {
		return err
	}
	if err := os.Mkdir(filepath.Join(s.dir, filepath.FromSlash(rel)), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	s.dirs.Store(rel, true)
	return nil
}

// Abort gives up a build whose files were not all written: the staging
// folder stays as it is, its list saying that it may hold any file of
// either site, and the next build starts from there.
func (s *Stage) Abort() error {
	s.close()
	if s.fresh {
		os.RemoveAll(s.dir)
		os.Remove(listFile(s.dir))
	}
	return nil
}

// Remove leaves rel out of the site: Commit removes it from the staging
// folder with the other files the site no longer has. A build plans the
// whole site, so it has no need of it; an update does (see Tx.Remove).
func (s *Stage) Remove(rel string) error {
	s.gate.Lock()
	defer s.gate.Unlock()
	if s.done {
		return errClosed
	}
	delete(s.site, rel)
	return nil
}

// Commit removes from the staging folder the files of the site before
// last that the new one does not have, and makes it the output folder.
// What was the output folder becomes the staging folder, except for the
// entries in it that pinzhi did not write: those are moved back, so that
// they stay where they are. It returns the files it removed.
func (s *Stage) Commit() (removed []string, err error) {
	s.close()
	f := s.f
	for h := range s.held {
		if !s.site[h] {
			if err := s.remove(h); err != nil {
				return nil, err
			}
			removed = append(removed, h)
		}
	}
	siteFiles := sortedSet(s.site)
	if err := writeList(s.dir, siteFiles, false, f.mode); err != nil {
		return nil, err
	}
	old, err := f.surveyLive(s.site)
	if err != nil {
		return nil, err
	}
	if err := f.swapIn(s.dir, old != nil); err != nil {
		return nil, err
	}
	f.live = s.site
	if old == nil { // renamed: its list names it under the staging folder's name
		if err := writeList(f.out, siteFiles, false, f.mode); err != nil {
			return removed, err
		}
		return removed, removeIfThere(listFile(s.dir))
	}
	// Each list still names its own folder, under the other's name; the
	// lists change names in one step too, so that no moment leaves a
	// folder without one (a crash then would make it someone else's).
	err = f.exchange(listFile(s.dir), listFile(f.out))
	if errors.Is(err, fs.ErrNotExist) { // the output folder had no list: it was empty
		err = os.Rename(listFile(s.dir), listFile(f.out))
	}
	if err != nil && !unsupported(err) {
		return removed, err
	}
	kept := f.carryBack(s.dir, old.contents.foreign)
	if err := writeList(f.out, siteFiles, false, f.mode, kept...); err != nil {
		return removed, err
	}
	if s.fresh {
		return removed, s.removeOldSite(old.contents)
	}
	return removed, writeList(s.dir, sortedSet(old.contents.files), old.contents.temps != nil, old.mode)
}

// close waits for the writes in progress and lets no more through.
func (s *Stage) close() {
	s.gate.Lock()
	s.done = true
	s.gate.Unlock()
}

func (s *Stage) remove(rel string) error {
	full := filepath.Join(s.dir, filepath.FromSlash(rel))
	err := removeIfThere(full)
	if errors.Is(err, fs.ErrPermission) {
		s.mend(rel)
		err = removeIfThere(full)
	}
	if err == nil {
		removeEmptyParents(s.dir, rel)
	}
	return err
}

// liveContents is what the output folder held before a swap.
type liveContents struct {
	contents *contents
	mode     Mode
}

// surveyLive surveys the output folder before it is replaced: nil when
// it does not exist. It fails when something pinzhi did not write stands
// where the new site has a file.
func (f *Folder) surveyLive(site map[string]bool) (*liveContents, error) {
	info, err := os.Lstat(f.out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var since time.Time
	l := findList(folderKey(f.out, info), f.listFiles()...)
	if l == nil {
		l = &list{mode: f.mode} // it was empty when the build began
	} else if li, err := os.Stat(l.name); err == nil && !l.writing {
		since = li.ModTime()
	}
	c, err := survey(f.out, l, site, since)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", f.shown, err)
	}
	if in := collisions(c.foreign, site, dirPrefixes(site)); len(in) > 0 {
		return nil, f.inTheWay(f.shown, in)
	}
	return &liveContents{contents: c, mode: l.mode}, nil
}

// swapIn makes the staging folder the output folder.
func (f *Folder) swapIn(staging string, exists bool) error {
	if !exists {
		return os.Rename(staging, f.out)
	}
	if err := f.exchangeOrRename(staging, f.out); err != nil {
		return fmt.Errorf("cannot replace %s: %w", f.shown, err)
	}
	return nil
}

// carryBack moves the entries pinzhi did not write from the folder that
// was live back into the live one, where their owner left them, and
// returns those it moved.
func (f *Folder) carryBack(from string, foreign []string) (moved []string) {
	for _, p := range foreign {
		src := filepath.Join(from, filepath.FromSlash(p))
		dst := filepath.Join(f.out, filepath.FromSlash(p))
		err := os.MkdirAll(filepath.Dir(dst), 0o755)
		if err == nil {
			err = renameNoReplace(src, dst)
		}
		if err != nil {
			f.note(fmt.Sprintf("%s was not written by pinzhi and could not be put back into %s (%v); it is in %s", p, f.shown, err, from))
			continue
		}
		moved = append(moved, p)
	}
	return moved
}

// removeOldSite removes the files of the site before, once it is in a
// staging folder made for one build only, and then the folder.
func (s *Stage) removeOldSite(old *contents) error {
	for file := range old.files {
		if err := s.remove(file); err != nil {
			return err
		}
	}
	for _, t := range old.temps {
		removeIfThere(filepath.Join(s.dir, filepath.FromSlash(t)))
	}
	os.Remove(listFile(s.dir))
	if err := os.Remove(s.dir); err != nil {
		s.f.note(fmt.Sprintf("%s holds what pinzhi could not put back into %s; look inside, then remove it", s.dir, s.f.shown))
	}
	return nil
}

// findList returns the list, in the first of the files that has one, that
// names the folder with the given key.
func findList(key string, files ...string) *list {
	for _, name := range files {
		if l := readList(name); l != nil && sameFolder(l.key, key) {
			return l
		}
	}
	return nil
}

func isEmptyDir(dir string) bool {
	empty, err := isEmpty(dir)
	return err == nil && empty
}

func setOf(files []string) map[string]bool {
	m := make(map[string]bool, len(files))
	for _, f := range files {
		m[f] = true
	}
	return m
}
