package publish

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"pinzhi/generator/internal/source"
)

// tree returns every file under dir by slash path, "<dir>" for every
// empty folder and "-> target" for every symbolic link; lock files are
// left out.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.Type()&fs.ModeSymlink != 0 {
			target, _ := os.Readlink(p)
			files[rel] = "-> " + target
			return nil
		}
		if strings.HasSuffix(rel, ".lock") {
			return nil // its holder's name changes with every process
		}
		if d.IsDir() {
			if entries, _ := os.ReadDir(p); len(entries) == 0 && rel != "." {
				files[rel] = "<dir>"
			}
			return nil
		}
		data, err := os.ReadFile(p)
		files[rel] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// publish writes site (path -> bytes) into out as a build does.
func publish(t *testing.T, out string, site map[string]string) error {
	t.Helper()
	f, err := Open(Options{Out: out})
	if err != nil {
		return err
	}
	defer f.Close()
	s, err := f.Stage(slices.Sorted(maps.Keys(site)))
	if err != nil {
		return err
	}
	for name, data := range site {
		if _, err := s.Write(name, []byte(data)); err != nil {
			s.Abort()
			return err
		}
	}
	_, err = s.Commit()
	return err
}

func mustPublish(t *testing.T, out string, site map[string]string) {
	t.Helper()
	if err := publish(t, out, site); err != nil {
		t.Fatal(err)
	}
	real, _ := filepath.EvalSymlinks(out)
	if got := withoutForeign(tree(t, real), site); !maps.Equal(got, site) {
		t.Fatalf("%s holds %v, want %v", out, got, site)
	}
}

// withoutForeign keeps the files of got that site has.
func withoutForeign(got, site map[string]string) map[string]string {
	kept := map[string]string{}
	for k, v := range got {
		if _, ok := site[k]; ok {
			kept[k] = v
		}
	}
	return kept
}

var (
	siteA = map[string]string{"index.html": "a", "districts/x/index.html": "ax", "communities/a/index.html": "aa"}
	siteB = map[string]string{"index.html": "b", "districts/y/index.html": "by", "feed.xml": "bf"}
)

// TestOwnership lists the folders a build may not write: each is refused
// with an error, and nothing in or beside it is touched.
func TestOwnership(t *testing.T) {
	cases := []struct {
		name  string
		setup func(dir string) Options
		want  string
	}{
		{"not empty, not pinzhi's", func(dir string) Options {
			write(t, filepath.Join(dir, "docs/notes.txt"), "mine")
			return Options{Out: filepath.Join(dir, "docs")}
		}, "not empty and was not made by pinzhi"},
		{"the site's folder", func(dir string) Options {
			write(t, filepath.Join(dir, "site/content/_index.md"), "x")
			return Options{Out: filepath.Join(dir, "site"), Site: filepath.Join(dir, "site")}
		}, "is the site's own folder"},
		{"holds the site's folder", func(dir string) Options {
			write(t, filepath.Join(dir, "site/content/_index.md"), "x")
			return Options{Out: dir, Site: filepath.Join(dir, "site")}
		}, "holds the site's folder"},
		{"inside content/", func(dir string) Options {
			write(t, filepath.Join(dir, "site/content/_index.md"), "x")
			return Options{Out: filepath.Join(dir, "site/content/public"), Site: filepath.Join(dir, "site"),
				Sources: []string{filepath.Join(dir, "site/content")}}
		}, "inside the source folder"},
		{"content/ itself through a link", func(dir string) Options {
			write(t, filepath.Join(dir, "site/content/_index.md"), "x")
			os.Symlink(filepath.Join(dir, "site/content"), filepath.Join(dir, "out"))
			return Options{Out: filepath.Join(dir, "out"), Site: filepath.Join(dir, "site"),
				Sources: []string{filepath.Join(dir, "site/content")}}
		}, "is the source folder"},
		{"a file", func(dir string) Options {
			write(t, filepath.Join(dir, "public"), "x")
			return Options{Out: filepath.Join(dir, "public")}
		}, "is not a folder"},
		{"a build's site, for the preview server", func(dir string) Options {
			mustPublish(t, filepath.Join(dir, "public"), siteA)
			return Options{Out: filepath.Join(dir, "public"), Mode: Preview}
		}, "holds a site made by pinzhi build"},
		{"the lock file's name taken", func(dir string) Options {
			write(t, filepath.Join(dir, ".public.lock"), "my own notes")
			return Options{Out: filepath.Join(dir, "public")}
		}, "is where its lock file goes"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			opts := c.setup(dir)
			before := tree(t, dir)
			f, err := Open(opts)
			if err == nil {
				f.Close()
				t.Fatal("opened")
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q, want %q", err, c.want)
			}
			if after := tree(t, dir); !maps.Equal(before, after) {
				t.Errorf("a refused folder was touched:\nbefore %v\nafter  %v", before, after)
			}
		})
	}
}

