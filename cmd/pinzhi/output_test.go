package main

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"io"
	"io/fs"
	"maps"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// allFiles returns every file, folder and link under dir, hidden ones
// included, with the bytes of each file.
func allFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case info.Mode()&os.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			files[rel] = "-> " + target
		case info.IsDir():
			files[rel] = "<dir>"
		default:
			data, err := os.ReadFile(p)
			files[rel] = string(data)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// cleanBuild builds the site in dir into a new folder and returns it.
func cleanBuild(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "clean")
	if _, stderr, code := pinzhi(t, dir, "build", "--out", out); code != 0 {
		t.Fatal(stderr)
	}
	return tree(t, out)
}

// TestRefusedOutput runs "pinzhi build --out" at folders it must not
// write: each is refused with exit status 1 and a hint, and nothing in the
// site's folder or around it changes (no lock, no list, no staging).
func TestRefusedOutput(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, out, want string
		setup           func(t *testing.T, dir string)
	}{
		{"a folder of someone else's files", "../docs", "was not made by pinzhi", func(t *testing.T, dir string) {
			os.MkdirAll(filepath.Join(dir, "../docs/.git"), 0o755)
			os.WriteFile(filepath.Join(dir, "../docs/thesis.txt"), []byte("years of work"), 0o644)
		}},
		{"the site's folder", ".", "is the site's own folder", nil},
		{"the site's folder by its path", "../site", "is the site's own folder", nil},
		{"a folder holding the site", "..", "holds the site's folder", nil},
		{"content/", "content", "is the source folder", nil},
		{"inside layouts/", "layouts/public", "inside the source folder", nil},
		{"inside assets/", "assets/x/y", "inside the source folder", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "site")
			os.Rename(copySite(t), dir)
			os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("the editor's notes"), 0o644)
			if c.setup != nil {
				c.setup(t, dir)
			}
			before := allFiles(t, parent)
			_, stderr, code := pinzhi(t, dir, "build", "--out", c.out)
			if code != 1 || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, stderr %q; want 1 and %q", code, stderr, c.want)
			}
			if after := allFiles(t, parent); !maps.Equal(before, after) {
				for name := range after {
					if before[name] != after[name] {
						t.Errorf("changed or added: %s", name)
					}
				}
				for name := range before {
					if _, ok := after[name]; !ok {
						t.Errorf("removed: %s", name)
					}
				}
			}
		})
	}
}

