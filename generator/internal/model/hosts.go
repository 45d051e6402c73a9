package model

import (
	"net"
	"net/url"
	"path"
	"strings"

	"golang.org/x/net/idna"
)

// CanonicalHost returns u's host as links and comparisons need it: an
// internationalised name in its ASCII (xn--) form, as RFC 3986 §3.2.2
// asks of a URI, lower case, and without the scheme's default port, so
// that https://新闻.example:443/ and https://xn--...example/ are one host.
func CanonicalHost(u *url.URL) (string, error) {
	host, port := u.Hostname(), u.Port()
	if port == defaultPort(u.Scheme) {
		port = ""
	}
	if net.ParseIP(host) == nil {
		ascii, err := idna.Lookup.ToASCII(host)
		if err != nil {
			return "", err
		}
		host = strings.ToLower(ascii)
	} else if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if port != "" {
		return host + ":" + port, nil
	}
	return host, nil
}

func defaultPort(scheme string) string {
	switch strings.ToLower(scheme) {
	case "http":
		return "80"
	case "https":
		return "443"
	}
	return ""
}

// hasDotSegment reports whether a URL path has a "." or ".." segment.
func hasDotSegment(p string) bool {
	for seg := range strings.SplitSeq(p, "/") {
		if seg == "." || seg == ".." {
			return true
		}
	}
	return false
}

// withCleanPath is u with its dot segments resolved, for a hint.
func withCleanPath(u *url.URL) string {
	c := *u
	c.User = nil
	c.Path = path.Clean("/"+c.Path) + "/"
	c.Path = strings.Replace(c.Path, "//", "/", 1)
	return c.String()
}

// redactUser is u without its password, for messages: the name says
// which address is meant, the password is never printed.
func redactUser(u *url.URL) string {
	c := *u
	c.User = nil
	return c.String()
}

// PlaceholderHost reports whether a base URL's host is one no reader
// reaches: a name kept for examples and tests (RFC 2606, RFC 6761:
// example.org and the like, .test, .invalid, .localhost), this machine,
// or a name on the local network only (.local).
func PlaceholderHost(u *url.URL) bool {
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if ip := net.ParseIP(host); ip != nil {
		return ip.IsLoopback() || ip.IsUnspecified()
	}
	for _, name := range []string{"example", "example.org", "example.com", "example.net", "test", "invalid", "localhost", "local"} {
		if host == name || strings.HasSuffix(host, "."+name) {
			return true
		}
	}
	return false
}
