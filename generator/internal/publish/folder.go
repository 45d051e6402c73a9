// Package publish owns every write to an output folder: which folders
// pinzhi may write at all, the lock two processes share, the lists that
// say which files pinzhi wrote, temporary files, the staging folder and
// its swap with the live one, and the all-or-nothing updates of watch
// mode. Nothing else in pinzhi creates, renames or removes a file under
// an output folder.
//
// The rule it keeps: pinzhi never deletes, moves or overwrites anything
// it did not write itself. It writes into a folder only when the folder
// does not exist, is empty, or is named by its own list (by device and
// inode, which stay with a folder when it is renamed). Inside such a
// folder, an entry the list does not name is someone else's: it is left
// where it is, across swaps, and a build that would have to write over it
// fails instead.
//
// For an output folder "public":
//
//	public/               the site
//	.public.next/         the site before it, where the next build writes
//	.public.files         the list of the files pinzhi wrote into one of the two
//	.public.next.files    the list of the other
//	.public.lock          held by the process writing public/
//
// Temporary files are named ".<name>.pinzhi-<hex>" beside the file they
// become; a failed write removes its own, and any a killed process left
// are removed when the folder is next made ready for writing.
package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Mode says who writes a folder: a build, whose output is deployed; a
// build with the drafts, for a colleague to read, which is not; or the
// preview server, whose pages link to a local address.
type Mode string

const (
	Build   Mode = "build"
	Drafts  Mode = "drafts"
	Preview Mode = "preview"
)

// Options say which folder to open and what it must not be.
type Options struct {
	Out string // the output folder; a symbolic link to a folder is followed
	// Site is the site's folder, which output may sit in but not be or
	// contain; Sources are folders output may not be, contain or sit in
	// (content/, layouts/, assets/).
	Site    string
	Sources []string
	Mode    Mode
	// Note receives one-line notes for the terminal: a wait for another
	// process, a fallback. It may be nil.
	Note func(string)
}

// A Folder is an output folder opened for writing: checked, and locked
// until Close.
type Folder struct {
	out    string // absolute, symbolic links resolved
	shown  string // as the user named it, for messages
	mode   Mode
	note   func(string)
	unlock func()
	// live is the list of the files of out, as of the last Commit.
	live map[string]bool
	// exchange swaps two folders; a field so that tests can take away the
	// system's support for it.
	exchange func(a, b string) error
}

// Open checks that opts.Out may be written by pinzhi and takes its lock.
// It refuses, touching nothing, a folder that is or holds the site's
// sources, a non-empty folder pinzhi did not make, and, for the preview
// server, a folder holding a build's site.
func Open(opts Options) (*Folder, error) {
	if opts.Note == nil {
		opts.Note = func(string) {}
	}
	if opts.Mode == "" {
		opts.Mode = Build
	}
	out, err := resolve(opts.Out)
	if err != nil {
		return nil, err
	}
	f := &Folder{out: out, shown: opts.Out, mode: opts.Mode, note: opts.Note, exchange: exchangeFolders}
	if err := f.refuseSources(opts.Site, opts.Sources); err != nil {
		return nil, err
	}
	if _, err := f.owned(); err != nil { // before anything is created beside it
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return nil, fmt.Errorf("cannot create the folder for %s: %w", opts.Out, err)
	}
	f.unlock, err = lock(f.lockFile(), opts.Mode, opts.Out, opts.Note)
	if err != nil {
		return nil, err
	}
	if err := f.settleLists(); err != nil {
		f.Close()
		return nil, fmt.Errorf("cannot put the lists beside %s in order: %w", opts.Out, err)
	}
	// Again under the lock: another process may have swapped it meanwhile.
	l, err := f.owned()
	if err != nil {
		f.Close()
		return nil, err
	}
	f.live = l.set()
	return f, nil
}

// Close releases the lock.
func (f *Folder) Close() {
	if f.unlock != nil {
		f.unlock()
		f.unlock = nil
	}
}

// Path is the output folder's absolute path, symbolic links resolved.
func (f *Folder) Path() string { return f.out }

// Count is the number of files pinzhi wrote into the output folder.
func (f *Folder) Count() int { return len(f.live) }

// Files is the list of the output folder's files, sorted.
func (f *Folder) Files() []string { return sortedSet(f.live) }