// TestDeletedFolderDoesNotWedge: a folder of public/ deleted between
// builds, permissions taken away, files added: every later build succeeds
// with the right site, and the added files are where they were put.
func TestDeletedFolderDoesNotWedge(t *testing.T) {
	t.Parallel()
	dir := copySite(t)
	out := filepath.Join(dir, "public")
	build := func(step string) {
		t.Helper()
		if _, stderr, code := pinzhi(t, dir, "build"); code != 0 {
			t.Fatalf("%s: %s", step, stderr)
		}
	}
	build("first")
	build("second")
	want := cleanBuild(t, dir)
	for _, damage := range []struct {
		name string
		do   func()
	}{
		{"rm -rf public/districts", func() { os.RemoveAll(filepath.Join(out, "districts")) }},
		{"rm -rf .public.next/communities", func() { os.RemoveAll(filepath.Join(dir, ".public.next/communities")) }},
		{"chmod 000 public/communities", func() { os.Chmod(filepath.Join(out, "communities"), 0) }},
		{"a CNAME and a .git added", func() {
			os.WriteFile(filepath.Join(out, "CNAME"), []byte("news.example.org"), 0o644)
			os.MkdirAll(filepath.Join(out, ".git/refs"), 0o755)
			os.WriteFile(filepath.Join(out, ".git/HEAD"), []byte("ref: refs/heads/gh-pages"), 0o644)
		}},
	} {
		damage.do()
		build(damage.name)
		build(damage.name + ", again")
		got := tree(t, out)
		if got["CNAME"] != "" {
			delete(got, "CNAME")
			delete(got, filepath.Join(".git", "HEAD"))
		}
		if !maps.Equal(got, want) {
			t.Fatalf("after %s, public/ differs from a clean build", damage.name)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(out, "CNAME")); string(data) != "news.example.org" {
		t.Errorf("public/CNAME, which pinzhi did not write, is gone or changed: %q", data)
	}
	if data, _ := os.ReadFile(filepath.Join(out, ".git/HEAD")); string(data) != "ref: refs/heads/gh-pages" {
		t.Errorf("public/.git, which pinzhi did not write, is gone or changed")
	}
	// A file pinzhi did not write where the site writes one: refused.
	os.WriteFile(filepath.Join(out, "about"), []byte("my page"), 0o644)
	os.WriteFile(filepath.Join(dir, "content/about.md"), []byte("---\ntitle: 关于\n---\n"), 0o644)
	if _, stderr, code := pinzhi(t, dir, "build"); code != 1 || !strings.Contains(stderr, "public/about: not written by pinzhi") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	if data, _ := os.ReadFile(filepath.Join(out, "about")); string(data) != "my page" {
		t.Errorf("public/about was overwritten")
	}
}

// TestFileSizeLimit builds under a file size limit too small for one
// page: the build fails naming the page, no temporary or partial file
// reaches public/, and the next build without the limit is whole.
func TestFileSizeLimit(t *testing.T) {
	t.Parallel()
	dir := copySite(t)
	if _, stderr, code := pinzhi(t, dir, "build"); code != 0 {
		t.Fatal(stderr)
	}
	page := "---\ntitle: 大社区\ndistrict: 海曙区\nleader: {name: 张三}\n---\n\n" +
		strings.Repeat(strings.Repeat("品质社区是人们对获得感和幸福感的向往和追求。", 40)+"\n\n", 300)
	os.WriteFile(filepath.Join(dir, "content/communities/big.md"), []byte(page), 0o644)
	cmd := exec.Command("sh", "-c", "ulimit -f 200 && exec "+binary+" build")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if code := cmd.ProcessState.ExitCode(); code != 1 || !strings.Contains(string(out), "communities/big/index.html: cannot be written") {
		t.Fatalf("exit %d (%v): %s", code, err, out)
	}
	if _, stderr, code := pinzhi(t, dir, "build"); code != 0 {
		t.Fatal(stderr)
	}
	if got, want := tree(t, filepath.Join(dir, "public")), cleanBuild(t, dir); !maps.Equal(got, want) {
		t.Error("after a build stopped by the file size limit, the next build differs from a clean one")
	}
	for name := range allFiles(t, dir) {
		if strings.Contains(name, ".pinzhi-") {
			t.Errorf("a temporary file is left: %s", name)
		}
	}
}

// TestServeAndBuildOneFolder: pinzhi serve holds its output folder for
// its whole life, so a build of the same folder fails at once instead of
// mixing with the preview; serve refuses a folder holding a build's site;
// and a build over what serve wrote keeps nothing of it.
func TestServeAndBuildOneFolder(t *testing.T) {
	dir := copySite(t)
	preview := filepath.Join(dir, "preview")
	srv := startServe(t, dir, strconv.Itoa(freePort(t)), "--out", preview)
	if _, stderr, code := pinzhi(t, dir, "build", "--out", "preview"); code != 1 || !strings.Contains(stderr, "in use by pinzhi serve") {
		t.Errorf("a build of the folder pinzhi serve writes: exit %d, %s", code, stderr)
	}
	srv.stop(t)
	if _, stderr, code := pinzhi(t, dir, "build", "--out", "preview"); code != 0 {
		t.Fatal(stderr)
	}
	for name, data := range tree(t, filepath.Join(dir, "preview")) {
		if strings.Contains(data, "127.0.0.1") || strings.Contains(data, "localhost") {
			t.Errorf("the build's %s carries the preview's address", name)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second) // it must refuse, not serve
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, "serve", "--src", dir, "--port", strconv.Itoa(freePort(t)), "--out", preview)
	out, _ := cmd.CombinedOutput()
	if cmd.ProcessState.ExitCode() != 1 || !strings.Contains(string(out), "holds a site made by pinzhi build") {
		t.Errorf("pinzhi serve over a build's site: %s", out)
	}
}

// TestSymlinkedPublic: public/ linking to a folder elsewhere, as on many
// servers, is written where it points and stays a link.
func TestSymlinkedPublic(t *testing.T) {
	t.Parallel()
	dir := copySite(t)
	www := filepath.Join(t.TempDir(), "www", "site")
	os.MkdirAll(www, 0o755)
	if err := os.Symlink(www, filepath.Join(dir, "public")); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, stderr, code := pinzhi(t, dir, "build"); code != 0 {
			t.Fatal(stderr)
		}
	}
	if target, err := os.Readlink(filepath.Join(dir, "public")); err != nil || target != www {
		t.Errorf("public is no longer the link it was: %q %v", target, err)
	}
	if got, want := tree(t, www), cleanBuild(t, dir); !maps.Equal(got, want) {
		t.Error("the folder public links to does not hold the site")
	}
}

