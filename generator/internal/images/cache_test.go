package images

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// deep is a valid 16-bit RGBA PNG of one pixel whose header claims w×h
// pixels: enough for DecodeConfig, all a refusal before decoding reads.
func deep(t *testing.T, w, h uint32) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewNRGBA64(image.Rect(0, 0, 1, 1))); err != nil {
		t.Fatal(err)
	}
	data := b.Bytes()
	binary.BigEndian.PutUint32(data[16:], w)
	binary.BigEndian.PutUint32(data[20:], h)
	binary.BigEndian.PutUint32(data[29:], crc32.ChecksumIEEE(data[12:29]))
	return data
}

// cacheFiles lists the entries of the cache in dir.
func cacheFiles(dir string) []string {
	files, _ := filepath.Glob(filepath.Join(dir, "v"+version, "*", "*"))
	return files
}

func makeWith(t *testing.T, src []byte, c *Cache) *Photo {
	t.Helper()
	p, err := Make(context.Background(), "assets/a.jpg", src, c)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// entryFor is the cache file of a variant.
func entryFor(t *testing.T, dir string, v Variant) string {
	t.Helper()
	for _, f := range cacheFiles(dir) {
		if strings.HasSuffix(f, "-"+strconv.Itoa(v.Width)+v.Ext) {
			return f
		}
	}
	t.Fatalf("no cache entry for %d%s", v.Width, v.Ext)
	return ""
}

// grey encodes a plain grey picture of v's format and size.
func grey(t *testing.T, v Variant) []byte {
	t.Helper()
	m := image.NewNRGBA(image.Rect(0, 0, v.Width, v.Height))
	for i := range m.Pix {
		m.Pix[i] = 0x80
	}
	data, err := encode(m, v.Ext)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestCache: a second Make of the same source takes its variants from the
// cache and encodes nothing; another source does not get them.
func TestCache(t *testing.T) {
	dir := t.TempDir()
	src := encoded(t, "jpeg", 600, 300)
	first := makeWith(t, src, NewCache(dir, nil))
	if n := len(cacheFiles(dir)); n != len(first.Variants) {
		t.Fatalf("%d files in the cache for %d variants", n, len(first.Variants))
	}
	// Each entry becomes another picture of its format and size: what
	// Make returns next is what the cache held.
	planted := map[string][]byte{}
	for _, v := range first.Variants {
		f := entryFor(t, dir, v)
		planted[f] = grey(t, v)
		os.WriteFile(f, planted[f], 0o644)
	}
	again := makeWith(t, src, NewCache(dir, nil))
	for _, v := range again.Variants {
		if !bytes.Equal(v.Data, planted[entryFor(t, dir, v)]) {
			t.Errorf("%d%s was encoded again, not taken from the cache", v.Width, v.Ext)
		}
	}
	other := makeWith(t, encoded(t, "jpeg", 600, 301), NewCache(dir, nil))
	if bytes.Equal(other.Variants[0].Data, again.Variants[0].Data) {
		t.Error("another source got the first one's variants")
	}
}

// TestUntrustedCache plants, in place of each entry, what a hostile or
// careless hand could put there, and wants each made again, with a note,
// in bounded time: never read through a link or from a FIFO, never
// published as it is.
func TestUntrustedCache(t *testing.T) {
	src := encoded(t, "jpeg", 600, 300)
	made := t.TempDir() // the cache as Make fills it, copied for each case
	clean := makeWith(t, src, NewCache(made, nil))
	cases := []struct {
		name  string
		plant func(t *testing.T, entry string, v Variant)
		note  string
	}{
		{"a link to /dev/zero", func(t *testing.T, e string, v Variant) { os.Symlink("/dev/zero", e) }, "is a symbolic link"},
		{"a link to a good picture", func(t *testing.T, e string, v Variant) {
			good := filepath.Join(t.TempDir(), "good")
			os.WriteFile(good, grey(t, v), 0o644)
			os.Symlink(good, e)
		}, "is a symbolic link"},
		{"a FIFO", func(t *testing.T, e string, v Variant) {
			if err := syscall.Mkfifo(e, 0o644); err != nil {
				t.Skip("no FIFOs here:", err)
			}
		}, "is not a regular file"},
		{"a folder", func(t *testing.T, e string, v Variant) { os.Mkdir(e, 0o755) }, "is not a regular file"},
		{"text", func(t *testing.T, e string, v Variant) { os.WriteFile(e, []byte("not a picture"), 0o644) }, "is not a"},
		{"a picture cut short", func(t *testing.T, e string, v Variant) {
			data := grey(t, v)
			os.WriteFile(e, data[:len(data)/2], 0o644)
		}, "is not a"},
		{"a picture of another size", func(t *testing.T, e string, v Variant) {
			os.WriteFile(e, grey(t, Variant{Width: v.Width, Height: v.Height + 1, Ext: v.Ext}), 0o644)
		}, "pixels"},
		{"a file larger than the picture can be", func(t *testing.T, e string, v Variant) {
			os.WriteFile(e, make([]byte, maxEntryBytes(v.Width, v.Height)+1), 0o644)
		}, "more than such a picture can take"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS(made)); err != nil {
				t.Fatal(err)
			}
			for _, v := range clean.Variants {
				e := entryFor(t, dir, v)
				os.Remove(e)
				c.plant(t, e, v)
			}
			var notes []string
			done := make(chan *Photo, 1)
			go func() {
				done <- makeWith(t, src, NewCache(dir, func(n string) { notes = append(notes, n) }))
			}()
			var again *Photo
			select {
			case again = <-done:
			case <-time.After(60 * time.Second):
				t.Fatal("Make did not return in a minute")
			}
			for i, v := range again.Variants {
				if !bytes.Equal(v.Data, clean.Variants[i].Data) {
					t.Errorf("%d%s is not the variant made afresh", v.Width, v.Ext)
				}
			}
			if len(notes) != len(clean.Variants) || !strings.Contains(notes[0], c.note) || !strings.HasPrefix(notes[0], "assets/a.jpg: ") {
				t.Errorf("%d notes for %d damaged entries, want each to say %q: %q", len(notes), len(clean.Variants), c.note, notes)
			}
			if c.name == "a folder" {
				return // it stays; the entry is made each time, which only costs time
			}
			// Written over: a third Make reads the cache without a note.
			notes = nil
			makeWith(t, src, NewCache(dir, func(n string) { notes = append(notes, n) }))
			if len(notes) > 0 {
				t.Errorf("the damaged entries were not replaced: %q", notes)
			}
			if tmps, _ := filepath.Glob(filepath.Join(dir, "v"+version, "*", ".*.tmp")); len(tmps) > 0 {
				t.Errorf("temporary files left behind: %q", tmps)
			}
		})
	}
}

