package linkcheck

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// remote is a test server whose paths behave as sites on the web do; it
// counts the requests each path gets.
type remote struct {
	*httptest.Server
	mu       sync.Mutex
	requests map[string][]string // path -> methods, in order
	inFlight atomic.Int32
	peak     atomic.Int32
}

func newRemote(t *testing.T) *remote {
	r := &remote{requests: map[string][]string{}}
	r.Server = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.Close)
	return r
}

func (r *remote) serve(w http.ResponseWriter, req *http.Request) {
	n := r.inFlight.Add(1)
	defer r.inFlight.Add(-1)
	for p := r.peak.Load(); n > p && !r.peak.CompareAndSwap(p, n); p = r.peak.Load() {
	}
	r.mu.Lock()
	r.requests[req.URL.Path] = append(r.requests[req.URL.Path], req.Method)
	asked := len(r.requests[req.URL.Path])
	r.mu.Unlock()
	switch p := req.URL.Path; {
	case p == "/ok":
	case p == "/gone":
		http.NotFound(w, req)
	case p == "/no-head" && req.Method == http.MethodHead:
		w.WriteHeader(http.StatusMethodNotAllowed)
	case p == "/no-head":
	case p == "/flaky" && asked < 3: // HEAD and GET fail, the retry works
		w.WriteHeader(http.StatusServiceUnavailable)
	case p == "/flaky":
	case p == "/down":
		w.WriteHeader(http.StatusBadGateway)
	case p == "/slow":
		time.Sleep(300 * time.Millisecond)
	case p == "/moved":
		http.Redirect(w, req, "/moved-here", http.StatusMovedPermanently)
	case p == "/moved-here":
	case p == "/moved-away":
		http.Redirect(w, req, "/gone-away", http.StatusFound)
	case strings.HasPrefix(p, "/busy/"):
		time.Sleep(30 * time.Millisecond)
	default:
		http.NotFound(w, req)
	}
}

func (r *remote) asked(path string) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.requests[path]
}

func TestCheckAnswers(t *testing.T) {
	srv := newRemote(t)
	c := &Checker{Allow: loopback, Timeout: 100 * time.Millisecond, RetryWait: time.Millisecond}
	cases := []struct {
		path    string
		ok      bool
		problem string
		methods string // the requests made, in order
		lasting bool
	}{
		{"/ok", true, "", "HEAD", true},
		{"/gone", false, "404 Not Found", "HEAD GET", true},
		{"/no-head", true, "", "HEAD GET", true},
		{"/flaky", true, "", "HEAD GET GET", true},
		{"/down", false, "502 Bad Gateway", "HEAD GET GET", false},
		{"/slow", false, "timed out after 100ms", "HEAD GET", false},
		{"/moved", true, "", "HEAD", true},
		{"/moved-away", false, "404 Not Found", "HEAD GET", true},
	}
	var urls []string
	for _, tc := range cases {
		urls = append(urls, srv.URL+tc.path, srv.URL+tc.path) // each twice: asked once
	}
	results := c.Check(context.Background(), urls)
	for _, tc := range cases {
		r := results[srv.URL+tc.path]
		if r.OK != tc.ok || r.Problem != tc.problem || r.Lasting != tc.lasting {
			t.Errorf("%s: got %+v, want ok %v, %q, lasting %v", tc.path, r, tc.ok, tc.problem, tc.lasting)
		}
		if got := strings.Join(srv.asked(tc.path), " "); got != tc.methods {
			t.Errorf("%s: requests %q, want %q", tc.path, got, tc.methods)
		}
	}
}

func TestCheckUnreachable(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL + "/x"
	srv.Close() // nothing listens there now
	r := (&Checker{Allow: loopback, RetryWait: time.Millisecond}).Check(context.Background(), []string{url, "http://[::1"})
	if got := r[url]; got.OK || !strings.Contains(got.Problem, "could not be reached: ") || !strings.Contains(got.Problem, "refused") || got.Lasting {
		t.Errorf("closed port: %+v", got)
	}
	if got := r["http://[::1"]; got.OK || !strings.HasPrefix(got.Problem, "is not a valid address") {
		t.Errorf("bad address: %+v", got)
	}
}