// TestServeFailedUpdate: when one page of an update fails, pinzhi serve
// keeps serving the last good site, whole: the pages of the update that
// were written before the failure are put back, and the terminal says so.
// One save changes a quote, which the lists show, and breaks the page's
// own body.
func TestServeFailedUpdate(t *testing.T) {
	dir := copySite(t)
	preview := filepath.Join(dir, "preview")
	srv := startServe(t, dir, strconv.Itoa(freePort(t)), "--out", preview)
	good := tree(t, preview)
	houdajie := filepath.Join(dir, "content/communities/houdajie.md")
	text, _ := os.ReadFile(houdajie)
	edited := strings.Replace(string(text), "quote: 品质社区是", "quote: 品质社区就是", 1) + "\n![图](/assets/nope.png)\n"
	os.WriteFile(houdajie, []byte(edited), 0o644)
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(srv.printed(), "still serving the last good site") {
		if time.Now().After(deadline) {
			t.Fatalf("no failed rebuild reported:\n%s", srv.printed())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if got := tree(t, preview); !maps.Equal(got, good) {
		for name := range got {
			if got[name] != good[name] {
				t.Errorf("changed by the failed update: %s", name)
			}
		}
	}
}

// TestServeRunawayLayout: while a layout that never ends is being
// rendered, pinzhi serve keeps answering; Ctrl-C stops it at once, and its
// temporary folder goes with it.
func TestServeRunawayLayout(t *testing.T) {
	dir := copySite(t)
	index := filepath.Join(dir, "content/_index.md")
	text, _ := os.ReadFile(index)
	os.WriteFile(index, []byte(strings.Replace(string(text), "reporter: 张昊\n", "reporter: 张昊\nlimits:\n  renderSeconds: 60\n", 1)), 0o644)
	srv := startServe(t, dir, strconv.Itoa(freePort(t)))
	tmp := preview(t, srv)
	os.WriteFile(filepath.Join(dir, "layouts/community.html"), []byte(`{{define "main"}}{{range 1000000000000}}{{end}}{{end}}`), 0o644)
	time.Sleep(500 * time.Millisecond) // the rebuild is under way, and will be for a minute
	for range 5 {
		res, err := http.Get(srv.url)
		if err != nil || res.StatusCode != 200 {
			t.Fatalf("pinzhi serve does not answer while a rebuild runs: %v %v", err, res)
		}
		res.Body.Close()
	}
	start := time.Now()
	srv.stop(t)
	if took := time.Since(start); took > 10*time.Second {
		t.Errorf("Ctrl-C took %v", took)
	}
	if _, err := os.Stat(tmp); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the temporary folder %s is left: %v", tmp, err)
	}
}

// preview returns the folder pinzhi serve builds into when given none,
// as it prints it.
func preview(t *testing.T, srv *serveProcess) string {
	t.Helper()
	for range 100 {
		for _, line := range strings.Split(srv.printed(), "\n") {
			if rest, ok := strings.CutPrefix(line, "building into "); ok {
				return filepath.Dir(strings.TrimSpace(rest))
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("pinzhi serve did not say where it builds")
	return ""
}

// TestServeOwnAddressOnly: the running preview refuses a request for
// another host name (DNS rebinding) with a 403 that says why, and writes
// to its own paths with 405.
func TestServeOwnAddressOnly(t *testing.T) {
	srv := startServe(t, copySite(t), strconv.Itoa(freePort(t)))
	req, _ := http.NewRequest("GET", srv.url, nil)
	req.Host = "attacker.example"
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden || !strings.Contains(string(body), "answers only to requests for its own address") {
		t.Errorf("another host: %d %s", res.StatusCode, body)
	}
	u, _ := url.Parse(srv.url)
	res, err = http.Post("http://"+u.Host+"/__pinzhi/events", "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST to the events: %d", res.StatusCode)
	}
}

// TestShareCardsOnEveryPage: every page but the 404 page has an og:image,
// a file of the site: for the bundled site, whose photo is not there yet,
// a 1200×630 card drawn with the page's title in the machine's CJK font.
func TestShareCardsOnEveryPage(t *testing.T) {
	dir := copySite(t)
	if _, stderr, code := pinzhi(t, dir, "build"); code != 0 {
		t.Fatal(stderr)
	}
	public := filepath.Join(dir, "public")
	image := regexp.MustCompile(`<meta property="og:image" content="https://example.org/pinzhi/([^"]+)">`)
	cards := map[string]bool{}
	for _, page := range builtPages(t, dir) {
		file := page
		if !strings.HasSuffix(page, ".html") {
			file += "index.html"
		}
		html, _ := os.ReadFile(filepath.Join(public, file))
		m := image.FindSubmatch(html)
		if page == "404.html" {
			if m != nil {
				t.Errorf("the 404 page, served at any address, has an og:image")
			}
			continue
		}
		if m == nil {
			t.Errorf("%s has no og:image", page)
			continue
		}
		data, err := os.ReadFile(filepath.Join(public, string(m[1])))
		if err != nil {
			t.Errorf("%s: its og:image is not a file of the site: %v", page, err)
			continue
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(data))
		if err != nil || cfg.Width != 1200 || cfg.Height != 630 {
			t.Errorf("%s: its card is %d×%d (%v), want a 1200×630 PNG", page, cfg.Width, cfg.Height, err)
		}
		cards[string(m[1])] = true
		// A card with its title drawn is tens of thousands of pixels of
		// text; a card without a font has none and compresses to 3 KB.
		if len(data) < 6000 {
			t.Errorf("%s: its card of %d bytes has no title drawn (is a CJK font installed?)", page, len(data))
		}
	}
	if len(cards) < 15 {
		t.Errorf("%d cards for the pages, want one each", len(cards))
	}
}