// TestDamage changes the output folder and the staging folder the ways
// other programs and people do between builds. Every later build must
// succeed with exactly its site, and whatever pinzhi did not write must
// still be where its owner put it.
func TestDamage(t *testing.T) {
	cases := []struct {
		name   string
		damage func(t *testing.T, out, staging string)
		kept   map[string]string // files pinzhi did not write, under out's parent
	}{
		{"a folder of the site deleted", func(t *testing.T, out, staging string) {
			os.RemoveAll(filepath.Join(out, "districts"))
		}, nil},
		{"a folder of the staging site deleted", func(t *testing.T, out, staging string) {
			os.RemoveAll(filepath.Join(staging, "districts"))
		}, nil},
		{"files added to the site", func(t *testing.T, out, staging string) {
			write(t, filepath.Join(out, "CNAME"), "example.org")
			write(t, filepath.Join(out, ".git/HEAD"), "ref")
			write(t, filepath.Join(out, "districts/x/notes.txt"), "mine")
		}, map[string]string{"public/CNAME": "example.org", "public/.git/HEAD": "ref", "public/districts/x/notes.txt": "mine"}},
		{"a file of the site emptied", func(t *testing.T, out, staging string) {
			write(t, filepath.Join(out, "index.html"), "")
		}, nil},
		{"permissions taken away", func(t *testing.T, out, staging string) {
			os.Chmod(filepath.Join(out, "districts"), 0)
			os.Chmod(filepath.Join(staging, "districts"), 0o500)
			os.Chmod(filepath.Join(staging, "index.html"), 0)
		}, nil},
		{"the staging folder's list deleted", func(t *testing.T, out, staging string) {
			os.Remove(listFile(staging))
		}, map[string]string{".public.next/index.html": "a"}},
		{"the staging folder replaced by a file", func(t *testing.T, out, staging string) {
			os.RemoveAll(staging)
			write(t, staging, "mine")
		}, map[string]string{".public.next": "mine"}},
		{"temporary files a killed build left", func(t *testing.T, out, staging string) {
			write(t, filepath.Join(staging, ".index.html.pinzhi-0123456789ab"), "half")
			write(t, filepath.Join(staging, "districts/x/.index.html.pinzhi-ba9876543210"), "half")
			l := readList(listFile(staging)) // a killed build leaves it saying so
			writeList(staging, l.files, true, l.mode)
		}, nil},
		{"temporary files a killed update left in the site", func(t *testing.T, out, staging string) {
			write(t, filepath.Join(out, ".index.html.pinzhi-0123456789ab"), "half")
			write(t, filepath.Join(out, "districts/y/.index.html.pinzhi-ba9876543210"), "half")
		}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			out, staging := filepath.Join(dir, "public"), filepath.Join(dir, ".public.next")
			mustPublish(t, out, siteA)
			mustPublish(t, out, siteB)
			c.damage(t, out, staging)
			var all map[string]string
			for i, site := range []map[string]string{siteA, siteB, siteA, siteB} {
				mustPublish(t, out, site)
				all = tree(t, dir)
				for name, want := range c.kept {
					if all[name] != want {
						t.Errorf("build %d: %s, which pinzhi did not write, holds %q, want %q", i, name, all[name], want)
					}
				}
			}
			for name := range all {
				if strings.Contains(name, tempMark) {
					t.Errorf("a temporary file is left: %s", name)
				}
			}
		})
	}
}

// TestInTheWay: a file pinzhi did not write where the site writes one is
// never overwritten; the build fails and says which.
func TestInTheWay(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	mustPublish(t, out, siteA)
	write(t, filepath.Join(out, "feed.xml"), "mine")
	before := tree(t, dir)
	err := publish(t, out, siteB)
	if err == nil || !strings.Contains(err.Error(), "feed.xml: not written by pinzhi") {
		t.Fatalf("error %v", err)
	}
	if got := tree(t, out); !maps.Equal(got, withoutStaging(before)) {
		t.Errorf("public/ changed: %v", got)
	}
	os.Remove(filepath.Join(out, "feed.xml"))
	mustPublish(t, out, siteB)
}

func withoutStaging(all map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range all {
		if rest, ok := strings.CutPrefix(k, "public/"); ok {
			out[rest] = v
		}
	}
	return out
}

