package publish

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// contents is what a survey found in a folder pinzhi made.
type contents struct {
	files   map[string]bool // files of the list that are there
	foreign []string        // entries pinzhi did not write, sorted; a folder of them is one entry
	temps   []string        // temporary files a killed process left
}

// survey walks dir and sorts what it holds by the list of the files
// pinzhi wrote there (listed) and the files it is about to write
// (planned). A folder is pinzhi's when one of those lies under it, and it
// is walked; any other entry is foreign.
//
// Reading every folder costs four system calls each, a tenth of a build
// at 10,000 pages, so a folder whose time of last change is before since
// (when the list was written) is taken to hold what the list says: adding
// or removing an entry changes its folder's time. A zero since reads
// every folder. A folder of pinzhi's that cannot be read gets its
// permissions back: another program or a person may have taken them.
func survey(dir string, l *list, planned map[string]bool, since time.Time) (*contents, error) {
	c := &contents{files: map[string]bool{}}
	listed := l.set()
	known := setOf(l.foreign)
	s := surveyor{root: dir, listed: listed, known: known, prefixes: dirPrefixes(listed, planned), since: since, c: c,
		children: childrenOf(listed, known)}
	if err := s.visit(""); err != nil {
		return nil, err
	}
	slices.Sort(c.foreign)
	return c, nil
}

type surveyor struct {
	root     string
	listed   map[string]bool
	known    map[string]bool // foreign entries the list names: where they were last seen
	prefixes map[string]bool
	children map[string][]string // listed files and folders by their folder
	since    time.Time
	c        *contents
}

func (s *surveyor) visit(rel string) error {
	full := filepath.Join(s.root, filepath.FromSlash(rel))
	info, err := lstatOwned(full)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // gone, and what the list had in it with it
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		s.c.foreign = append(s.c.foreign, rel) // a folder of the list replaced by a file
		return nil
	}
	if s.since.IsZero() || !info.ModTime().Before(s.since) {
		return s.read(rel, full, info)
	}
	for _, child := range s.children[rel] {
		switch {
		case s.listed[child]:
			s.c.files[child] = true
		case s.known[child]:
			if _, err := os.Lstat(filepath.Join(s.root, filepath.FromSlash(child))); err == nil {
				s.c.foreign = append(s.c.foreign, child)
			}
		default:
			if err := s.visit(child); err != nil {
				return err
			}
		}
	}
	return nil
}

// read lists a folder that changed since the list was written.
func (s *surveyor) read(rel, full string, info fs.FileInfo) error {
	if info.Mode().Perm()&0o500 != 0o500 {
		if err := os.Chmod(full, info.Mode().Perm()|0o700); err != nil {
			return err
		}
	}
	entries, err := os.ReadDir(full)
	if err != nil {
		return err
	}
	for _, e := range entries {
		p := path.Join(rel, e.Name())
		switch {
		case e.IsDir() && s.prefixes[p]:
			if err := s.visit(p); err != nil {
				return err
			}
		case !e.IsDir() && isTempName(e.Name()):
			s.c.temps = append(s.c.temps, p)
		case !e.IsDir() && s.listed[p]:
			s.c.files[p] = true
		default:
			s.c.foreign = append(s.c.foreign, p)
		}
	}
	return nil
}

// lstatOwned is os.Lstat that, when the folder above name cannot be
// searched, gives pinzhi's folders back the permission and tries again.
func lstatOwned(name string) (fs.FileInfo, error) {
	info, err := os.Lstat(name)
	if errors.Is(err, fs.ErrPermission) {
		parent := filepath.Dir(name)
		if pi, perr := os.Lstat(parent); perr == nil && pi.IsDir() {
			os.Chmod(parent, pi.Mode().Perm()|0o700)
			info, err = os.Lstat(name)
		}
	}
	return info, err
}

// childrenOf indexes entries by the folder they are in, and each folder
// holding entries by its own folder: "a/b/c.html" is a child of "a/b",
// and "a/b" of "a".
func childrenOf(sets ...map[string]bool) map[string][]string {
	children := map[string][]string{}
	seen := map[string]bool{}
	for _, files := range sets {
		for f := range files {
			addChild(children, seen, f)
		}
	}
	return children
}

func addChild(children map[string][]string, seen map[string]bool, f string) {
	for p := f; p != "" && !seen[p]; {
		seen[p] = true
		parent := path.Dir(p)
		if parent == "." {
			parent = ""
		}
		children[parent] = append(children[parent], p)
		p = parent
	}
}

// dirPrefixes returns every folder that holds one of the files.
func dirPrefixes(sets ...map[string]bool) map[string]bool {
	prefixes := map[string]bool{}
	for _, set := range sets {
		for f := range set {
			for i := strings.LastIndexByte(f, '/'); i > 0; i = strings.LastIndexByte(f[:i], '/') {
				if prefixes[f[:i]] {
					break
				}
				prefixes[f[:i]] = true
			}
		}
	}
	return prefixes
}

// collisions returns the foreign entries that stand where the site
// writes a file or needs a folder.
func collisions(foreign []string, site map[string]bool, siteDirs map[string]bool) []string {
	var in []string
	for _, p := range foreign {
		if site[p] || siteDirs[p] {
			in = append(in, p)
		}
	}
	return in
}

// removeEmptyParents removes the folders above rel that are left empty,
// up to root itself, which stays.
func removeEmptyParents(root, rel string) {
	for dir := path.Dir(rel); dir != "." && dir != "/"; dir = path.Dir(dir) {
		if err := os.Remove(filepath.Join(root, filepath.FromSlash(dir))); err != nil {
			return // not empty, or not there
		}
	}
}

// removeIfThere removes a file, and is content when it is gone already.
func removeIfThere(name string) error {
	if err := os.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}
