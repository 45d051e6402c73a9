package devserver

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// watchedSite makes a site folder with a content file and a watcher on it.
func watchedSite(t *testing.T, poll bool) (string, *watcher) {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"content/communities", "layouts", "assets"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write(t, root, "content/communities/a.md", "v1")
	// Saved long before: an edit of the same size made within the file
	// system's clock tick would not show in polling, and editors never
	// save twice in a few milliseconds.
	hourAgo := time.Now().Add(-time.Hour)
	os.Chtimes(filepath.Join(root, "content/communities/a.md"), hourAgo, hourAgo)
	w := newWatcher(root, poll)
	t.Cleanup(w.close)
	return root, w
}

func write(t *testing.T, root, name, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(name)), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func rename(t *testing.T, root, from, to string) {
	t.Helper()
	if err := os.Rename(filepath.Join(root, filepath.FromSlash(from)), filepath.Join(root, filepath.FromSlash(to))); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, root, name string) {
	t.Helper()
	if err := os.Remove(filepath.Join(root, filepath.FromSlash(name))); err != nil {
		t.Fatal(err)
	}
}

// nextBatch waits for the watcher's next batch.
func nextBatch(t *testing.T, w *watcher, within time.Duration) Batch {
	t.Helper()
	select {
	case b := <-w.batches:
		slices.Sort(b.Paths)
		return b
	case <-time.After(within):
		t.Fatal("no batch")
		return Batch{}
	}
}

// noBatch fails if the watcher reports anything within d.
func noBatch(t *testing.T, w *watcher, d time.Duration) {
	t.Helper()
	select {
	case b := <-w.batches:
		t.Fatalf("unexpected batch %+v", b)
	case <-time.After(d):
	}
}

// TestSaveStyles performs each way editors save a file and wants one
// batch naming the file, and nothing about the editors' own files.
func TestSaveStyles(t *testing.T) {
	const a = "content/communities/a.md"
	cases := []struct {
		name string
		save func(t *testing.T, root string)
		want []string
	}{
		{"in-place write", func(t *testing.T, root string) { write(t, root, a, "v2") }, []string{a}},
		{"vim: backup, rename, write", func(t *testing.T, root string) {
			write(t, root, "content/communities/4913", "")
			remove(t, root, "content/communities/4913")
			rename(t, root, a, "content/communities/a.md~")
			write(t, root, a, "v2")
			remove(t, root, "content/communities/a.md~")
		}, []string{a}},
		{"vim swap file alone", func(t *testing.T, root string) {
			write(t, root, "content/communities/.a.md.swp", "swap")
		}, nil},
		{"JetBrains safe write", func(t *testing.T, root string) {
			write(t, root, "content/communities/a.md___jb_tmp___", "v2")
			rename(t, root, a, "content/communities/a.md___jb_old___")
			rename(t, root, "content/communities/a.md___jb_tmp___", a)
			remove(t, root, "content/communities/a.md___jb_old___")
		}, []string{a}},
		{"VS Code / atomic save: temp file renamed over", func(t *testing.T, root string) {
			write(t, root, "content/communities/.a.md.tmp-1234", "v2")
			rename(t, root, "content/communities/.a.md.tmp-1234", a)
		}, []string{a}},
		{"emacs lock and autosave files", func(t *testing.T, root string) {
			write(t, root, "content/communities/#a.md#", "autosave")
			write(t, root, "content/communities/.#a.md", "lock")
		}, nil},
		{"delete and recreate", func(t *testing.T, root string) {
			remove(t, root, a)
			write(t, root, a, "v2")
		}, []string{a}},
		{"a layout and an asset", func(t *testing.T, root string) {
			write(t, root, "layouts/base.html", "x")
			write(t, root, "assets/site.css", "x")
		}, []string{"assets/site.css", "layouts/base.html"}},
	}
	for _, poll := range []bool{false, true} {
		for _, c := range cases {
			name := c.name
			if poll {
				name += " (polling)"
			}
			t.Run(name, func(t *testing.T) {
				root, w := watchedSite(t, poll)
				c.save(t, root)
				if c.want == nil {
					noBatch(t, w, 3*pollGap)
					return
				}
				b := nextBatch(t, w, 5*time.Second)
				if !slices.Equal(b.Paths, c.want) {
					t.Errorf("batch %v, want %v", b.Paths, c.want)
				}
			})
		}
	}
}