// TestSymlinkedOutput: public/ as a link to a folder elsewhere, as servers
// often have it, is written where it points and stays a link.
func TestSymlinkedOutput(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "www/site")
	os.MkdirAll(target, 0o755)
	link := filepath.Join(dir, "public")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	for _, site := range []map[string]string{siteA, siteB, siteA} {
		mustPublish(t, link, site)
		if info, err := os.Lstat(link); err != nil || info.Mode()&fs.ModeSymlink == 0 {
			t.Fatalf("public is no longer a link: %v", err)
		}
		if got := tree(t, target); !maps.Equal(got, site) {
			t.Fatalf("the folder it points to holds %v", got)
		}
	}
	if _, err := os.Lstat(filepath.Join(dir, "www/.site.next")); err != nil {
		t.Errorf("the staging folder is not beside the folder the link points to: %v", err)
	}
}

// TestExchangeFallback takes away the system's one-step swap: builds go
// on with renames and say so once each.
func TestExchangeFallback(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	mustPublish(t, out, siteA)
	for _, site := range []map[string]string{siteB, siteA} {
		var notes []string
		f, err := Open(Options{Out: out, Note: func(n string) { notes = append(notes, n) }})
		if err != nil {
			t.Fatal(err)
		}
		f.exchange = func(a, b string) error { return &os.LinkError{Op: "renameat2", Old: a, New: b, Err: unix.EINVAL} }
		s, err := f.Stage(slices.Sorted(maps.Keys(site)))
		if err != nil {
			t.Fatal(err)
		}
		for name, data := range site {
			s.Write(name, []byte(data))
		}
		if _, err := s.Commit(); err != nil {
			t.Fatal(err)
		}
		f.Close()
		if got := tree(t, out); !maps.Equal(got, site) {
			t.Fatalf("public holds %v, want %v", got, site)
		}
		if len(notes) != 1 || !strings.Contains(notes[0], "cannot swap two folders in one step") {
			t.Errorf("notes %q", notes)
		}
	}
}

// TestTxRollback: an update that fails puts every file back and removes
// every file and folder it made; one that succeeds keeps its list.
func TestTxRollback(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	mustPublish(t, out, siteA)
	before := tree(t, dir)
	f, err := Open(Options{Out: out})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tx, err := f.Begin([]string{"index.html", "new/page/index.html", "assets/x.css"})
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"index.html": "changed", "new/page/index.html": "new", "assets/x.css": "css"} {
		if _, err := tx.Write(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Remove("districts/x/index.html"); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Write("elsewhere.html", []byte("x")); err == nil {
		t.Error("a file the update did not announce was written")
	}
	if got := tree(t, out)["index.html"]; got != "changed" {
		t.Errorf("a written page is not served at once: %q", got)
	}
	if err := tx.Abort(); err != nil {
		t.Fatal(err)
	}
	if after := tree(t, dir); !maps.Equal(before, after) {
		t.Fatalf("a rolled back update left changes:\nbefore %v\nafter  %v", before, after)
	}

	tx, _ = f.Begin([]string{"new/index.html"})
	tx.Write("new/index.html", []byte("new"))
	tx.Remove("districts/x/index.html")
	if _, err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"index.html": "a", "communities/a/index.html": "aa", "new/index.html": "new"}
	if got := tree(t, out); !maps.Equal(got, want) {
		t.Errorf("after commit %v, want %v", got, want)
	}
	l := findList(keyOf(t, out), listFile(out))
	if l == nil || l.writing || !slices.Equal(l.files, slices.Sorted(maps.Keys(want))) {
		t.Errorf("list after commit: %+v", l)
	}
}

func keyOf(t *testing.T, dir string) string {
	info, err := os.Lstat(dir)
	if err != nil {
		t.Fatal(err)
	}
	return folderKey(dir, info)
}

// TestFailedWritesLeaveNothing fills the disk: every write that fails
// removes its temporary file, and the next build publishes no part of it.
func TestFailedWritesLeaveNothing(t *testing.T) {
	dir := smallDisk(t, "256k")
	out := filepath.Join(dir, "public")
	small := map[string]string{"index.html": "a", "about/index.html": "b"}
	mustPublish(t, out, small)
	mustPublish(t, out, small)
	big := map[string]string{"index.html": strings.Repeat("x", 200<<10), "about/index.html": strings.Repeat("y", 200<<10)}
	if err := publish(t, out, big); err == nil || !errors.Is(err, unix.ENOSPC) {
		t.Fatalf("a build larger than the disk: %v", err)
	}
	f, _ := Open(Options{Out: out})
	tx, _ := f.Begin(nil)
	if _, err := tx.Write("index.html", []byte(strings.Repeat("z", 300<<10))); err == nil {
		t.Fatal("an update larger than the disk succeeded")
	}
	tx.Abort()
	f.Close()
	for name := range tree(t, dir) {
		if strings.Contains(name, tempMark) {
			t.Errorf("a failed write left %s", name)
		}
	}
	mustPublish(t, out, small)
	if got := tree(t, out); !maps.Equal(got, small) {
		t.Errorf("after a failed build, the next one published %v", got)
	}
}

