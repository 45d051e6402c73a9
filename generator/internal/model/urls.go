package model

import (
	"net/url"
	"strings"
)

// URLs turns Site-relative paths ("communities/a/") into the links
// pages carry. Every internal link goes through it, so a site built for a
// subpath such as https://example.org/pinzhi/ never links outside it.
type URLs struct {
	base *url.URL // the base URL, with a trailing slash; its host may be empty
}

func NewURLs(baseURL string) URLs {
	u, err := url.Parse(baseURL)
	if err != nil || !strings.HasSuffix(u.Path, "/") {
		u = &url.URL{Path: "/"} // decodeSite has reported the problem already
	}
	return URLs{base: u}
}

// Base returns a copy of the base URL, with a trailing slash.
func (s URLs) Base() *url.URL {
	u := *s.base
	return &u
}

// Root is the base URL's path: "/" or "/pinzhi/".
func (s URLs) Root() string { return s.base.Path }

// Rel returns the path a link to p carries: the base path joined with p.
// A leading "/" on p is the site root, not the host's.
func (s URLs) Rel(p string) string {
	return s.base.Path + strings.TrimPrefix(p, "/")
}

// Abs returns the absolute, escaped URL of p, for the feed, the sitemap
// and canonical links. When the base URL has no host it is rel(p), escaped.
func (s URLs) Abs(p string) string {
	u := *s.base
	u.Path = s.Rel(p)
	u.RawPath = ""
	return u.String()
}

// Absolute reports whether links can be made absolute.
func (s URLs) Absolute() bool { return s.base.Host != "" }
