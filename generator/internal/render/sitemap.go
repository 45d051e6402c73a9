package render

import (
	"encoding/xml"
	"io"
	"pinzhi/generator/internal/model"
	"time"
)

// generatedFiles are the files the generator writes without a layout.
// The feed and the sitemap need absolute addresses; without a base URL
// that names a host they are left out (checkBaseURL warns).
func generatedFiles(m *model.Model, pages []*Output) []*Output {
	urls := m.Site.URLs
	robots := &Output{Path: "robots.txt", MIME: "text/plain", generate: func(b io.Writer, r *Reads) error {
		r.add(DepSite, 0)
		_, err := io.WriteString(b, "User-agent: *\nAllow: /\n")
		if urls.Absolute() && err == nil {
			_, err = io.WriteString(b, "Sitemap: "+urls.Abs("sitemap.xml")+"\n")
		}
		return err
	}}
	if !urls.Absolute() {
		return []*Output{robots}
	}
	feed := &Output{Path: "feed.xml", MIME: "application/atom+xml", generate: func(b io.Writer, r *Reads) error {
		return writeFeed(b, m, urls, r)
	}}
	sitemap := &Output{Path: "sitemap.xml", MIME: "application/xml", generate: func(b io.Writer, r *Reads) error {
		return writeSitemap(b, m, pages, urls, r)
	}}
	return []*Output{feed, sitemap, robots}
}

type sitemapURLSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// writeSitemap lists every HTML page but the 404 page, with its date.
func writeSitemap(b io.Writer, m *model.Model, pages []*Output, urls model.URLs, r *Reads) error {
	r.add(DepSite, 0)
	r.add(DepCommunities, 0)
	r.add(DepPages, 0)
	r.add(DepBrandList, 0)
	var set sitemapURLSet
	for _, p := range pages {
		if p.Kind == "404" {
			continue
		}
		u := sitemapURL{Loc: urls.Abs(p.SitePath)}
		if date := p.date(m, r); !date.IsZero() {
			u.LastMod = date.Format("2006-01-02")
		}
		set.URLs = append(set.URLs, u)
	}
	if _, err := io.WriteString(b, xml.Header); err != nil {
		return err
	}
	return xml.NewEncoder(b).Encode(set)
}

// date is the page's date (see community.date), else the site's.
func (o *Output) date(m *model.Model, r *Reads) time.Time {
	switch {
	case o.Community != nil:
		r.add(DepFront, o.Community.ID)
		return o.Community.Published(m.Site)
	case o.Page != nil:
		r.add(DepFront, o.Page.ID)
		return o.Page.Published(m.Site)
	}
	return m.Site.Published()
}