func TestCheckConcurrency(t *testing.T) {
	srv := newRemote(t)
	var urls []string
	for i := range 24 {
		urls = append(urls, srv.URL+"/busy/"+string(rune('a'+i)))
	}
	(&Checker{Allow: loopback, Concurrency: 3}).Check(context.Background(), urls)
	if peak := srv.peak.Load(); peak > 3 || peak < 2 {
		t.Errorf("%d requests at once, want at most 3 and more than 1", peak)
	}
}

func TestCheckCache(t *testing.T) {
	srv := newRemote(t)
	now := time.Date(2016, 11, 28, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	file := filepath.Join(t.TempDir(), "pinzhi", "links.json")
	urls := []string{srv.URL + "/ok", srv.URL + "/gone", srv.URL + "/down"}
	run := func() map[string]Result {
		cache, err := OpenCache(file, clock)
		if err != nil {
			t.Fatal(err)
		}
		r := (&Checker{Allow: loopback, RetryWait: time.Millisecond, Cache: cache, Now: clock}).Check(context.Background(), urls)
		if err := cache.Save(); err != nil {
			t.Fatal(err)
		}
		return r
	}
	count := func() int { return len(srv.asked("/ok")) + len(srv.asked("/gone")) + len(srv.asked("/down")) }

	first := run()
	before := count()
	now = now.Add(23 * time.Hour)
	second := run()
	if got := count() - before; got != 3 { // /down alone, asked again with its retry
		t.Errorf("the next day's check made %d requests, want 3 (the 502 only)", got)
	}
	if second[srv.URL+"/gone"].Problem != first[srv.URL+"/gone"].Problem || !second[srv.URL+"/ok"].OK {
		t.Errorf("cached answers differ: %+v", second)
	}
	before = count()
	now = now.Add(2 * time.Hour) // a day after the first check
	run()
	if got := count() - before; got < 4 {
		t.Errorf("after a day, %d requests, want every address asked again", got)
	}
}

func TestCacheFileGarbled(t *testing.T) {
	file := filepath.Join(t.TempDir(), "links.json")
	for _, data := range []string{"", "{", `{"x": 5}`, `[1,2]`} {
		if err := writeFile(file, data); err != nil {
			t.Fatal(err)
		}
		c, err := OpenCache(file, time.Now)
		if _, ok := c.Get("x"); ok {
			t.Errorf("%q: an answer from a garbled file", data)
		}
		if data != `{"x": 5}` && err == nil {
			t.Errorf("%q: a garbled file opened without a word", data)
		}
	}
}

// TestCacheFileUntrusted: the cache file is read as every cache is: a
// link, a FIFO or a folder at its path is not read (in bounded time), is
// said, and is replaced by the next Save, or, where it cannot be, leaves
// no temporary file behind.
func TestCacheFileUntrusted(t *testing.T) {
	cases := []struct {
		name  string
		plant func(file string) error
		saves bool
	}{
		{"a link to /dev/zero", func(f string) error { return os.Symlink("/dev/zero", f) }, true},
		{"a FIFO", func(f string) error { return syscall.Mkfifo(f, 0o644) }, true},
		{"a folder", func(f string) error { return os.Mkdir(f, 0o755) }, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "links.json")
			if err := c.plant(file); err != nil {
				t.Skip(err)
			}
			opened := make(chan error, 1)
			var cache *Cache
			go func() {
				var err error
				cache, err = OpenCache(file, time.Now)
				opened <- err
			}()
			select {
			case err := <-opened:
				if err == nil {
					t.Error("opened without a word")
				}
			case <-time.After(10 * time.Second):
				t.Fatal("OpenCache did not return")
			}
			cache.Put("https://example.org/", Result{OK: true, Checked: time.Now(), Lasting: true})
			err := cache.Save()
			if c.saves != (err == nil) {
				t.Errorf("Save: %v", err)
			}
			if c.saves {
				if again, err := OpenCache(file, time.Now); err != nil || !has(again, "https://example.org/") {
					t.Errorf("the saved cache does not read back: %v", err)
				}
			}
			if tmps, _ := filepath.Glob(filepath.Join(dir, "*.tmp")); len(tmps) > 0 {
				t.Errorf("temporary files left: %q", tmps)
			}
		})
	}
}

func has(c *Cache, url string) bool {
	_, ok := c.Get(url)
	return ok
}
