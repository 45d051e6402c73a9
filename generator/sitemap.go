package generator

import (
	"encoding/xml"
	"io"
	"time"
)

// generatedFiles are the files the generator writes without a layout.
// The feed and the sitemap need absolute addresses; without a base URL
// that names a host they are left out (checkBaseURL warns).
func generatedFiles(m *model, pages []*output) []*output {
	urls := newURLScheme(m.site.BaseURL)
	robots := &output{path: "robots.txt", mime: "text/plain", generate: func(b io.Writer, r *reads) error {
		r.add(depSite, 0)
		_, err := io.WriteString(b, "User-agent: *\nAllow: /\n")
		if urls.absolute() && err == nil {
			_, err = io.WriteString(b, "Sitemap: "+urls.abs("sitemap.xml")+"\n")
		}
		return err
	}}
	if !urls.absolute() {
		return []*output{robots}
	}
	feed := &output{path: "feed.xml", mime: "application/atom+xml", generate: func(b io.Writer, r *reads) error {
		return writeFeed(b, m, urls, r)
	}}
	sitemap := &output{path: "sitemap.xml", mime: "application/xml", generate: func(b io.Writer, r *reads) error {
		return writeSitemap(b, m, pages, urls, r)
	}}
	return []*output{feed, sitemap, robots}
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
func writeSitemap(b io.Writer, m *model, pages []*output, urls urlScheme, r *reads) error {
	r.add(depSite, 0)
	r.add(depCommunities, 0)
	r.add(depPages, 0)
	r.add(depBrandList, 0)
	var set sitemapURLSet
	for _, p := range pages {
		if p.kind == "404" {
			continue
		}
		u := sitemapURL{Loc: urls.abs(p.sitePath)}
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
func (o *output) date(m *model, r *reads) time.Time {
	switch {
	case o.community != nil:
		r.add(depFront, o.community.id)
		return o.community.date(m.site)
	case o.page != nil:
		r.add(depFront, o.page.id)
		return o.page.date(m.site)
	}
	return m.site.date()
}
