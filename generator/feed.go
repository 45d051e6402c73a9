package generator

import (
	"bytes"
	"encoding/xml"
	"slices"
	"time"
)

// generatedPages are the files the generator writes without a layout.
// The feed and the sitemap need absolute addresses; without a base URL
// that names a host they are left out (assemble warns).
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
	feed := &Page{Out: "feed.xml", mime: "application/atom+xml", generate: func(b *bytes.Buffer) error { return writeFeed(b, m, urls) }}
	feed.print = d.print("feed", func(h *printer) {
		for _, c := range feedCommunities(m) {
			h.card(c)
		}
	})
	sitemap := &Page{Out: "sitemap.xml", mime: "application/xml", generate: func(b *bytes.Buffer) error { return writeSitemap(b, htmlPages, urls) }}
	sitemap.print = d.print("sitemap", func(h *printer) { d.allCards(h); d.plainPages(h); d.brands(h) })
	return []*Page{feed, sitemap, robots}
}

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"xml:lang,attr,omitempty"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	Links    []atomLink  `xml:"link"`
	ID       string      `xml:"id"`
	Updated  string      `xml:"updated"`
	Author   atomAuthor  `xml:"author"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	Link    atomLink `xml:"link"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Summary string   `xml:"summary,omitempty"`
}

// unknownDate stands for "no date in the front matter": the feed format
// requires one, and output must not depend on when it was built.
var unknownDate = time.Unix(0, 0).UTC()

// feedEntries is how many communities the feed carries: feed readers fetch
// the whole file again and again, and want the news, not the archive.
const feedEntries = 50

// feedCommunities returns the communities the feed carries: the newest
// first by date, then in reading order.
func feedCommunities(m *Model) []*Community {
	cs := slices.Clone(m.Communities)
	slices.SortStableFunc(cs, func(a, b *Community) int { return b.Date.Compare(a.Date) })
	return cs[:min(len(cs), feedEntries)]
}

// writeFeed writes the Atom feed.
func writeFeed(b *bytes.Buffer, m *Model, urls urlScheme) error {
	site := m.Site
	f := atomFeed{
		Lang:     site.Language,
		Title:    site.Title,
		Subtitle: site.Description,
		Links:    []atomLink{{Href: urls.abs("")}, {Rel: "self", Href: urls.abs("feed.xml")}},
		ID:       urls.abs(""),
		Author:   atomAuthor{Name: firstNonEmpty(site.Reporter, firstOf(site.Organizers), site.Title)},
	}
	latest := site.Date
	for _, c := range feedCommunities(m) {
		date := c.Date
		if date.IsZero() {
			date = site.Date
		}
		if date.After(latest) {
			latest = date
		}
		f.Entries = append(f.Entries, atomEntry{
			Title: c.Title, Link: atomLink{Href: urls.abs(c.Path)}, ID: urls.abs(c.Path),
			Updated: atomDate(date), Summary: firstNonEmpty(c.Summary, c.Quote),
		})
	}
	f.Updated = atomDate(latest)
	b.WriteString(xml.Header)
	return xml.NewEncoder(b).Encode(f)
}

func atomDate(t time.Time) string {
	if t.IsZero() {
		t = unknownDate
	}
	return t.Format(time.RFC3339)
}

func firstOf(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
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
