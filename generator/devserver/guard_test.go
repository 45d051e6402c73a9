package devserver

import (
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// request sends a request with the given method and Host header.
func request(t *testing.T, s *Server, method, path, host string) (int, string) {
	t.Helper()
	u, _ := url.Parse(s.origin() + path)
	req := &http.Request{Method: method, URL: u, Host: host, Header: http.Header{}}
	client := &http.Client{Timeout: 5 * time.Second}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(res.Body, 4096))
	return res.StatusCode, string(body)
}

// TestHostCheck: a request naming another host, as a page using DNS
// rebinding sends, is refused with a clear 403; the server's own names
// are served.
func TestHostCheck(t *testing.T) {
	_, s, stop := liveSite(t)
	defer stop()
	_, port, _ := net.SplitHostPort(s.listener.Addr().String())
	for host, want := range map[string]int{
		"127.0.0.1:" + port: 200, "localhost:" + port: 200, "LOCALHOST:" + port: 200, "[::1]:" + port: 200, "localhost": 200,
		"evil.example:" + port: 403, "evil.example": 403, "127.0.0.1.evil.example:" + port: 403,
	} {
		code, body := request(t, s, "GET", "/", host)
		if code != want {
			t.Errorf("Host %q: status %d, want %d", host, code, want)
		}
		if want == 403 && !strings.Contains(body, "answers only to requests for its own address") {
			t.Errorf("Host %q: the refusal does not say why: %q", host, body)
		}
	}
}

func TestHostGuardEveryAddress(t *testing.T) {
	g := newHostGuard("0.0.0.0")
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && !g.allows(net.JoinHostPort(n.IP.String(), "1313")) {
			t.Errorf("serving on every address, the interface address %s is refused", n.IP)
		}
	}
	if g.allows("evil.example:1313") {
		t.Error("another name is allowed")
	}
}

// TestOwnPathsGETOnly: the server's own paths answer GET alone.
func TestOwnPathsGETOnly(t *testing.T) {
	_, s, stop := liveSite(t)
	defer stop()
	host := s.listener.Addr().String()
	for _, method := range []string{"POST", "PUT", "DELETE", "HEAD", "OPTIONS"} {
		for _, p := range []string{eventsPath, scriptPath, ownPrefix + "other"} {
			if code, _ := request(t, s, method, p, host); code != http.StatusMethodNotAllowed {
				t.Errorf("%s %s: status %d, want 405", method, p, code)
			}
		}
	}
	if code, _ := request(t, s, "GET", scriptPath, host); code != 200 {
		t.Errorf("GET %s: %d", scriptPath, code)
	}
}

// TestIdleClientsCannotStarve opens many more connections than the
// server keeps, sends nothing on them, and wants pages served at once all
// the same, with the server holding no more connections than its bound.
func TestIdleClientsCannotStarve(t *testing.T) {
	_, s, stop := liveSite(t)
	defer stop()
	var idle []net.Conn
	defer func() {
		for _, c := range idle {
			c.Close()
		}
	}()
	for range 3 * maxConnections {
		c, err := net.Dial("tcp", s.listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		idle = append(idle, c)
	}
	client := &http.Client{Timeout: 3 * time.Second}
	for i := range 20 {
		res, err := client.Get(s.URL())
		if err != nil {
			t.Fatalf("request %d with %d idle connections open: %v", i, len(idle), err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Fatalf("status %d", res.StatusCode)
		}
	}
	if n := s.conns.open(); n > maxConnections+1 {
		t.Errorf("%d connections held, more than %d", n, maxConnections)
	}
}

// TestEventStreamCap: past maxEventStreams, a stream is refused with 503
// rather than held open.
func TestEventStreamCap(t *testing.T) {
	_, s, stop := liveSite(t)
	defer stop()
	var open []io.Closer
	defer func() {
		for _, c := range open {
			c.Close()
		}
	}()
	for range maxEventStreams {
		res, err := http.Get(s.origin() + eventsPath)
		if err != nil || res.StatusCode != 200 {
			t.Fatalf("stream: %v %v", err, res)
		}
		open = append(open, res.Body)
	}
	res, err := http.Get(s.origin() + eventsPath)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("stream past the cap: status %d", res.StatusCode)
	}
	open[0].Close()
	open = open[1:]
	time.Sleep(100 * time.Millisecond)
	if res, err := http.Get(s.origin() + eventsPath); err != nil || res.StatusCode != 200 {
		t.Errorf("a stream after one closed: %v %v", err, res)
	} else {
		open = append(open, res.Body)
	}
}
