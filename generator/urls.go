package generator

import (
	"net/url"
	"strings"
)

// urlScheme turns site-relative paths ("communities/a/") into the links
// pages carry. Every internal link goes through it, so a site built for a
// subpath such as https://example.org/pinzhi/ never links outside it.
type urlScheme struct {
	base *url.URL // the base URL, with a trailing slash; its host may be empty
}

func newURLScheme(baseURL string) urlScheme {
	u, err := url.Parse(baseURL)
	if err != nil || !strings.HasSuffix(u.Path, "/") {
		u = &url.URL{Path: "/"} // decodeSite has reported the problem already
	}
	return urlScheme{base: u}
}

// root is the base URL's path: "/" or "/pinzhi/".
func (s urlScheme) root() string { return s.base.Path }

// rel returns the path a link to p carries: the base path joined with p.
// A leading "/" on p is the site root, not the host's.
func (s urlScheme) rel(p string) string {
	return s.base.Path + strings.TrimPrefix(p, "/")
}

// abs returns the absolute, escaped URL of p, for the feed, the sitemap
// and canonical links. When the base URL has no host it is rel(p), escaped.
func (s urlScheme) abs(p string) string {
	u := *s.base
	u.Path = s.rel(p)
	u.RawPath = ""
	return u.String()
}

// absolute reports whether links can be made absolute.
func (s urlScheme) absolute() bool { return s.base.Host != "" }
