package devserver

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"pinzhi/generator/internal/source"
)

// A Batch is what changed in one burst of saves: slash paths from the
// site root. Full asks for a whole rebuild, when the watcher may have
// missed events.
type Batch struct {
	Paths []string
	Full  bool
}

// sourceDirs are the folders of a site that a change to can alter the output.
var sourceDirs = []string{"content", "layouts", "assets"}

// Timing of batches: a batch closes once the folders have been quiet for
// quiet, or at the latest maxWait after its first event, so that a long
// git checkout still shows progress.
const (
	quiet   = 10 * time.Millisecond
	maxWait = 300 * time.Millisecond
	pollGap = 300 * time.Millisecond
)

// A watcher turns file system events under a site's source folders into
// batches. It watches with fsnotify, adding every folder (fsnotify is not
// recursive) and every folder created later; when that fails, as when the
// system's limit of watches is reached, it says so and polls instead.
type watcher struct {
	root    string
	batches chan Batch
	notices chan string // for the terminal: fallbacks and overflows
	stop    chan struct{}
}

func newWatcher(root string, forcePoll bool) *watcher {
	w := &watcher{root: root, batches: make(chan Batch), notices: make(chan string, 4), stop: make(chan struct{})}
	return w.start(w.startNotify, forcePoll)
}

// start watches with notify, or polls when told to or when notify fails.
func (w *watcher) start(notify func() (<-chan change, error), forcePoll bool) *watcher {
	var events <-chan change
	var err error
	if !forcePoll {
		events, err = notify()
	}
	if forcePoll || err != nil {
		if err != nil {
			w.notice(fmt.Sprintf("watching with fsnotify failed (%v); checking for changes every %v instead", err, pollGap))
		}
		events = w.startPolling()
	}
	go w.batch(events)
	return w
}

func (w *watcher) close() { close(w.stop) }

// notice tells the terminal something, unless it is already behind: the
// watcher must never wait on the terminal while events arrive.
func (w *watcher) notice(msg string) {
	select {
	case w.notices <- source.Printable(msg):
	default:
	}
}

// change is one path that changed, or a request for a full rebuild.
type change struct {
	path string
	full bool
}

func (w *watcher) startNotify() (<-chan change, error) {
	fw, err := fsnotify.NewBufferedWatcher(4096)
	if err != nil {
		return nil, err
	}
	// The site's folder itself, so that content/, layouts/ or assets/
	// made, removed or replaced whole while serving are seen (fsnotify
	// watches folders, not names: a folder made anew is not watched).
	if err := fw.Add(w.root); err != nil {
		fw.Close()
		return nil, err
	}
	for _, d := range sourceDirs {
		if err := addTree(fw, w.root, filepath.Join(w.root, d)); err != nil {
			fw.Close()
			return nil, err
		}
	}
	out := make(chan change, 256)
	go func() {
		defer fw.Close()
		for {
			select {
			case ev, ok := <-fw.Events:
				if !ok {
					return
				}
				w.notifyEvent(fw, ev, out)
			case err, ok := <-fw.Errors:
				if !ok {
					return
				}
				if errors.Is(err, fsnotify.ErrEventOverflow) {
					w.notice("too many changes at once for the watcher; rebuilding everything")
				} else {
					w.notice("watcher: " + err.Error() + "; rebuilding everything")
				}
				out <- change{full: true}
			case <-w.stop:
				return
			}
		}
	}()
	return out, nil
}

func (w *watcher) notifyEvent(fw *fsnotify.Watcher, ev fsnotify.Event, out chan<- change) {
	if ev.Has(fsnotify.Chmod) && !ev.Has(fsnotify.Write) {
		return // touch, chmod: nothing to rebuild
	}
	rel, ok := w.relevant(ev.Name)
	if !ok {
		return // the site's folder holds more than its sources: public/, .git/
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Stat(ev.Name); err == nil && info.IsDir() { // a link to a folder too
			// A folder created or copied in: watch it and everything in it.
			// Files already inside were made before the watch; reporting
			// the folder has the builder read them all.
			if err := addTree(fw, w.root, ev.Name); err != nil {
				w.notice("cannot watch " + ev.Name + ": " + err.Error())
			}
		}
	}
	out <- change{path: rel}
}

// addTree watches dir, a folder under the site's folder root, and every
// folder below it, through links as a build follows them (see
// source.WalkDir): a link a build does not follow is the build's to
// report. A missing folder is fine: a site need not have assets/.
func addTree(fw *fsnotify.Watcher, root, dir string) error {
	rel, err := filepath.Rel(root, dir)
	if err != nil {
		return err
	}
	err = source.WalkDir(source.DirFS(root), filepath.ToSlash(rel), func(p string, d fs.DirEntry, err error) error {
		var le *source.LinkError
		switch {
		case errors.As(err, &le):
			return nil
		case err != nil:
			return err
		case !d.IsDir():
			return nil
		case p != filepath.ToSlash(rel) && source.Ignored(d.Name()):
			return fs.SkipDir
		}
		return fw.Add(filepath.Join(root, filepath.FromSlash(p)))
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// relevant returns the slash path from the site root of a changed file,
// and false for files no build reads: anything outside content/, layouts/
// and assets/, and what source.Ignored says no build reads.
func (w *watcher) relevant(name string) (string, bool) {
	rel, err := filepath.Rel(w.root, name)
	if err != nil || strings.HasPrefix(rel, "..") {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	top, _, _ := strings.Cut(rel, "/")
	if !slices.Contains(sourceDirs, top) || source.IgnoredPath(rel) {
		return "", false
	}
	return rel, true
}

// batch gathers changes into batches and hands each to the rebuild loop.
// Changes that arrive while a batch waits to be taken (a rebuild is still
// running) join it.
func (w *watcher) batch(in <-chan change) {
	defer close(w.batches)
	var pending Batch
	seen := map[string]bool{}
	var first time.Time
	var timer <-chan time.Time
	ready := false
	for {
		var send chan Batch
		if ready {
			send = w.batches
		}
		select {
		case c := <-in:
			if c.full {
				pending.Full = true
			} else if !seen[c.path] {
				seen[c.path] = true
				pending.Paths = append(pending.Paths, c.path)
			}
			if first.IsZero() {
				first = time.Now()
			}
			if !ready {
				timer = time.After(min(quiet, time.Until(first.Add(maxWait))))
			}
		case <-timer:
			ready, timer = true, nil
		case send <- pending:
			pending, seen, first, ready = Batch{}, map[string]bool{}, time.Time{}, false
		case <-w.stop:
			return
		}
	}
}
