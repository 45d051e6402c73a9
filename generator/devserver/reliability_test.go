package devserver

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// servingOnly serves a copy of the bundled publication without watching
// it, so that the test drives the rebuilds itself through rebuild, as the
// watcher would.
func servingOnly(t *testing.T) (root string, s *Server) {
	t.Helper()
	root = t.TempDir()
	copyFixture(t, root)
	s, err := New(Options{Src: root, Port: 0})
	if err != nil {
		t.Fatal(err)
	}
	go s.http.Serve(s.listener)
	t.Cleanup(func() {
		s.hub.close()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		s.http.Shutdown(ctx)
		s.cleanup()
	})
	return root, s
}

// versioned rewrites a community file so that its page says which version
// it is, in its body or in its quote (which every list page shows).
func versioned(t *testing.T, root string, original []byte, v int) Batch {
	t.Helper()
	const name = "content/communities/houdajie.md"
	text := string(original)
	switch v % 3 {
	case 0:
		text += fmt.Sprintf("\n版本%d\n", v)
	case 1:
		text = strings.Replace(text, "quote: ", fmt.Sprintf("quote: 版本%d ", v), 1)
	case 2:
		text = strings.Replace(text, "weight: 1", fmt.Sprintf("weight: %d", 1+v%7), 1)
	}
	if err := os.WriteFile(filepath.Join(root, name), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return Batch{Paths: []string{name}, Full: v%10 == 9}
}

// TestUnderLoad has 50 clients fetch pages while the site is rebuilt in a
// loop, by updates and by whole builds that swap the folder: every answer
// must be a 200 with one complete page, old or new.
func TestUnderLoad(t *testing.T) {
	root, s := servingOnly(t)
	original, _ := os.ReadFile(filepath.Join(root, "content/communities/houdajie.md"))
	base := s.URL()
	urls := []string{base, base + "communities/houdajie/", base + "communities/libang/", base + "districts/zhenhai/",
		base + "brands/", base + "districts/"}
	stop := make(chan struct{})
	var requests, failures atomic.Int64
	var wg sync.WaitGroup
	for c := range 50 {
		wg.Go(func() {
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}, Timeout: 10 * time.Second}
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				url := urls[(c+i)%len(urls)]
				if err := fetchWhole(client, url); err != nil {
					if failures.Add(1) < 5 {
						t.Errorf("GET %s: %v", url, err)
					}
				}
				requests.Add(1)
			}
		})
	}
	// Three seconds of it, and at least 10 rebuilds and 500 requests: under
	// the race detector on two busy cores three seconds held six rebuilds.
	start := time.Now()
	rebuilds := 0
	enough := func() bool {
		return time.Since(start) > 3*time.Second && rebuilds >= 10 && requests.Load() >= 500 || time.Since(start) > time.Minute
	}
	for v := 0; !enough(); v++ {
		s.rebuild(versioned(t, root, original, v))
		rebuilds++
	}
	close(stop)
	wg.Wait()
	t.Logf("%d requests during %d rebuilds", requests.Load(), rebuilds)
	if failures.Load() > 0 {
		t.Errorf("%d of %d requests failed", failures.Load(), requests.Load())
	}
	if rebuilds < 10 || requests.Load() < 500 {
		t.Errorf("too little happened to tell: %d rebuilds, %d requests", rebuilds, requests.Load())
	}
}

// fetchWhole fetches a page and checks that it is complete.
func fetchWhole(client *http.Client, url string) error {
	res, err := client.Get(url)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	switch {
	case err != nil:
		return err
	case res.StatusCode != http.StatusOK:
		return fmt.Errorf("status %d", res.StatusCode)
	case !bytes.HasPrefix(body, []byte("<!doctype html>")) || !bytes.HasSuffix(body, []byte("</body></html>")):
		return fmt.Errorf("torn page of %d bytes", len(body))
	case bytes.Count(body, []byte("<h1>")) != 1:
		return fmt.Errorf("page without its one <h1>")
	}
	return nil
}

// TestManyRebuilds rebuilds 500 times with a browser connected; the
// numbers of goroutines and the live heap must stay flat.
func TestManyRebuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("rebuilds the site 500 times")
	}
	root, s := servingOnly(t)
	original, _ := os.ReadFile(filepath.Join(root, "content/communities/houdajie.md"))
	es := subscribe(t, s)
	go func() {
		for range es.events { // a browser that keeps up
		}
	}()
	measure := func() (int, uint64) {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return runtime.NumGoroutine(), ms.HeapAlloc
	}
	var goroutines int
	var heap uint64
	for v := range 500 {
		if v == 50 {
			goroutines, heap = measure()
		}
		s.rebuild(versioned(t, root, original, v))
	}
	g, h := measure()
	t.Logf("after 50 rebuilds: %d goroutines, %d KB; after 500: %d goroutines, %d KB", goroutines, heap>>10, g, h>>10)
	if g > goroutines+2 {
		t.Errorf("goroutines grew from %d to %d", goroutines, g)
	}
	if h > heap+2<<20 {
		t.Errorf("live heap grew from %d KB to %d KB", heap>>10, h>>10)
	}
}