// TestPrune: entries unused for longer than pruneAge go, the rest stay,
// and nothing that pinzhi did not name is removed.
func TestPrune(t *testing.T) {
	dir := t.TempDir()
	c := NewCache(dir, nil)
	makeWith(t, encoded(t, "jpeg", 600, 300), c)
	oldSrc := encoded(t, "png", 300, 200)
	makeWith(t, oldSrc, c)
	files := cacheFiles(dir)
	now := time.Now()
	long := now.Add(-pruneAge - time.Hour)
	var old []string
	for _, f := range files {
		if strings.Contains(f, ".png") || strings.HasSuffix(f, "-300.webp") {
			os.Chtimes(f, long, long)
			old = append(old, f)
		}
	}
	foreign := filepath.Join(dir, "v"+version, "ab", "notes.txt")
	os.MkdirAll(filepath.Dir(foreign), 0o755)
	os.WriteFile(foreign, []byte("mine"), 0o644)
	os.Chtimes(foreign, long, long)

	NewCache(dir, nil).Prune(now)
	for _, f := range files {
		_, err := os.Stat(f)
		if gone, want := err != nil, slices.Contains(old, f); gone != want {
			t.Errorf("%s: removed %v, want %v", filepath.Base(f), gone, want)
		}
	}
	if _, err := os.Stat(foreign); err != nil {
		t.Error("pruning removed a file pinzhi did not name")
	}
	// Within a day it does not walk the folder again.
	makeWith(t, oldSrc, NewCache(dir, nil))
	for _, f := range cacheFiles(dir) {
		os.Chtimes(f, long, long)
	}
	NewCache(dir, nil).Prune(now.Add(time.Hour))
	if len(cacheFiles(dir)) == 1 {
		t.Error("pruned twice in a day")
	}
	NewCache(dir, nil).Prune(now.Add(pruneEvery + time.Hour))
	if n := len(cacheFiles(dir)); n != 1 { // the foreign file
		t.Errorf("%d files after a prune a day later, want only the foreign one", n)
	}
}

// TestLongPicture: a picture taller than WebP allows (a 长图) gets WebP
// sizes within the limit, at once, and its own format's in full.
func TestLongPicture(t *testing.T) {
	p := makeWith(t, encoded(t, "jpeg", 100, 17_000), nil)
	var own, webp []string
	for _, v := range p.Variants {
		s := strconv.Itoa(v.Width) + "×" + strconv.Itoa(v.Height)
		if v.Ext == ".webp" {
			webp = append(webp, s)
			if v.Height > MaxWebPSide {
				t.Errorf("WebP variant %s is past the limit", s)
			}
		} else {
			own = append(own, s)
		}
	}
	if strings.Join(own, " ") != "100×17000" || strings.Join(webp, " ") != "96×16320" {
		t.Errorf("variants %v and WebP %v, want 100×17000 and 96×16320", own, webp)
	}
	if got := formatWidths(600, 17_000, ".webp"); !slices.Equal(got, []int{480, 578}) {
		t.Errorf("WebP widths of 600×17000: %v, want [480 578]", got)
	}
}

// TestMakeStops: a cancelled context stops Make at once.
func TestMakeStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Make(ctx, "assets/a.jpg", encoded(t, "jpeg", 2000, 1000), nil); err != context.Canceled {
		t.Errorf("Make with a cancelled context: %v", err)
	}
}

// TestPruneStampFIFO: a FIFO where the prune's stamp goes is replaced,
// never opened (opening it for writing would wait for a reader for ever).
func TestPruneStampFIFO(t *testing.T) {
	dir := t.TempDir()
	stamp := filepath.Join(dir, stampFile)
	if err := syscall.Mkfifo(stamp, 0o644); err != nil {
		t.Skip(err)
	}
	old := time.Now().Add(-2 * pruneEvery) // so that a prune is due
	os.Chtimes(stamp, old, old)
	done := make(chan struct{})
	go func() { NewCache(dir, nil).Prune(time.Now()); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Prune waited on a FIFO at its stamp")
	}
	if info, err := os.Lstat(filepath.Join(dir, stampFile)); err != nil || !info.Mode().IsRegular() {
		t.Errorf("the stamp is not a regular file now: %v %v", info, err)
	}
}
