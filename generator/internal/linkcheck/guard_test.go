package linkcheck

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestPublic(t *testing.T) {
	for addr, want := range map[string]bool{
		"8.8.8.8": true, "2606:4700::1111": true, "203.119.1.1": true,
		"127.0.0.1": false, "127.8.9.10": false, "::1": false, "0.0.0.0": false, "::": false,
		"10.1.2.3": false, "172.16.0.1": false, "192.168.1.1": false, "169.254.169.254": false,
		"100.64.0.1": false, "fd00::1": false, "fe80::1": false, "::ffff:10.0.0.1": false,
		"::ffff:127.0.0.1": false, "224.0.0.1": false, "255.255.255.255": false, "192.0.2.1": false,
		"2002:a00:1::": false, "ff02::1": false,
	} {
		if got := Public(netip.MustParseAddr(addr)); got != want {
			t.Errorf("Public(%s) = %v, want %v", addr, got, want)
		}
	}
}

// counter is a server on this machine that counts the requests it gets.
func counter(t *testing.T, ip string, h http.HandlerFunc) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	ln, err := net.Listen("tcp", net.JoinHostPort(ip, "0"))
	if err != nil {
		t.Skipf("cannot listen on %s: %v", ip, err)
	}
	var n atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		if h != nil {
			h(w, r)
		}
	}))
	srv.Listener.Close()
	srv.Listener = ln
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, &n
}

// TestPrivateAddressesNotAsked: by default a check asks no address of
// this machine or a private network, by number or by name, and says so
// of each link; nothing reaches the server listening there.
func TestPrivateAddressesNotAsked(t *testing.T) {
	srv, asked := counter(t, "127.0.0.1", nil)
	port := srv.Listener.Addr().(*net.TCPAddr).Port
	p := itoa(port)
	urls := []string{srv.URL + "/x", "http://localhost:" + p + "/x", "http://[::ffff:127.0.0.1]:" + p + "/x", "http://0.0.0.0:" + p + "/"}
	results := (&Checker{RetryWait: time.Millisecond}).Check(context.Background(), urls)
	for _, u := range urls {
		if r := results[u]; r.OK || r.Problem != ErrPrivate.Error() || !r.Lasting {
			t.Errorf("%s: %+v", u, r)
		}
	}
	if n := asked.Load(); n != 0 {
		t.Errorf("the local server got %d requests", n)
	}
}

// recorder is a DialFunc that records the addresses it is asked for and
// connects to none.
type recorder struct {
	mu    sync.Mutex
	addrs []string
}

var errRecorded = errors.New("recorded, not connected")

func (r *recorder) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.addrs = append(r.addrs, addr)
	return nil, errRecorded
}

// TestPrivateAddressesNotDialled gives the check a dialer that records:
// addresses of private networks and the cloud's metadata never reach it;
// a public one does (and is not connected to).
func TestPrivateAddressesNotDialled(t *testing.T) {
	rec := &recorder{}
	private := []string{"http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "https://192.168.1.1/admin",
		"http://172.16.5.4:8080/", "http://100.64.0.1/", "http://[fd00::1]/", "http://[fe80::1%25eth0]/", "http://[::ffff:10.0.0.1]/"}
	public := "http://8.8.8.8/"
	results := (&Checker{Dial: rec.dial, RetryWait: time.Millisecond}).Check(context.Background(), append(private, public))
	for _, u := range private {
		if r := results[u]; r.OK || r.Problem != ErrPrivate.Error() {
			t.Errorf("%s: %+v", u, r)
		}
	}
	if slices.ContainsFunc(rec.addrs, func(a string) bool { return a != "8.8.8.8:80" }) || len(rec.addrs) == 0 {
		t.Errorf("the dialer was asked for %q, want 8.8.8.8:80 alone", rec.addrs)
	}
}

// TestRedirectToPrivateAddress: an allowed server that redirects to a
// refused address is not followed there.
func TestRedirectToPrivateAddress(t *testing.T) {
	inside, asked := counter(t, "127.0.0.2", nil)
	outside, _ := counter(t, "127.0.0.1", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, inside.URL+"/secret", http.StatusFound)
	})
	only := func(ip netip.Addr) bool { return ip == netip.MustParseAddr("127.0.0.1") }
	r := (&Checker{Allow: only, RetryWait: time.Millisecond}).Check(context.Background(), []string{outside.URL + "/moved"})
	if got := r[outside.URL+"/moved"]; got.OK || got.Problem != ErrPrivate.Error() {
		t.Errorf("a redirect to a refused address: %+v", got)
	}
	if n := asked.Load(); n != 0 {
		t.Errorf("the refused server got %d requests", n)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
