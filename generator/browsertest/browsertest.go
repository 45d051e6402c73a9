// Package browsertest starts headless Chromium for pinzhi's end-to-end
// tests: the places where a person would look at a page are checked in a
// real browser. It is imported only by tests.
//
// Without a browser the tests skip, saying how to run them; with
// PINZHI_REQUIRE_BROWSER=1 (as CI sets it) they fail instead. PINZHI_CHROME
// names a browser elsewhere than the usual places, and PINZHI_SCREENSHOTS a
// folder where Screenshot leaves PNGs for a person to look at.
package browsertest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Chromium returns the browser's path, or skips (or fails) the test.
func Chromium(t testing.TB) string {
	t.Helper()
	for _, p := range []string{os.Getenv("PINZHI_CHROME"), "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	msg := "no Chromium found: install it (apt-get install chromium fonts-noto-cjk) or set PINZHI_CHROME to run the browser tests"
	if os.Getenv("PINZHI_REQUIRE_BROWSER") == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// Tab starts headless Chromium with a window of the given size and returns
// a context driving one tab, closed when the test ends.
func Tab(t testing.TB, width, height int) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(Chromium(t)),
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.WindowSize(width, height),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTime(); cancelTab(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	return ctx
}

// WaitFor evaluates a JavaScript condition in the tab until it holds, for
// at most ten seconds. The page may reload meanwhile, which interrupts an
// evaluation: that is often what a test waits for, so it simply asks again.
func WaitFor(ctx context.Context, condition string) error {
	deadline := time.Now().Add(10 * time.Second)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](condition))
		if err == nil && ok {
			return nil
		}
		if time.Now().After(deadline) {
			if err == nil {
				err = errors.New("still false: " + condition)
			}
			return err
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Screenshot saves a PNG of the whole page as name.png in
// $PINZHI_SCREENSHOTS, when that is set.
func Screenshot(t testing.TB, ctx context.Context, name string) {
	dir := os.Getenv("PINZHI_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Errorf("screenshot: %v", err)
		return
	}
	os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644)
}

// GzipSize is the size of data gzipped at the default level: what a
// reader downloads from a host that compresses, as the README's host
// settings do.
func GzipSize(data []byte) int {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(data)
	w.Close()
	return buf.Len()
}

// A StaticHost serves a built site under a path on a loopback port, as a
// static host would, but with no-store: every page load and query fetches
// what it needs afresh, as on a reader's first visit.
type StaticHost struct {
	URL    string // the site's address, under the path: "http://127.0.0.1:port/sub/"
	ln     net.Listener
	prefix string
}

// NewStaticHost listens for a site under prefix ("/sub/"); its URL is known
// before the site is built, for the build's base URL.
func NewStaticHost(t testing.TB, prefix string) *StaticHost {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return &StaticHost{URL: "http://" + ln.Addr().String() + prefix, ln: ln, prefix: prefix}
}

// Serve serves the folder dir until the test ends.
func (h *StaticHost) Serve(t testing.TB, dir string) {
	files := http.StripPrefix(h.prefix, http.FileServer(http.Dir(dir)))
	server := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		files.ServeHTTP(w, r)
	})}
	go server.Serve(h.ln)
	t.Cleanup(func() { server.Close() })
}