func (f *Folder) staging() string  { return sibling(f.out, ".next") }
func (f *Folder) lockFile() string { return sibling(f.out, ".lock") }

// sibling names a hidden file or folder beside out: .public.next.
func sibling(out, suffix string) string {
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+suffix)
}

// listFiles are the files where a list naming one of this output's
// folders may be: beside the output folder, beside its staging folder, and
// beside a staging folder made for one build (see Stage.fresh). A list
// names its folder by device and inode, so a crash between renaming
// folders and rewriting their lists leaves every folder named by one of
// them.
func (f *Folder) listFiles() []string {
	files := []string{listFile(f.out), listFile(f.staging())}
	fresh := "." + filepath.Base(f.staging()) + tempMark
	entries, _ := os.ReadDir(filepath.Dir(f.out))
	for _, e := range entries {
		if name := e.Name(); strings.HasPrefix(name, fresh) && strings.HasSuffix(name, ".files") && e.Type().IsRegular() {
			files = append(files, filepath.Join(filepath.Dir(f.out), name))
		}
	}
	return files
}

// owned returns the list of the output folder when pinzhi may write it,
// and an error saying why not otherwise.
func (f *Folder) owned() (*list, error) {
	info, err := os.Lstat(f.out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &list{}, nil
	case err != nil:
		return nil, err
	case !info.IsDir():
		return nil, fmt.Errorf("output %s is not a folder; remove it or choose another --out", f.shown)
	}
	l := findList(folderKey(f.out, info), f.listFiles()...)
	if l == nil {
		if empty, err := isEmpty(f.out); err != nil || !empty {
			return nil, f.notOurs()
		}
		return &list{mode: f.mode}, nil
	}
	if f.mode == Preview && l.mode != Preview {
		return nil, fmt.Errorf("%s holds a site made by pinzhi build; pinzhi serve would replace it with a preview "+
			"whose pages link to this machine: leave out --out (a temporary folder is used) or name another folder", f.shown)
	}
	return l, nil
}

func (f *Folder) notOurs() error {
	return fmt.Errorf("%s is not empty and was not made by pinzhi (it has no list %s naming it); "+
		"a build replaces its output folder whole, so it writes only into a folder it made or an empty one: "+
		"choose another --out, or empty the folder yourself", f.shown, filepath.Base(listFile(f.out)))
}

func isEmpty(dir string) (bool, error) {
	d, err := os.Open(dir)
	if err != nil {
		return false, err
	}
	defer d.Close()
	names, err := d.Readdirnames(1)
	if len(names) > 0 {
		return false, nil
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return false, err
	}
	return true, nil
}

// resolve returns the absolute path of out with symbolic links resolved,
// as far as it exists: a public/ that links to a folder elsewhere is
// written where it points, and the link stays a link.
func resolve(out string) (string, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return "", err
	}
	existing, rest := abs, ""
	for {
		if _, err := os.Lstat(existing); err == nil {
			break
		}
		parent := filepath.Dir(existing)
		if parent == existing {
			break
		}
		rest = filepath.Join(filepath.Base(existing), rest)
		existing = parent
	}
	real, err := filepath.EvalSymlinks(existing)
	if err != nil {
		return "", fmt.Errorf("output %s: %w", out, err)
	}
	return filepath.Join(real, rest), nil
}

// refuseSources fails when out is the site's folder or contains it, or is,
// contains or sits in one of the source folders.
func (f *Folder) refuseSources(site string, sources []string) error {
	for _, s := range append([]string{site}, sources...) {
		if s == "" {
			continue
		}
		r, err := resolve(s)
		if err != nil {
			continue // a source folder that cannot be resolved is not there to harm
		}
		switch {
		case r == f.out && s == site:
			return fmt.Errorf("output %s is the site's own folder %s; build into a folder of its own, e.g. --out public", f.shown, s)
		case r == f.out:
			return fmt.Errorf("output %s is the source folder %s; build into a folder of its own, e.g. --out public", f.shown, s)
		case within(r, f.out):
			return fmt.Errorf("output %s holds the site's folder %s, which a build would replace; choose a folder of its own, e.g. --out public", f.shown, s)
		case s != site && within(f.out, r):
			return fmt.Errorf("output %s is inside the source folder %s; build outside content/, layouts/ and assets/, e.g. --out public", f.shown, s)
		}
	}
	return nil
}

// within reports whether path lies strictly inside dir.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
