package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// A Built is an output folder holding a whole site made by pinzhi build,
// opened for reading: pinzhi deploy reads it under the folder's lock, so
// that no build replaces it meanwhile.
type Built struct {
	Dir    string   // absolute, symbolic links resolved
	Files  []string // the files pinzhi wrote there, as slash paths, sorted
	unlock func()
}

// OpenBuilt takes the lock of the output folder out and returns its
// files. It refuses a folder pinzhi did not make, a preview of pinzhi
// serve, whose pages link to this machine, a build with the drafts, and
// a folder a build stopped writing part of the way.
func OpenBuilt(out string, note func(string)) (*Built, error) {
	if note == nil {
		note = func(string) {}
	}
	dir, err := resolve(out)
	if err != nil {
		return nil, err
	}
	info, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%s does not exist: run pinzhi build first, or leave out --build=false", out)
	case err != nil:
		return nil, err
	case !info.IsDir():
		return nil, fmt.Errorf("%s is not a folder", out)
	}
	unlock, err := lock(sibling(dir, ".lock"), Build, out, note)
	if err != nil {
		return nil, err
	}
	f := &Folder{out: dir, shown: out}
	l := findList(folderKey(dir, info), f.listFiles()...)
	if err := deployable(l, out); err != nil {
		unlock()
		return nil, err
	}
	files := sortedSet(l.set())
	if err := stillWritten(dir, out, files); err != nil {
		unlock()
		return nil, err
	}
	return &Built{Dir: dir, Files: files, unlock: unlock}, nil
}

// stillWritten checks that each file the list names is still a regular
// file: one replaced by a symbolic link, a FIFO or a folder since the
// build is not what pinzhi wrote, and is not to be published.
func stillWritten(dir, out string, files []string) error {
	for _, f := range files {
		info, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(f)))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return fmt.Errorf("%s/%s is missing since the build: run pinzhi build again", out, f)
		case err != nil:
			return err
		case !info.Mode().IsRegular():
			return fmt.Errorf("%s/%s is no longer the file pinzhi wrote (it is %s now): run pinzhi build again", out, f, kind(info.Mode()))
		}
	}
	return nil
}

// kind names what a file that is not regular is.
func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsDir():
		return "a folder"
	}
	return "a special file"
}

// deployable says why the folder with list l may not be deployed, if it
// may not.
func deployable(l *list, out string) error {
	switch {
	case l == nil:
		return fmt.Errorf("%s was not made by pinzhi (it has no list %s naming it): pinzhi deploy publishes only a site pinzhi built; "+
			"run pinzhi build, or name the folder it built with --out", out, listFile(out))
	case l.mode == Preview:
		return fmt.Errorf("%s holds a preview of pinzhi serve, whose pages link to this machine: run pinzhi build and deploy what it writes", out)
	case l.mode == Drafts:
		return fmt.Errorf("%s holds a build with the drafts (pinzhi build --drafts): run pinzhi build without --drafts, or leave out --build=false", out)
	case l.writing:
		return fmt.Errorf("%s is only partly written: a build stopped before it finished; run pinzhi build again", out)
	case len(l.files) == 0:
		return fmt.Errorf("%s holds no files pinzhi wrote: run pinzhi build", out)
	}
	return nil
}

// Close releases the folder's lock.
func (b *Built) Close() {
	if b.unlock != nil {
		b.unlock()
		b.unlock = nil
	}
}
