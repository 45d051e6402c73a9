// Package model reads the content files and links them into the model of
// the site: the publication's settings (content/_index.md), communities,
// plain pages and the brand list, each decoded from its file alone, then
// linked (districts, reading order, neighbours, brand entries, one URL
// scheme) with every problem at its file and line. The model is small and
// stays in memory; page bodies are not part of it.
package model

import (
	"time"

	"pinzhi/generator/internal/markup"
	"pinzhi/generator/internal/source"
)

// A Model is the site as the build knows it: small, in memory for the
// whole build, linked anew from the decoded front matter on every change.
// Page bodies are not part of it. Layouts never see these types: they see
// the values of render's layoutdata.go, which note what each page reads.
type Model struct {
	Site        *Site
	Communities []*Community // in reading order: by weight, then slug
	Brands      *BrandList   // nil when content/brands.md does not exist
	Pages       []*Page      // by path
}

// Site is the publication, from content/_index.md and the options.
type Site struct {
	*Settings
	BaseURL   string // absolute ("https://example.org/pinzhi/") or a path ("/pinzhi/")
	URL       string // the link to the home page: the base URL's path, "/pinzhi/"
	HasFeed   bool   // whether feed.xml and sitemap.xml are written: the base URL names a host
	URLs      URLs   // the base URL, parsed once when the model is linked
	Districts []*District
	Committed time.Time // of content/_index.md's last commit, when known
}

// Published is the edition's date: the front matter's date of
// content/_index.md; zero when the editor gave none. A commit is not a
// publication: fixing a typo must not republish a page.
func (s *Site) Published() time.Time { return s.Date }

// Updated is when the site last changed: the last commit of
// content/_index.md, if later than its date; zero when neither is known.
func (s *Site) Updated() time.Time { return latest(s.Committed, s.Published()) }

// Published is the community's date: its front matter's, else the
// edition's.
func (c *Community) Published(s *Site) time.Time { return firstDate(c.Date, s.Published()) }

// Updated is when the community's page last changed: its file's last
// commit, if later than its date.
func (c *Community) Updated(s *Site) time.Time { return latest(c.Committed, c.Published(s)) }

// Published is the page's date, as a Community's.
func (p *Page) Published(s *Site) time.Time { return firstDate(p.Date, s.Published()) }

// Updated is when the page last changed, as a Community's.
func (p *Page) Updated(s *Site) time.Time { return latest(p.Committed, p.Published(s)) }

// Settings is what content/_index.md says, decoded without the
// options, which replace some of it.
type Settings struct {
	File             *source.File
	Title            string
	Headline         string
	Column           string
	Description      string
	Language         string
	WrittenBaseURL   string // as written
	BaseURLLine      int
	Organizers       []string
	Reporter         string
	Photo            *Photo
	Date             time.Time
	RawHTML          bool
	TagAuthority     string   // "example.org,2016": the feed's ids are tag: URIs under it
	Image            ImageRef // the share image of every page without its own
	Publisher        *Publisher
	ShareFont        string // the font share cards are drawn in: a path under the site's folder
	ShareFontLine    int
	DistrictSettings []DistrictSetting
	Limits           markup.Limits
}

// Publisher is who publishes the site (the newspaper), for structured
// data: search engines show its name and logo with the articles.
type Publisher struct {
	Name string
	URL  string
	Logo ImageRef // a JPEG or PNG in assets/
}

type DistrictSetting struct {
	Name, Slug string
	Line       int
}

// Photo is a photograph with its caption and credit, printed as the
// paper prints them. Src, a picture in assets/, may be empty while the
// editor waits for the picture: the caption is printed alone.
type Photo struct {
	Src     string // under assets/: "award.jpg"
	Caption string
	Credit  string
	SrcRef  ImageRef
}

// District is one of the configured districts and the communities in it.
type District struct {
	Line        int // in content/_index.md
	Name        string
	Slug        string
	Path        string // of its index, from the site root: "districts/haishu/"
	URL         string // the link to its index: "/pinzhi/districts/haishu/"
	Communities []*Community
}

// Leader is the person who speaks for a community.
type Leader struct {
	Name string
	Role string // e.g. 党委书记
}

// Community is one profiled community. It is decoded from its file alone;
// linking gives it its district, neighbours and brand entries.
type Community struct {
	File         *source.File
	ID           uint32 // the file's number, for deps
	Title        string
	Slug         string
	Path         string // from the site root: "communities/houdajie/"
	URL          string // the link to it: "/pinzhi/communities/houdajie/"
	DistrictName string // as written: a configured name or slug
	DistrictLine int
	Leader       Leader
	Quote        string
	Summary      string
	Weight       int
	Date         time.Time
	Draft        bool
	SlugLine     int // of its slug: line; 0 when the file's name gives it
	Image        ImageRef
	Photo        *Photo
	Committed    time.Time // of its file's last commit, when known

	District   *District
	Brands     []*Brand
	Prev, Next *Community
}

// BrandList is content/brands.md: a lead and the list of brands.
type BrandList struct {
	File    *source.File
	Title   string
	Path    string // "brands/"
	URL     string
	Entries []*Brand
}

// Brand is one entry of the brand list, split at its first 社区.
type Brand struct {
	Text      string // the entry as written
	Community string // up to and including the first 社区
	Name      string // the rest: the brand itself
	Anchor    string // its id on the brand list page: "brand-12"
	Profile   *Community
	Line      int
}

// Page is any other Markdown file under content/.
type Page struct {
	File      *source.File
	ID        uint32
	Title     string
	Summary   string
	Date      time.Time
	Draft     bool
	Path      string // "about/"
	URL       string
	SlugLine  int
	Image     ImageRef
	Committed time.Time
}

// latest returns the later of two times; zero when both are.
func latest(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// firstDate returns the first of ts that is not zero, or zero.
func firstDate(ts ...time.Time) time.Time {
	for _, t := range ts {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}