// smallDisk mounts a tmpfs of the given size for the test, when the test
// runs as root (as CI does); otherwise it skips.
func smallDisk(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	if err := unix.Mount("tmpfs", dir, "tmpfs", 0, "size="+size); err != nil {
		t.Skipf("cannot mount a small tmpfs (%v): run as root to test a full disk", err)
	}
	t.Cleanup(func() { unix.Unmount(dir, 0) })
	return dir
}

// TestWriteFrom: a file written as it is made is left alone, time and
// all, when its bytes did not change, and replaced whole when they did,
// in a staging folder and in the live one.
func TestWriteFrom(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	big := strings.Repeat("品", 100<<10)
	site := map[string]string{"index.html": big, "a/index.html": "a"}
	fill := func(s string) Fill { return func(w io.Writer) error { _, err := io.WriteString(w, s); return err } }
	for i, text := range []string{big, big, big + "x", big + "x"} {
		f, err := Open(Options{Out: out})
		if err != nil {
			t.Fatal(err)
		}
		s, _ := f.Stage(slices.Sorted(maps.Keys(site)))
		if _, err := s.WriteFrom("index.html", fill(text)); err != nil {
			t.Fatal(err)
		}
		s.Write("a/index.html", []byte("a"))
		if _, err := s.Commit(); err != nil {
			t.Fatal(err)
		}
		f.Close()
		if got, _ := os.ReadFile(filepath.Join(out, "index.html")); string(got) != text {
			t.Fatalf("build %d: index.html has %d bytes, want %d", i, len(got), len(text))
		}
	}
	f, _ := Open(Options{Out: out})
	defer f.Close()
	before, _ := os.Stat(filepath.Join(out, "index.html"))
	tx, _ := f.Begin(nil)
	if changed, err := tx.WriteFrom("index.html", fill(big+"x")); err != nil || changed {
		t.Errorf("the same bytes: changed %v, %v", changed, err)
	}
	if changed, err := tx.WriteFrom("index.html", fill(big+"y")); err != nil || !changed {
		t.Errorf("new bytes: changed %v, %v", changed, err)
	}
	tx.Abort()
	after, _ := os.Stat(filepath.Join(out, "index.html"))
	if got, _ := os.ReadFile(filepath.Join(out, "index.html")); string(got) != big+"x" || !os.SameFile(before, after) {
		t.Errorf("a rolled back WriteFrom left the file changed")
	}
}

