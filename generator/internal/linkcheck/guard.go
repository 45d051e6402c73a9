package linkcheck

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"
)

// A check asks addresses an editor's pages name, from the editor's
// machine or a CI runner: inside a network whose private services (a
// router, a cloud's metadata at 169.254.169.254, a CI's internal hosts)
// answer it and no reader. So it asks only public addresses: every name
// is resolved first and every address it gives is judged, for the first
// request and at every redirect, before a connection is made; a link to
// any other address is a problem of the page, since a reader cannot reach
// it either. No proxy from the environment is used: it would resolve the
// names where the check cannot judge them.

// ErrPrivate says a link leads to an address only this machine or its
// network can reach.
var ErrPrivate = errors.New("leads to a private or local address, which no reader can reach")

// A DialFunc makes a connection to an address already judged, "ip:port".
// Tests give one that records instead of connecting.
type DialFunc func(ctx context.Context, network, addr string) (net.Conn, error)

// Public reports whether an address is one any reader on the Internet
// could reach: a global unicast address, not a loopback, link-local,
// private (RFC 1918, unique local), shared (100.64.0.0/10), documentation
// or otherwise reserved one, and an IPv4 address written as IPv6 judged
// as IPv4.
func Public(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsGlobalUnicast() || ip.IsPrivate() || ip.IsLoopback() || ip.IsLinkLocalUnicast() {
		return false
	}
	for _, p := range notPublic {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

var notPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"), // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("192.0.2.0/24"), // documentation
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("203.0.113.0/24"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b:1::/48"),
	netip.MustParsePrefix("2001:db8::/32"),
	netip.MustParsePrefix("2002::/16"), // 6to4 can wrap any IPv4 address
	netip.MustParsePrefix("::ffff:0:0/96"),
}

// guardedClient is the client of a check: its connections go through
// dial, and only to addresses allow accepts.
func guardedClient(allow func(netip.Addr) bool, dial DialFunc, resolver *net.Resolver) *http.Client {
	if allow == nil {
		allow = Public
	}
	if dial == nil {
		dial = (&net.Dialer{Timeout: 10 * time.Second}).DialContext
	}
	if resolver == nil {
		resolver = net.DefaultResolver
	}
	guard := &guard{allow: allow, dial: dial, resolver: resolver}
	return &http.Client{
		Transport: &http.Transport{
			Proxy:               nil,
			DialContext:         guard.dialContext,
			TLSHandshakeTimeout: 10 * time.Second,
			MaxIdleConnsPerHost: 2,
		},
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 10 {
				return errors.New("stopped after 10 redirects")
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirected to a %s: address", req.URL.Scheme)
			}
			return nil // the address it leads to is judged when it is dialled
		},
	}
}

type guard struct {
	allow    func(netip.Addr) bool
	dial     DialFunc
	resolver *net.Resolver
}

// dialContext resolves addr's host, refuses it if any address it has is
// not allowed (a name that resolves to a public and a private address is
// a way in, not a public site), and connects to the first one.
func (g *guard) dialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	ips, err := g.lookup(ctx, host)
	if err != nil {
		return nil, err
	}
	for _, ip := range ips {
		if !g.allow(ip) {
			return nil, ErrPrivate
		}
	}
	var last error
	for _, ip := range ips {
		conn, err := g.dial(ctx, network, net.JoinHostPort(ip.String(), port))
		if err == nil {
			return conn, nil
		}
		last = err
	}
	return nil, last
}

func (g *guard) lookup(ctx context.Context, host string) ([]netip.Addr, error) {
	if ip, err := netip.ParseAddr(strings.Trim(host, "[]")); err == nil {
		return []netip.Addr{ip}, nil
	}
	ips, err := g.resolver.LookupNetIP(ctx, "ip", host)
	if err == nil && len(ips) == 0 {
		err = fmt.Errorf("%s has no address", host)
	}
	return ips, err
}
