package source

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
)

// Symbolic links in a site's folders are followed where they stay inside
// the site's folder, files and folders alike, in content/, layouts/ and
// assets/: a folder of pages linked in (shared between two sites kept in
// one folder) builds as if it were there. A link that leads out of the
// site's folder is refused, since whatever it points at (a home folder, a
// key) would be published; so is a link to a folder that holds it, which
// would be walked for ever. Both are problems naming the link, never a
// silent drop.

// A LinkError says why a symbolic link is not followed.
type LinkError struct {
	Target string // where it leads, as far as it was resolved
	Loop   bool   // it leads to a folder that holds it
}

func (e *LinkError) Error() string {
	if e.Loop {
		return fmt.Sprintf("is a symbolic link to %s, a folder that holds it: following it would never end", e.Target)
	}
	return fmt.Sprintf("is a symbolic link out of the site's folder (to %s); pinzhi does not read outside it", e.Target)
}

// WalkProblem is the problem of an error the walk of dir met at name: a
// link not followed, or a file or folder that cannot be read.
func WalkProblem(name string, err error) Problem {
	var le *LinkError
	if errors.As(err, &le) {
		hint := "move or copy what it points at into the site's folder (a git submodule works), and link to it there"
		if le.Loop {
			hint = "remove the link, or point it at a folder outside the ones that hold it"
		}
		return Problem{Path: name, Message: le.Error(), Hint: hint}
	}
	hint := "check its permissions"
	if errors.Is(err, syscall.ENAMETOOLONG) {
		hint = nameTooLongHint
	}
	return Problem{Path: name, Message: "cannot be read: " + UnwrapPathError(err), Hint: hint}
}

// WalkDir walks the tree at root in lexical order, like fs.WalkDir,
// following symbolic links inside the site's folder (the root of fsys) to
// files and folders. fn gets a *LinkError for a link it does not follow.
// A followed link to a folder comes to fn as a folder. fn returning
// fs.SkipDir for a folder skips it; any other error stops the walk.
func WalkDir(fsys fs.FS, root string, fn fs.WalkDirFunc) error {
	info, err := fs.Stat(fsys, root)
	if err != nil {
		return fn(root, nil, err)
	}
	d := fs.FileInfoToDirEntry(info)
	real, err := RealPath(fsys, root)
	if err != nil {
		return fn(root, d, err)
	}
	err = walk(fsys, root, d, []string{real}, fn)
	if errors.Is(err, fs.SkipDir) || errors.Is(err, fs.SkipAll) {
		return nil
	}
	return err
}

// walk visits name, then, for a folder, what it holds. chain is the real
// paths of the folders from the root down to name, for finding loops.
func walk(fsys fs.FS, name string, d fs.DirEntry, chain []string, fn fs.WalkDirFunc) error {
	if err := fn(name, d, nil); err != nil || !d.IsDir() {
		if errors.Is(err, fs.SkipDir) && d.IsDir() {
			return nil
		}
		return err
	}
	entries, err := fs.ReadDir(fsys, name)
	if err != nil {
		if err := fn(name, d, err); err != nil && !errors.Is(err, fs.SkipDir) {
			return err
		}
		return nil
	}
	for _, e := range entries {
		child := path.Join(name, e.Name())
		next := chain
		if e.IsDir() {
			next = append(slices.Clip(chain), path.Join(chain[len(chain)-1], e.Name()))
		}
		if e.Type()&fs.ModeSymlink != 0 {
			var err error
			if e, next, err = follow(fsys, child, e, chain); err != nil {
				if err := fn(child, e, err); err != nil && !errors.Is(err, fs.SkipDir) {
					return err
				}
				continue
			}
		}
		if err := walk(fsys, child, e, next, fn); err != nil {
			return err
		}
	}
	return nil
}

// follow resolves the link name: a link inside the site's folder to a
// folder that does not hold it comes back as that folder, with the chain
// it extends; to anything else, as the link itself.
func follow(fsys fs.FS, name string, link fs.DirEntry, chain []string) (fs.DirEntry, []string, error) {
	real, err := RealPath(fsys, name)
	if le := (*LinkError)(nil); errors.As(err, &le) {
		return link, chain, err
	}
	if err != nil {
		return link, chain, nil // broken, or a loop of links: whoever reads it says so
	}
	info, err := fs.Stat(fsys, name)
	if err != nil || !info.IsDir() {
		return link, chain, nil // a file, a broken link: whoever reads it says what it is
	}
	for _, above := range chain {
		if real == above || strings.HasPrefix(above, real+"/") || real == "." {
			return link, chain, &LinkError{Target: real, Loop: true}
		}
	}
	return fs.FileInfoToDirEntry(info), append(slices.Clip(chain), real), nil
}

// RealPath returns the slash path from the root of fsys that name leads
// to once every symbolic link in it is followed, or a *LinkError when it
// leads out of fsys. A file system that cannot show its links (neither a
// DirFS nor an fs.ReadLinkFS) has none: name is returned as it is.
func RealPath(fsys fs.FS, name string) (string, error) {
	switch f := fsys.(type) {
	case DirFS:
		return f.realPath(name)
	case fs.ReadLinkFS:
		return realPathFS(f, name)
	}
	return name, nil
}

func (d DirFS) realPath(name string) (string, error) {
	full, err := d.join(name, "stat")
	if err != nil {
		return "", err
	}
	real, err := filepath.EvalSymlinks(full)
	if err != nil {
		return "", err
	}
	root, err := filepath.EvalSymlinks(string(d))
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(root, real)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", &LinkError{Target: real}
	}
	return filepath.ToSlash(rel), nil
}

// maxLinks bounds the links followed in one path, as the system does.
const maxLinks = 40

var errTooManyLinks = errors.New("too many levels of symbolic links")

// realPathFS resolves name one element at a time, following links
// through ReadLink, as the system does for a folder on disk.
func realPathFS(fsys fs.ReadLinkFS, name string) (string, error) {
	done, todo := ".", strings.Split(name, "/")
	for links := 0; len(todo) > 0; {
		p := path.Join(done, todo[0])
		todo = todo[1:]
		info, err := fsys.Lstat(p)
		if err != nil || info.Mode()&fs.ModeSymlink == 0 {
			done = p // a missing element is for the caller's read to report
			continue
		}
		if links++; links > maxLinks {
			return "", &fs.PathError{Op: "readlink", Path: name, Err: errTooManyLinks}
		}
		target, err := fsys.ReadLink(p)
		if err != nil {
			return "", err
		}
		joined := path.Join(path.Dir(p), target)
		if path.IsAbs(target) || joined == ".." || strings.HasPrefix(joined, "../") {
			return "", &LinkError{Target: target}
		}
		done, todo = ".", append(strings.Split(joined, "/"), todo...)
	}
	return done, nil
}