// TestNewFolder copies a folder with files in; the watcher must report it
// and then watch it, so that a later save inside is seen.
func TestNewFolder(t *testing.T) {
	root, w := watchedSite(t, false)
	staged := t.TempDir()
	if err := os.MkdirAll(filepath.Join(staged, "more", "deeper"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, staged, "more/b.md", "b")
	write(t, staged, "more/deeper/c.md", "c")
	rename(t, "/", filepath.Join(staged, "more"), filepath.Join(root, "content/communities/more"))
	b := nextBatch(t, w, 5*time.Second)
	if !slices.Contains(b.Paths, "content/communities/more") {
		t.Fatalf("batch %v does not name the new folder", b.Paths)
	}
	time.Sleep(50 * time.Millisecond) // let the watcher add the folders
	write(t, root, "content/communities/more/deeper/c.md", "c2")
	b = nextBatch(t, w, 5*time.Second)
	if !slices.Equal(b.Paths, []string{"content/communities/more/deeper/c.md"}) {
		t.Errorf("a save in the new folder gave %v", b.Paths)
	}
}

// TestBurst writes 100 files at once, as a git checkout does, and wants
// them in a batch or two, not a rebuild each. A batch closes after 10 ms
// of quiet, and on a loaded machine the test's own writes can pause that
// long: more than three batches would mean the batching does not work.
func TestBurst(t *testing.T) {
	root, w := watchedSite(t, false)
	for i := range 100 {
		write(t, root, "content/communities/p"+strconv.Itoa(i)+".md", "x")
	}
	seen := map[string]bool{}
	batches := 0
	for len(seen) < 100 && batches < 100 {
		for _, p := range nextBatch(t, w, 5*time.Second).Paths {
			seen[p] = true
		}
		batches++
	}
	if len(seen) != 100 || batches > 3 {
		t.Errorf("100 files written at once came in %d batches naming %d of them, want at most 3 naming all", batches, len(seen))
	}
	noBatch(t, w, 100*time.Millisecond)
}

// TestFallbackToPolling makes watching with events fail, as it does when
// the system's limit of watches is reached: the watcher must say so and
// still see saves, by polling.
func TestFallbackToPolling(t *testing.T) {
	root, _ := watchedSite(t, true)
	w := &watcher{root: root, batches: make(chan Batch), notices: make(chan string, 4), stop: make(chan struct{})}
	w.start(func() (<-chan change, error) { return nil, errors.New("no space left on device") }, false)
	t.Cleanup(w.close)
	select {
	case n := <-w.notices:
		if !strings.Contains(n, "no space left on device") || !strings.Contains(n, "instead") {
			t.Errorf("notice %q", n)
		}
	default:
		t.Fatal("the watcher did not say it fell back to polling")
	}
	write(t, root, "content/communities/a.md", "v2")
	if b := nextBatch(t, w, 5*time.Second); !slices.Equal(b.Paths, []string{"content/communities/a.md"}) {
		t.Errorf("batch %v", b.Paths)
	}
}

// TestSourceFolderReplaced removes a source folder and makes it anew, as
// a "git checkout" of another branch or a copy over it does: the watcher
// must report it, watch the new folder, and see later saves in it; and
// nothing outside the source folders may make a batch.
func TestSourceFolderReplaced(t *testing.T) {
	for _, poll := range []bool{false, true} {
		t.Run(map[bool]string{false: "events", true: "polling"}[poll], func(t *testing.T) {
			root, w := watchedSite(t, poll)
			if err := os.RemoveAll(filepath.Join(root, "layouts")); err != nil {
				t.Fatal(err)
			}
			os.Mkdir(filepath.Join(root, "layouts"), 0o755)
			write(t, root, "layouts/base.html", "new")
			b := nextBatch(t, w, 5*time.Second)
			if !slices.ContainsFunc(b.Paths, func(p string) bool { return p == "layouts" || p == "layouts/base.html" }) {
				t.Fatalf("batch %v does not name the new layouts/", b.Paths)
			}
			time.Sleep(3 * pollGap / 2)
			drain(w)
			write(t, root, "layouts/base.html", "newer")
			if b := nextBatch(t, w, 5*time.Second); !slices.Contains(b.Paths, "layouts/base.html") {
				t.Errorf("a save in the new layouts/ gave %v", b.Paths)
			}
			drain(w)
			os.Mkdir(filepath.Join(root, "public"), 0o755)
			write(t, root, "public/index.html", "output")
			write(t, root, "README.md", "notes")
			noBatch(t, w, 3*pollGap)
		})
	}
}

// drain takes the batches a watcher has ready.
func drain(w *watcher) {
	for {
		select {
		case <-w.batches:
		case <-time.After(50 * time.Millisecond):
			return
		}
	}
}

// TestChangedPaths: what polling counts as a change between two listings.
func TestChangedPaths(t *testing.T) {
	then := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	file := fileState{size: 2, modTime: then, ino: 7}
	cases := []struct {
		name string
		now  fileState
		want bool
	}{
		{"unchanged", file, false},
		{"written, same size", fileState{size: 2, modTime: then.Add(time.Millisecond), ino: 7}, true},
		{"written, same time", fileState{size: 3, modTime: then, ino: 7}, true},
		{"renamed over within one clock tick", fileState{size: 2, modTime: then, ino: 8}, true},
		{"a folder's time", fileState{modTime: then.Add(time.Second), ino: 7, dir: true}, false},
	}
	for _, c := range cases {
		old := map[string]fileState{"content/a.md": file}
		if c.now.dir {
			old["content/a.md"] = fileState{modTime: then, ino: 7, dir: true}
		}
		got := changedPaths(old, map[string]fileState{"content/a.md": c.now})
		if (len(got) > 0) != c.want {
			t.Errorf("%s: changed %v, want %v", c.name, got, c.want)
		}
	}
	if got := changedPaths(map[string]fileState{"a": file}, map[string]fileState{"b": file}); len(got) != 2 {
		t.Errorf("a file gone and one new: %v", got)
	}
}
