package devserver

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// liveSite copies the bundled publication to a folder and serves it.
func liveSite(t *testing.T) (root string, s *Server, stop func()) {
	t.Helper()
	root = t.TempDir()
	copyFixture(t, root)
	var log bytes.Buffer
	s, err := New(Options{Src: root, Port: 0, Log: &syncWriter{w: &log}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	stop = func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("the server did not stop")
		}
	}
	return root, s, stop
}

type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// eventStream reads the server's events.
type eventStream struct {
	events chan message
	body   io.Closer
}

func subscribe(t *testing.T, s *Server) *eventStream {
	t.Helper()
	res, err := http.Get(s.origin() + eventsPath)
	if err != nil {
		t.Fatal(err)
	}
	es := &eventStream{events: make(chan message, 32), body: res.Body}
	t.Cleanup(func() { res.Body.Close() })
	go func() {
		defer close(es.events)
		sc := bufio.NewScanner(res.Body)
		var m message
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				m.event = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				if m.data != "" {
					m.data += "\n"
				}
				m.data += strings.TrimPrefix(line, "data: ")
			case line == "" && m.event != "":
				es.events <- m
				m = message{}
			}
		}
	}()
	if m := es.next(t); m.event != "hello" || !strings.HasPrefix(m.data, s.id+"-") {
		t.Fatalf("first event %+v, want hello %s-…", m, s.id)
	}
	return es
}

func (es *eventStream) next(t *testing.T) message {
	t.Helper()
	select {
	case m, ok := <-es.events:
		if !ok {
			t.Fatal("the event stream ended")
		}
		return m
	case <-time.After(10 * time.Second):
		t.Fatal("no event")
		return message{}
	}
}

// stampOf returns the build stamp of a served page's reload script.
func stampOf(page string) string {
	_, after, _ := strings.Cut(page, `data-build="`)
	stamp, _, _ := strings.Cut(after, `"`)
	return stamp
}

func page(t *testing.T, url string) string {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return string(body)
}

func edit(t *testing.T, root, name, old, new string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(name))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s has no %q", name, old)
	}
	if err := os.WriteFile(p, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestLiveReload goes through an editing session: a change reloads the
// page, which by then shows it; a broken file shows the error and keeps
// the last good page; the fix clears it; a stylesheet is swapped alone.
func TestLiveReload(t *testing.T) {
	root, s, stop := liveSite(t)
	defer stop()
	es := subscribe(t, s)
	url := s.URL() + "communities/houdajie/"
	const file = "content/communities/houdajie.md"

	stampBefore := stampOf(page(t, url))
	edit(t, root, file, "三大品牌", "三大特色")
	if m := es.next(t); m.event != "reload" {
		t.Fatalf("after an edit: %+v", m)
	}
	served := page(t, url)
	if !strings.Contains(served, "三大特色") {
		t.Fatal("told to reload before the page had the edit")
	}
	// A page served before the change is stamped with the build before;
	// one served after, with the build a new browser's hello names.
	if now := stampOf(served); now == stampBefore || now != s.stamp() {
		t.Errorf("pages stamped %q before the edit and %q after; the server is at %q", stampBefore, now, s.stamp())
	}

	edit(t, root, file, "title: 后大街社区", "title: [后大街社区")
	m := es.next(t)
	if m.event != "error" || !strings.HasPrefix(m.data, file+":3: YAML") {
		t.Fatalf("after breaking the front matter: %+v", m)
	}
	if !strings.Contains(page(t, url), "三大特色") {
		t.Fatal("the last good page is not served while the source is broken")
	}
	late := subscribe(t, s)
	if m := late.next(t); m.event != "error" {
		t.Fatalf("a browser connecting while the build is broken got %+v, want the error", m)
	}

	edit(t, root, file, "title: [后大街社区", "title: 后大街社区")
	if m := es.next(t); m.event != "ok" {
		t.Fatalf("after the fix (no page changed): %+v", m)
	}

	edit(t, root, "assets/site.css", "--accent: #b3121b;", "--accent: #0050b3;")
	m = es.next(t)
	if m.event != "css" || !strings.HasPrefix(m.data, "/pinzhi/assets/site.") {
		t.Fatalf("after a stylesheet edit: %+v", m)
	}
	if css := page(t, s.origin()+m.data); !strings.Contains(css, "#0050b3") {
		t.Fatalf("the new stylesheet %s does not have the edit", m.data)
	}
	if !strings.Contains(page(t, url), `href=`+m.data+`>`) {
		t.Fatal("the page does not link the new stylesheet")
	}
}

// TestShutdown stops a server with browsers connected: Run returns, the
// event streams end and no goroutine is left behind.
func TestShutdown(t *testing.T) {
	before := runtime.NumGoroutine()
	_, s, stop := liveSite(t)
	es := subscribe(t, s)
	stop()
	select {
	case _, open := <-es.events:
		if open {
			t.Error("an event after shutdown")
		}
	case <-time.After(5 * time.Second):
		t.Error("the event stream did not end")
	}
	es.body.Close()
	http.DefaultClient.CloseIdleConnections()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines before, %d after shutdown", before, n)
	}
	if _, err := os.Stat(filepath.Dir(s.out)); !os.IsNotExist(err) {
		t.Errorf("the temporary site folder %s is left behind", s.out)
	}
}

func TestPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	root := t.TempDir()
	if _, err := New(Options{Src: root, Port: port, FixedPort: true}); err == nil || !strings.Contains(err.Error(), "port "+strconv.Itoa(port)+" is in use") {
		t.Errorf("a port in use given by the user: %v", err)
	}
	var log bytes.Buffer
	s, err := New(Options{Src: root, Port: port, Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	defer s.listener.Close()
	defer s.cleanup()
	if got := s.listener.Addr().(*net.TCPAddr).Port; got == port || !strings.Contains(log.String(), "is in use; serving on") {
		t.Errorf("serving on %d; log: %s", got, log.String())
	}
}

func TestBindWarning(t *testing.T) {
	var log bytes.Buffer
	s, err := New(Options{Src: t.TempDir(), Bind: "0.0.0.0", Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	defer s.listener.Close()
	defer s.cleanup()
	if !strings.Contains(log.String(), "warning: serving on") {
		t.Errorf("no warning for a non-loopback address: %s", log.String())
	}
}

// TestBrokenAtStart starts on a broken site: a browser that connects is
// shown the problem, and the fix brings the site.
func TestBrokenAtStart(t *testing.T) {
	root := t.TempDir()
	copyFixture(t, root)
	const file = "content/communities/houdajie.md"
	edit(t, root, file, "district: 镇海区", "district: 镇海")
	s, err := New(Options{Src: root})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.Run(ctx)
	es := subscribe(t, s)
	if m := es.next(t); m.event != "error" || !strings.HasPrefix(m.data, file+":3: district \"镇海\"") {
		t.Fatalf("a browser connecting to a broken site got %+v", m)
	}
	edit(t, root, file, "district: 镇海", "district: 镇海区")
	if m := es.next(t); m.event != "reload" {
		t.Fatalf("after the fix: %+v", m)
	}
	if !strings.Contains(page(t, s.URL()), "后大街社区") {
		t.Error("the site is not served after the fix")
	}
}

// TestEventData: data with CR, LF or CRLF in it (a file name may hold
// any) stays the data of one event, as an EventSource reads the stream:
// no line of it starts a field of its own, and none ends the event early.
func TestEventData(t *testing.T) {
	for _, data := range []string{"a\nb", "x\revent: reload\r\r.md", "a\r\nevent: css\r\n\r\nb", "\r\r\n\n"} {
		rec := httptest.NewRecorder()
		writeEvent(rec, message{"error", data})
		// The stream as an EventSource splits it: at CR, LF and CRLF.
		stream := strings.ReplaceAll(strings.ReplaceAll(rec.Body.String(), "\r\n", "\n"), "\r", "\n")
		body, ok := strings.CutSuffix(stream, "\n\n")
		lines := strings.Split(body, "\n")
		if !ok || lines[0] != "event: error" {
			t.Errorf("%q: not one error event:\n%q", data, stream)
			continue
		}
		var got []string
		for _, line := range lines[1:] {
			d, isData := strings.CutPrefix(line, "data: ")
			if !isData {
				t.Errorf("%q: a line that is not data: %q", data, line)
			}
			got = append(got, d)
		}
		want := strings.Split(strings.ReplaceAll(strings.ReplaceAll(data, "\r\n", "\n"), "\r", "\n"), "\n")
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%q: data lines %q, want %q", data, got, want)
		}
	}
}

// copyFixture copies the fixture publication (testdata/site's content,
// the repository's layouts and assets) into root.
func copyFixture(t *testing.T, root string) {
	t.Helper()
	for _, from := range []string{"../../testdata/site/content", "../../layouts", "../../assets"} {
		if out, err := exec.Command("cp", "-r", from, root).CombinedOutput(); err != nil {
			t.Fatalf("%s", out)
		}
	}
}
