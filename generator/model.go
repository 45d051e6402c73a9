package generator

import (
	"time"

	"pinzhi/generator/internal/markup"
	"pinzhi/generator/internal/source"
)

// The model is the site as the build knows it: small, in memory for the
// whole build, linked anew from the decoded front matter on every change.
// Page bodies are not part of it. Layouts never see these types: they see
// the values of layoutdata.go, which note what each page reads.
type model struct {
	site        *site
	communities []*community // in reading order: by weight, then slug
	brands      *brandList   // nil when content/brands.md does not exist
	pages       []*plainPage // by path
}

// site is the publication, from content/_index.md and the options.
type site struct {
	*siteSettings
	BaseURL   string // absolute ("https://example.org/pinzhi/") or a path ("/pinzhi/")
	URL       string // the link to the home page: the base URL's path, "/pinzhi/"
	HasFeed   bool   // whether feed.xml and sitemap.xml are written: the base URL names a host
	districts []*district
	committed time.Time // of content/_index.md's last commit, when known
}

// date is the site's date: its front matter's, else that of its file's
// last commit; zero when neither is known.
func (s *site) date() time.Time { return firstDate(s.Date, s.committed) }

// date is the community's date: its front matter's, else that of its
// file's last commit, else the site's.
func (c *community) date(s *site) time.Time { return firstDate(c.Date, c.committed, s.date()) }

// date is the page's date, as a community's.
func (p *plainPage) date(s *site) time.Time { return firstDate(p.Date, p.committed, s.date()) }

// siteSettings is what content/_index.md says, decoded without the
// options, which replace some of it.
type siteSettings struct {
	file             *source.File
	Title            string
	Headline         string
	Column           string
	Description      string
	Language         string
	baseURL          string // as written
	baseURLLine      int
	Organizers       []string
	Reporter         string
	Photo            *Photo
	Date             time.Time
	RawHTML          bool
	TagAuthority     string   // "example.org,2016": the feed's ids are tag: URIs under it
	image            imageRef // the share image of every page without its own
	districtSettings []districtSetting
	limits           markup.Limits
}

type districtSetting struct {
	Name, Slug string
	line       int
}

// Photo is a photograph with its caption and credit, printed as the
// paper prints them. Src, a picture in assets/, may be empty while the
// editor waits for the picture: the caption is printed alone.
type Photo struct {
	Src     string // under assets/: "award.jpg"
	Caption string
	Credit  string
	src     imageRef
}

// district is one of the configured districts and the communities in it.
type district struct {
	line        int // in content/_index.md
	Name        string
	Slug        string
	Path        string // of its index, from the site root: "districts/haishu/"
	URL         string // the link to its index: "/pinzhi/districts/haishu/"
	communities []*community
}

// Leader is the person who speaks for a community.
type Leader struct {
	Name string
	Role string // e.g. 党委书记
}

// community is one profiled community. It is decoded from its file alone;
// linking gives it its district, neighbours and brand entries.
type community struct {
	file         *source.File
	id           uint32 // the file's number, for deps
	Title        string
	Slug         string
	Path         string // from the site root: "communities/houdajie/"
	URL          string // the link to it: "/pinzhi/communities/houdajie/"
	districtName string // as written: a configured name or slug
	districtLine int
	Leader       Leader
	Quote        string
	Summary      string
	Weight       int
	Date         time.Time
	Draft        bool
	slugLine     int // of its slug: line; 0 when the file's name gives it
	image        imageRef
	Photo        *Photo
	committed    time.Time // of its file's last commit, when known

	district   *district
	brands     []*brand
	prev, next *community
}

// brandList is content/brands.md: a lead and the list of brands.
type brandList struct {
	file    *source.File
	Title   string
	Path    string // "brands/"
	URL     string
	entries []*brand
}

// brand is one entry of the brand list, split at its first 社区.
type brand struct {
	Text      string // the entry as written
	Community string // up to and including the first 社区
	Name      string // the rest: the brand itself
	Anchor    string // its id on the brand list page: "brand-12"
	profile   *community
	line      int
}

// plainPage is any other Markdown file under content/.
type plainPage struct {
	file      *source.File
	id        uint32
	Title     string
	Summary   string
	Date      time.Time
	Draft     bool
	Path      string // "about/"
	URL       string
	slugLine  int
	image     imageRef
	committed time.Time
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
