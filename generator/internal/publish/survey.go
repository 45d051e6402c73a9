package publish

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// contents is what a survey found in a folder pinzhi made.
type contents struct {
	files   map[string]bool // files of the list that are there
	dirs    map[string]bool // folders that are pinzhi's: a listed or planned file lies under them
	foreign []string        // entries pinzhi did not write, sorted; a folder of them is one entry
	temps   []string        // temporary files a killed process left
}

// survey walks dir and sorts what it holds by the list of the files
// pinzhi wrote there (listed) and the files it is about to write
// (planned). A folder is pinzhi's when one of those lies under it, and
// it is walked; any other entry is foreign. A folder of pinzhi's that
// cannot be read, or written when writable is set, gets its permissions
// back: another program or a person may have taken them.
func survey(dir string, listed, planned map[string]bool, writable bool) (*contents, error) {
	c := &contents{files: map[string]bool{}, dirs: map[string]bool{}}
	s := surveyor{root: dir, listed: listed, prefixes: dirPrefixes(listed, planned), writable: writable, c: c}
	if err := s.walk(""); err != nil {
		return nil, err
	}
	slices.Sort(c.foreign)
	return c, nil
}

type surveyor struct {
	root     string
	listed   map[string]bool
	prefixes map[string]bool
	writable bool
	c        *contents
}

func (s *surveyor) walk(rel string) error {
	full := filepath.Join(s.root, filepath.FromSlash(rel))
	entries, err := s.readDir(full)
	if err != nil {
		return err
	}
	for _, e := range entries {
		p := path.Join(rel, e.Name())
		switch {
		case e.IsDir() && s.prefixes[p]:
			s.c.dirs[p] = true
			if err := s.walk(p); err != nil {
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

// readDir lists a folder of pinzhi's, first giving it back the
// permissions pinzhi needs when it lacks them.
func (s *surveyor) readDir(dir string) ([]fs.DirEntry, error) {
	want := fs.FileMode(0o500)
	if s.writable {
		want = 0o700
	}
	info, err := os.Lstat(dir)
	if err != nil {
		return nil, err
	}
	if info.Mode().Perm()&want != want {
		if err := os.Chmod(dir, info.Mode().Perm()|want); err != nil {
			return nil, err
		}
	}
	return os.ReadDir(dir)
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
