package generator

import (
	"encoding/xml"
	"io"
	"pinzhi/generator/internal/model"
	"time"
)

// generatedFiles are the files the generator writes without a layout.
// The feed and the sitemap need absolute addresses; without a base URL
// that names a host they are left out (checkBaseURL warns).
func generatedFiles(m *model.Model, pages []*output) []*output {
	urls := model.NewURLs(m.Site.BaseURL)
	robots := &output{path: "robots.txt", mime: "text/plain", generate: func(b io.Writer, r *reads) error {
		r.add(depSite, 0)
		_, err := io.WriteString(b, "User-agent: *\nAllow: /\n")
		if urls.Absolute() && err == nil {
			_, err = io.WriteString(b, "Sitemap: "+urls.Abs("sitemap.xml")+"\n")
		}
		return err
	}}
	if !urls.Absolute() {
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
func writeSitemap(b io.Writer, m *model.Model, pages []*output, urls model.URLs, r *reads) error {
	r.add(depSite, 0)
	r.add(depCommunities, 0)
	r.add(depPages, 0)
	r.add(depBrandList, 0)
	var set sitemapURLSet
	for _, p := range pages {
		if p.kind == "404" {
			continue
		}
		u := sitemapURL{Loc: urls.Abs(p.sitePath)}
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
func (o *output) date(m *model.Model, r *reads) time.Time {
	switch {
	case o.community != nil:
		r.add(depFront, o.community.ID)
		return o.community.Published(m.Site)
	case o.page != nil:
		r.add(depFront, o.page.ID)
		return o.page.Published(m.Site)
	}
	return m.Site.Published()
}
