package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

func TestCheckCommand(t *testing.T) {
	t.Parallel()
	var asked atomic.Int32
	remote := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked.Add(1)
		if r.URL.Path != "/ok" {
			http.NotFound(w, r)
		}
	}))
	defer remote.Close()
	dir := copySite(t)
	cache := t.TempDir()
	run := func(args ...string) (string, string, int) {
		t.Helper()
		cmd := exec.Command(binary, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "XDG_CACHE_HOME="+cache)
		var o, e strings.Builder
		cmd.Stdout, cmd.Stderr = &o, &e
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return o.String(), e.String(), code
	}

	stdout, stderr, code := run("check")
	// The three warnings of the bundled site: the seed gives no date nor
	// the site's address, which only its editors can, and its photo is
	// not there, so its caption waits for it.
	const undated = "content/_index.md: warning: no date: "
	const placeholder = "\ncontent/_index.md:7: warning: baseURL https://example.org/pinzhi/ is not the site's address"
	const waiting = "\ncontent/_index.md:16: warning: photo has a caption but no src"
	if code != 0 || !strings.Contains(stdout, "checked 21 pages: ") || !strings.HasPrefix(stderr, undated) ||
		!strings.Contains(stderr, placeholder) || !strings.Contains(stderr, waiting) || strings.Count(stderr, "\n") != 3 {
		t.Fatalf("the bundled site: exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Errorf("pinzhi check wrote public/: %v", err)
	}

	file := filepath.Join(dir, "content/communities/houdajie.md")
	text, _ := os.ReadFile(file)
	lines := strings.Count(string(text), "\n")
	extra := "\n[力邦](/communities/libang/#没有)\n\n[站外](" + remote.URL + "/ok) [坏站外](" + remote.URL + "/gone)\n"
	os.WriteFile(file, append(text, extra...), 0o644)
	_, stderr, code = run("check")
	anchor := "content/communities/houdajie.md:" + strconv.Itoa(lines+2) + ": link to /communities/libang/#没有 leads to /communities/libang/, which has no #没有"
	if code != 1 || !strings.Contains(stderr, anchor) || !strings.Contains(stderr, "check failed: 1 problem\n") || asked.Load() != 0 {
		t.Fatalf("exit %d, %d requests outside\nstderr: %s", code, asked.Load(), stderr)
	}

	// The server is on this machine, where a reader cannot reach it: the
	// check asks it nothing and says so of both links. (Answers of public
	// addresses are tested in the library, with its test servers allowed.)
	stdout, stderr, code = run("check", "--external")
	private := "content/communities/houdajie.md:" + strconv.Itoa(lines+4) + ": link to " + remote.URL + "/gone leads to a private or local address, which no reader can reach"
	if code != 1 || !strings.Contains(stderr, private) || !strings.Contains(stderr, "check failed: 3 problems") ||
		!strings.Contains(stdout, "2 addresses outside the site (asked)") || asked.Load() != 0 {
		t.Fatalf("--external: exit %d, %d requests to this machine\nstdout: %s\nstderr: %s", code, asked.Load(), stdout, stderr)
	}
	if _, stderr, _ = run("check", "--external"); asked.Load() != 0 || !strings.Contains(stderr, private) {
		t.Errorf("the second check asked this machine (%d requests) or forgot:\n%s", asked.Load(), stderr)
	}
	if _, err := os.Stat(filepath.Join(cache, "pinzhi", "external-links.json")); err != nil {
		t.Errorf("no cache file: %v", err)
	}
	if _, stderr, code := run("check", "--help"); code != 0 || !strings.Contains(stderr, "-external") {
		t.Errorf("--help: exit %d\n%s", code, stderr)
	}

	// A district misspelt hides nothing else; check has no output
	// folder to speak of.
	libang := filepath.Join(dir, "content/communities/libang.md")
	text, _ = os.ReadFile(libang)
	os.WriteFile(libang, []byte(strings.Replace(string(text), "district: 奉化区", "district: 奉华区", 1)), 0o644)
	_, stderr, code = run("check")
	if code != 1 || !strings.Contains(stderr, `content/communities/libang.md:3: district "奉华区"`) || !strings.Contains(stderr, anchor) ||
		!strings.Contains(stderr, "check failed: 2 problems\n") || strings.Contains(stderr, "output folder") {
		t.Errorf("a district misspelt: exit %d\n%s", code, stderr)
	}
}
