package devserver

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// The dev server serves one editor's browsers, on a port any web page the
// editor visits can reach. These bound what such a page, or a slow
// network, can take from it.
const (
	// maxConnections bounds the connections open at once, so that
	// thousands of idle or slow clients cannot starve the pages, or make
	// rebuilds fail with "too many open files" (see connLimit).
	maxConnections = 256
	// maxEventStreams bounds the live-reload streams, which stay open: the
	// rest of the connections are left for files.
	maxEventStreams = 64
	headerTimeout   = 5 * time.Second  // to send a request's headers
	idleTimeout     = 60 * time.Second // between requests on one connection
	writeTimeout    = 60 * time.Second // to take one file
)

// hostGuard refuses requests whose Host is not an address the server is
// reached at: a page on another site the editor visits could otherwise
// read the preview by pointing its own name at 127.0.0.1 (DNS
// rebinding).
type hostGuard struct {
	hosts map[string]bool
	// everyAddress is set when the server listens on every address: an
	// address the machine gains later (another Wi-Fi) is its own too.
	everyAddress bool
}

// newHostGuard allows the loopback names, the address bound and, when it
// is every address, those of this machine's interfaces and its name.
func newHostGuard(bind string) *hostGuard {
	g := &hostGuard{hosts: map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true}}
	g.hosts[strings.ToLower(bind)] = true
	if ip := net.ParseIP(bind); ip != nil && ip.IsUnspecified() {
		g.everyAddress = true
		if addrs, err := net.InterfaceAddrs(); err == nil {
			for _, a := range addrs {
				if n, ok := a.(*net.IPNet); ok {
					g.hosts[n.IP.String()] = true
				}
			}
		}
		if name, err := os.Hostname(); err == nil {
			g.hosts[strings.ToLower(name)] = true
			g.hosts[strings.ToLower(name)+".local"] = true
		}
	}
	return g
}

// allows reports whether a request's Host header names this server.
func (g *hostGuard) allows(hostHeader string) bool {
	host := hostHeader
	if h, _, err := net.SplitHostPort(hostHeader); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	if g.hosts[host] {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && (ip.IsLoopback() || g.everyAddress && isOwnAddress(ip))
}

// isOwnAddress reports whether ip is an address of one of this machine's
// interfaces now.
func isOwnAddress(ip net.IP) bool {
	addrs, err := upInterfaceAddrs()
	if err != nil {
		return false
	}
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && n.IP.Equal(ip) {
			return true
		}
	}
	return false
}

// guard wraps the server's handler: the Host check, and GET alone for the
// server's own paths.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.hosts.allows(r.Host) {
			http.Error(w, fmt.Sprintf("pinzhi serve answers only to requests for its own address, not %q: "+
				"open the preview at the address it printed", r.Host), http.StatusForbidden)
			return
		}
		if strings.HasPrefix(r.URL.Path, ownPrefix) && r.Method != http.MethodGet {
			w.Header().Set("Allow", http.MethodGet)
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// connLimit keeps at most max connections open. When one more arrives,
// the connection that has waited longest without a request in progress
// (one just opened, or idle between requests) is closed to make room: a
// thousand clients that open connections and send nothing take a place
// each only until the next one comes, while the requests being answered,
// and the event streams, keep theirs. It is the server's ConnState hook.
type connLimit struct {
	mu    sync.Mutex
	max   int
	conns map[net.Conn]connWait
}

type connWait struct {
	waiting bool // no request in progress: just opened, or idle
	since   time.Time
}

func newConnLimit(max int) *connLimit {
	return &connLimit{max: max, conns: map[net.Conn]connWait{}}
}

func (l *connLimit) track(c net.Conn, state http.ConnState) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch state {
	case http.StateNew:
		l.conns[c] = connWait{waiting: true, since: time.Now()}
		if len(l.conns) > l.max {
			l.evict(c)
		}
	case http.StateActive:
		l.conns[c] = connWait{since: time.Now()}
	case http.StateIdle:
		l.conns[c] = connWait{waiting: true, since: time.Now()}
	case http.StateHijacked, http.StateClosed:
		delete(l.conns, c)
	}
}

// evict closes the connection that has waited longest, or, when every
// other one is busy, the one that just came.
func (l *connLimit) evict(newest net.Conn) {
	victim := newest
	var oldest time.Time
	for c, w := range l.conns {
		if c != newest && w.waiting && (oldest.IsZero() || w.since.Before(oldest)) {
			victim, oldest = c, w.since
		}
	}
	victim.Close()
	delete(l.conns, victim)
}

func (l *connLimit) open() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.conns)
}

// streams counts the open live-reload streams.
type streams struct{ n atomic.Int64 }

// open takes a place for a stream, or reports that there is none.
func (c *streams) open() bool {
	if c.n.Add(1) > maxEventStreams {
		c.n.Add(-1)
		return false
	}
	return true
}

func (c *streams) close() { c.n.Add(-1) }