// TestAddLate adds files whose names are known only after others are
// written: the lists name them before they are written, so that a build
// killed meanwhile leaves nothing that is not pinzhi's, and a rolled back
// update removes them.
func TestAddLate(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	mustPublish(t, out, siteA)
	f, err := Open(Options{Out: out})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	s, err := f.Stage(slices.Collect(maps.Keys(siteA)))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Add([]string{"search/s1.abc.json"}); err != nil {
		t.Fatal(err)
	}
	l := findList(keyOf(t, f.staging()), listFile(f.staging()))
	if l == nil || !l.writing || !slices.Contains(l.files, "search/s1.abc.json") {
		t.Fatalf("the staging list does not name the added file before it is written: %+v", l)
	}
	for name, data := range siteA {
		if _, err := s.Write(name, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Write("search/s1.abc.json", []byte("{}")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, out)["search/s1.abc.json"]; got != "{}" {
		t.Errorf("the added file is not published: %q", got)
	}

	before := tree(t, dir)
	tx, err := f.Begin(nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Write("search/s2.def.json", []byte("{}")); err == nil {
		t.Error("a file neither Begin nor Add announced was written")
	}
	if err := tx.Add([]string{"search/s2.def.json"}); err != nil {
		t.Fatal(err)
	}
	if l := findList(keyOf(t, out), listFile(out)); l == nil || !slices.Contains(l.files, "search/s2.def.json") {
		t.Fatalf("the live list does not name the added file before it is written: %+v", l)
	}
	if _, err := tx.Write("search/s2.def.json", []byte("{}")); err != nil {
		t.Fatal(err)
	}
	if err := tx.Abort(); err != nil {
		t.Fatal(err)
	}
	if after := tree(t, dir); !maps.Equal(before, after) {
		t.Errorf("a rolled back update left changes:\nbefore %v\nafter  %v", before, after)
	}
}

// crash stands for the process being killed: Commit stops where it is,
// and nothing after it runs.
type crash struct{}

// publishCrashing publishes site and stops it dead right after its nth
// exchange (of the folders, then of their lists).
func publishCrashing(t *testing.T, out string, site map[string]string, n int) {
	t.Helper()
	f, err := Open(Options{Out: out})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close() // the lock, as the system releases a killed process's
	calls := 0
	f.exchange = func(a, b string) error {
		err := exchangeFolders(a, b)
		if calls++; calls == n && err == nil {
			panic(crash{})
		}
		return err
	}
	s, err := f.Stage(slices.Sorted(maps.Keys(site)))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range site {
		s.Write(name, []byte(data))
	}
	defer func() {
		if r := recover(); r != nil && r != (crash{}) {
			panic(r)
		}
	}()
	s.Commit()
	t.Fatalf("the build did not reach exchange %d", n)
}

// TestKilledInCommit kills a build at each step of its swap, into the
// usual staging folder and into one made for one build: the next builds
// succeed, and every folder of pinzhi's stays pinzhi's.
func TestKilledInCommit(t *testing.T) {
	for _, freshStaging := range []bool{false, true} {
		for step := 1; step <= 2; step++ {
			t.Run(fmt.Sprintf("fresh %v, after exchange %d", freshStaging, step), func(t *testing.T) {
				out := filepath.Join(t.TempDir(), "public")
				mustPublish(t, out, siteA)
				mustPublish(t, out, siteB)
				if freshStaging { // someone's file where the staging folder was
					os.RemoveAll(sibling(out, ".next"))
					write(t, sibling(out, ".next"), "someone's")
				}
				publishCrashing(t, out, siteA, step)
				for _, site := range []map[string]string{siteB, siteA, siteB} {
					mustPublish(t, out, site)
				}
				if data, _ := os.ReadFile(sibling(out, ".next")); freshStaging && string(data) != "someone's" {
					t.Errorf("the file pinzhi did not make holds %q", data)
				}
			})
		}
	}
}

// TestFolderMadeAgain: a staging folder deleted and made again by someone
// else is not pinzhi's, even when the file system gives it the same inode
// (ext4 does at once): its time of birth tells them apart. Where the file
// system keeps no time of birth the test skips.
func TestFolderMadeAgain(t *testing.T) {
	dir := t.TempDir()
	if birth(dir) == 0 {
		t.Skip("this file system keeps no time of birth")
	}
	out := filepath.Join(dir, "public")
	mustPublish(t, out, siteA)
	mustPublish(t, out, siteB)
	staging := sibling(out, ".next")
	before, _ := os.Lstat(staging)
	os.RemoveAll(staging)
	time.Sleep(10 * time.Millisecond)
	write(t, filepath.Join(staging, "index.html"), "someone's")
	after, _ := os.Lstat(staging)
	mustPublish(t, out, siteA)
	if data, _ := os.ReadFile(filepath.Join(staging, "index.html")); string(data) != "someone's" {
		_, inoBefore := source.FileID(before)
		_, inoAfter := source.FileID(after)
		t.Errorf("pinzhi wrote into a folder it did not make (inode %d, before %d): %q", inoAfter, inoBefore, data)
	}
}

// TestOldListKeys: lists written before keys had times of birth still
// name their folders.
func TestOldListKeys(t *testing.T) {
	cases := []struct {
		list, now string
		same      bool
	}{
		{"1 2", "1 2 b5", true},
		{"1 2 b5", "1 2 b5", true},
		{"1 2 b5", "1 2 b6", false},
		{"1 2 b5", "1 2", true},
		{"1 3", "1 2 b5", false},
		{"", "1 2", false},
	}
	for _, c := range cases {
		if got := sameFolder(c.list, c.now); got != c.same {
			t.Errorf("sameFolder(%q, %q) = %v", c.list, c.now, got)
		}
	}
	for header, key := range map[string]string{
		"pinzhi-files 1 2 build\n":             "1 2",
		"pinzhi-files 1 2 b77 writing build\n": "1 2 b77",
		"pinzhi-files 1 2 writing preview\n":   "1 2",
	} {
		name := filepath.Join(t.TempDir(), "list")
		os.WriteFile(name, []byte(header), 0o644)
		if l := readList(name); l == nil || l.key != key {
			t.Errorf("%q: read %+v, want key %q", header, l, key)
		}
	}
}
