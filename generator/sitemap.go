package generator

import (
	"bytes"
	"encoding/xml"
	"time"
)

// generatedPages are the files the generator writes without a layout.
// The feed and the sitemap need absolute addresses; without a base URL
// that names a host they are left out (checkBaseURL warns).
func generatedPages(m *Model, d *pageDeps, htmlPages []*Page) []*Page {
	urls := newURLScheme(m.Site.BaseURL)
	robots := &Page{Out: "robots.txt", mime: "text/plain", generate: func(b *bytes.Buffer) error {
		b.WriteString("User-agent: *\nAllow: /\n")
		if urls.absolute() {
			b.WriteString("Sitemap: " + urls.abs("sitemap.xml") + "\n")
		}
		return nil
	}}
	robots.print = d.print("robots", func(*printer) {})
	if !urls.absolute() {
		return []*Page{robots}
	}
	entries := feedCommunities(m)
	feed := &Page{Out: "feed.xml", mime: "application/atom+xml", generate: func(b *bytes.Buffer) error { return writeFeed(b, m, entries, urls) }}
	feed.print = d.print("feed", func(h *printer) {
		for _, c := range entries {
			h.card(c)
		}
	})
	sitemap := &Page{Out: "sitemap.xml", mime: "application/xml", generate: func(b *bytes.Buffer) error { return writeSitemap(b, htmlPages, urls) }}
	sitemap.print = d.print("sitemap", func(h *printer) { d.allCards(h); d.plainPages(h); d.brands(h) })
	return []*Page{feed, sitemap, robots}
}

type sitemapURLSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// writeSitemap lists every HTML page but the 404 page.
func writeSitemap(b *bytes.Buffer, pages []*Page, urls urlScheme) error {
	var set sitemapURLSet
	for _, p := range pages {
		if p.kind == "" || p.kind == "404" {
			continue
		}
		u := sitemapURL{Loc: urls.abs(p.data.Path)}
		if date := pageDate(p.data); !date.IsZero() {
			u.LastMod = date.Format("2006-01-02")
		}
		set.URLs = append(set.URLs, u)
	}
	b.WriteString(xml.Header)
	return xml.NewEncoder(b).Encode(set)
}

func pageDate(d *PageData) time.Time {
	switch {
	case d.Community != nil && !d.Community.Date.IsZero():
		return d.Community.Date
	case d.Page != nil && !d.Page.Date.IsZero():
		return d.Page.Date
	}
	return d.Site.Date
}
