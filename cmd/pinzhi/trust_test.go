package main

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/image/webp"
)

// The end-to-end cases of the trust rules (the binary where the case is
// about the binary): caches, names, secrets and addresses are untrusted
// input too.

// jpegBytes is a JPEG of w×h pixels, with some detail to encode.
func jpegBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			m.Set(x, y, color.RGBA{uint8(x * 7), uint8(y * 3), uint8(x ^ y), 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// withPhoto gives the site's home page the photo assets/award.jpg.
func withPhoto(t *testing.T, dir string, data []byte) {
	t.Helper()
	index := filepath.Join(dir, "content/_index.md")
	text, _ := os.ReadFile(index)
	os.WriteFile(index, bytes.Replace(text, []byte("photo:\n"), []byte("photo:\n  src: award.jpg\n"), 1), 0o644)
	os.WriteFile(filepath.Join(dir, "assets/award.jpg"), data, 0o644)
}

// runIn runs the binary in dir with more environment, within a minute.
func runIn(t *testing.T, dir string, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("pinzhi %s did not end within a minute", strings.Join(args, " "))
	}
	if ee, ok := err.(*exec.ExitError); ok {
		return o.String(), e.String(), ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return o.String(), e.String(), 0
}

func cacheEntries(t *testing.T, cache string) []string {
	t.Helper()
	entries, _ := filepath.Glob(filepath.Join(cache, "pinzhi", "images", "v*", "*", "*"))
	if len(entries) == 0 {
		t.Fatal("the build kept no sizes in the cache")
	}
	return entries
}

// TestPlantedImageCache plants each kind of bad entry in place of every
// size the cache keeps, and wants the next build to end, make the sizes
// again with a note, and publish pictures, never the planted bytes.
func TestPlantedImageCache(t *testing.T) {
	t.Parallel()
	dir := copySite(t)
	withPhoto(t, dir, jpegBytes(t, 1200, 800))
	cache := t.TempDir()
	env := []string{"XDG_CACHE_HOME=" + cache}
	if _, stderr, code := runIn(t, dir, env, "build"); code != 0 {
		t.Fatalf("first build: %s", stderr)
	}
	plants := []struct {
		name  string
		plant func(entry string) error
	}{
		{"a link to /dev/zero", func(e string) error { return os.Symlink("/dev/zero", e) }},
		{"a FIFO", func(e string) error { return syscall.Mkfifo(e, 0o644) }},
		{"text", func(e string) error { return os.WriteFile(e, []byte("published as a picture"), 0o644) }},
	}
	for _, p := range plants {
		t.Run(p.name, func(t *testing.T) {
			entries := cacheEntries(t, cache)
			for _, e := range entries {
				os.Remove(e)
				if err := p.plant(e); err != nil {
					t.Skip(err)
				}
			}
			_, stderr, code := runIn(t, dir, env, "build")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			if n := strings.Count(stderr, "assets/award.jpg: the cached "); n != len(entries) {
				t.Errorf("%d notes for %d damaged entries:\n%s", n, len(entries), stderr)
			}
			checkPublishedSizes(t, filepath.Join(dir, "public", "assets"))
		})
	}
}

// checkPublishedSizes decodes every published size of award.jpg.
func checkPublishedSizes(t *testing.T, assets string) {
	t.Helper()
	sizes, _ := filepath.Glob(filepath.Join(assets, "award-*"))
	if len(sizes) != 6 {
		t.Fatalf("%d sizes published, want 6: %q", len(sizes), sizes)
	}
	for _, s := range sizes {
		data, _ := os.ReadFile(s)
		var err error
		if strings.HasSuffix(s, ".webp") {
			_, err = webp.DecodeConfig(bytes.NewReader(data))
		} else {
			_, err = jpeg.DecodeConfig(bytes.NewReader(data))
		}
		if err != nil {
			t.Errorf("%s is not a picture: %v (%q…)", filepath.Base(s), err, data[:min(len(data), 24)])
		}
	}
}

// TestServeUsesImageCache: the preview takes the sizes a build made from
// the same cache (each entry replaced by another picture of its size, so
// that only the cache can have given them), and Ctrl-C while photos are
// being made stops it at once.
func TestServeUsesImageCache(t *testing.T) {
	dir := copySite(t)
	withPhoto(t, dir, jpegBytes(t, 1200, 800))
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	if _, stderr, code := runIn(t, dir, nil, "build"); code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	planted := map[string]bool{}
	for _, e := range cacheEntries(t, cache) {
		data, _ := os.ReadFile(e)
		marked := markJPEG(data)
		if !strings.HasSuffix(e, ".jpg") {
			continue // the JPEG sizes carry the mark; WebP entries stay as made
		}
		os.WriteFile(e, marked, 0o644)
		planted[string(marked)] = true
	}
	out := filepath.Join(t.TempDir(), "preview")
	startServe(t, dir, strconv.Itoa(freePort(t)), "--out", out)
	sizes, _ := filepath.Glob(filepath.Join(out, "assets", "award-*.jpg"))
	if len(sizes) != 3 {
		t.Fatalf("%d JPEG sizes in the preview, want 3", len(sizes))
	}
	for _, s := range sizes {
		if data, _ := os.ReadFile(s); !planted[string(data)] {
			t.Errorf("%s was made again, not taken from the cache a build filled", filepath.Base(s))
		}
	}
}

// markJPEG adds a comment to a JPEG: still the same picture, but bytes
// no encoder made.
func markJPEG(data []byte) []byte {
	comment := []byte("\xff\xfe\x00\x0bplanted!!")
	return append(append(slices.Clip(data[:2]), comment...), data[2:]...)
}

// TestServeStopsDuringPhotos presses Ctrl-C while the preview's first
// build encodes large photos, and wants it gone at once.
func TestServeStopsDuringPhotos(t *testing.T) {
	if testing.Short() {
		t.Skip("encodes 24-megapixel photos")
	}
	dir := copySite(t)
	big := jpegBytes(t, 6000, 4000)
	withPhoto(t, dir, big)
	for i := range 3 {
		b := append(slices.Clip(big), byte(i)) // three sources, so three encodings
		os.WriteFile(filepath.Join(dir, "assets", "more"+strconv.Itoa(i)+".jpg"), b, 0o644)
	}
	cmd := exec.Command(binary, "serve", "--src", dir, "--port", strconv.Itoa(freePort(t)))
	cmd.Env = append(os.Environ(), "XDG_CACHE_HOME="+t.TempDir())
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	time.Sleep(1500 * time.Millisecond) // well into the photos
	pressed := time.Now()
	cmd.Process.Signal(os.Interrupt)
	select {
	case <-done:
		if waited := time.Since(pressed); waited > 5*time.Second { // at once, with room for a loaded machine: it took 17.7 s before
			t.Errorf("Ctrl-C took %v", waited)
		}
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("pinzhi serve did not stop within 30 s of Ctrl-C")
	}
}

// TestSecretsInBaseURL: a base URL with a user name and password is
// refused, whether given as a flag or in _index.md, and the password is
// neither printed nor written.
func TestSecretsInBaseURL(t *testing.T) {
	t.Parallel()
	for _, where := range []string{"flag", "file"} {
		t.Run(where, func(t *testing.T) {
			dir := copySite(t)
			args := []string{"build"}
			if where == "flag" {
				args = append(args, "--base-url", "https://editor:s3cret@staging.example.com/p/")
			} else {
				index := filepath.Join(dir, "content/_index.md")
				text, _ := os.ReadFile(index)
				os.WriteFile(index, bytes.Replace(text, []byte("https://example.org/pinzhi/"), []byte("https://editor:s3cret@staging.example.com/p/"), 1), 0o644)
			}
			_, stderr, code := runIn(t, dir, nil, args...)
			if code != 1 || !strings.Contains(stderr, "baseURL carries a user name or password") || strings.Contains(stderr, "s3cret") {
				t.Errorf("exit %d:\n%s", code, stderr)
			}
			if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
				t.Error("public/ was written")
			}
		})
	}
}

// TestSymlinkedContentFolder: a folder of pages linked into content/
// from elsewhere in the site's folder builds; one linked from outside is
// an error naming the link.
func TestSymlinkedContentFolder(t *testing.T) {
	t.Parallel()
	dir := copySite(t)
	common := filepath.Join(dir, "common", "communities")
	os.MkdirAll(common, 0o755)
	page, _ := os.ReadFile(filepath.Join(dir, "content/communities/libang.md"))
	page = regexp.MustCompile(`(?m)^title: .*$`).ReplaceAll(page, []byte("title: 共享社区"))
	page = regexp.MustCompile(`(?m)^weight: .*$`).ReplaceAll(page, []byte("weight: 99"))
	os.WriteFile(filepath.Join(common, "gongxiang.md"), page, 0o644)
	os.Symlink("../../common/communities", filepath.Join(dir, "content/communities/common"))
	_, stderr, code := runIn(t, dir, nil, "build")
	if code != 0 || strings.Contains(stderr, "not a Markdown file") {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	if html, err := os.ReadFile(filepath.Join(dir, "public/communities/gongxiang/index.html")); err != nil || !strings.Contains(string(html), "共享社区") {
		t.Errorf("the linked page was not built: %v", err)
	}
	os.Symlink(t.TempDir(), filepath.Join(dir, "content/communities/elsewhere"))
	_, stderr, code = runIn(t, dir, nil, "build")
	if code != 1 || !strings.Contains(stderr, "content/communities/elsewhere: is a symbolic link out of the site's folder") {
		t.Errorf("a link out of the site: exit %d:\n%s", code, stderr)
	}
}

// TestAwkwardPhotos: a photo whose name has a space is offered by
// escaped addresses, and a long picture (长图, 600×17,000) taller than
// WebP allows builds at once with WebP sizes within the limit.
func TestAwkwardPhotos(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("encodes a 600×17,000 picture")
	}
	dir := copySite(t)
	os.WriteFile(filepath.Join(dir, "assets", "my photo.jpg"), jpegBytes(t, 600, 400), 0o644)
	os.WriteFile(filepath.Join(dir, "assets", "long.jpg"), jpegBytes(t, 600, 17_000), 0o644)
	file := filepath.Join(dir, "content/communities/libang.md")
	text, _ := os.ReadFile(file)
	os.WriteFile(file, append(text, "\n![街景](</assets/my photo.jpg>)\n\n![长图](/assets/long.jpg)\n"...), 0o644)
	_, stderr, code := runIn(t, dir, []string{"XDG_CACHE_HOME=" + t.TempDir()}, "build")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	html, _ := os.ReadFile(filepath.Join(dir, "public/communities/libang/index.html"))
	candidate := regexp.MustCompile(`^/pinzhi/assets/[^\s,]+ \d+w$`)
	sets := regexp.MustCompile(`srcset="?([^">]*)`).FindAllSubmatch(html, -1)
	if len(sets) != 4 {
		t.Fatalf("%d srcsets on the page, want 4", len(sets))
	}
	for _, set := range sets {
		for _, c := range strings.Split(string(set[1]), ", ") {
			if !candidate.MatchString(c) {
				t.Errorf("srcset candidate %q is not one address and a width", c)
			}
		}
	}
	webps, _ := filepath.Glob(filepath.Join(dir, "public/assets/long-*.webp"))
	if len(webps) == 0 {
		t.Error("the long picture has no WebP size")
	}
	for _, w := range webps {
		data, _ := os.ReadFile(w)
		if cfg, err := webp.DecodeConfig(bytes.NewReader(data)); err != nil || cfg.Height > 16383 {
			t.Errorf("%s: %+v %v", filepath.Base(w), cfg, err)
		}
	}
}
