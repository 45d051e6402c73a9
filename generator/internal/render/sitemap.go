package render

import (
	"encoding/xml"
	"io"

	"pinzhi/generator/internal/model"
)

type sitemapURLSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// writeSitemap lists every HTML page but the 404 page, with when it last
// changed.
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
		if date := p.updated(m, r); !date.IsZero() {
			u.LastMod = date.Format("2006-01-02")
		}
		set.URLs = append(set.URLs, u)
	}
	if _, err := io.WriteString(b, xml.Header); err != nil {
		return err
	}
	return xml.NewEncoder(b).Encode(set)
}
