package generator

import (
	"time"
)

// Model is the site as layouts see it: small, in memory for the whole
// build, and rebuilt from the sources' front matter on every change. Page
// bodies are not part of it.
type Model struct {
	Site        *Site
	Communities []*Community // in reading order: by weight, then slug
	Brands      *BrandList   // nil when content/brands.md does not exist
	Pages       []*PlainPage // by path
}

// Site is the publication, from content/_index.md.
type Site struct {
	Title       string
	Headline    string
	Column      string // the page's running head, e.g. 社区轮播
	Description string
	Language    string
	BaseURL     string // absolute ("https://example.org/pinzhi/") or a path ("/pinzhi/")
	URL         string // the link to the home page: the base URL's path, "/pinzhi/"
	HasFeed     bool   // whether feed.xml and sitemap.xml are written: the base URL names a host
	Organizers  []string
	Reporter    string
	Photo       *Photo
	Date        time.Time
	RawHTML     bool
	Districts   []*District // in the configured order

	source   *Source
	problems Problems // what decoding _index.md found
}

// Photo is a photograph's caption and credit, printed as text.
type Photo struct {
	Caption string
	Credit  string
}

// District is one of the configured districts and the communities in it.
type District struct {
	Name        string
	Slug        string
	Path        string       // of its index, from the site root: "districts/haishu/"
	URL         string       // the link to its index: "/pinzhi/districts/haishu/"
	Communities []*Community // in reading order
}

// Leader is the person who speaks for a community.
type Leader struct {
	Name string
	Role string // e.g. 党委书记
}

// Community is one profiled community.
type Community struct {
	Title    string
	Slug     string
	Path     string // from the site root: "communities/houdajie/"
	URL      string // the link to it: "/pinzhi/communities/houdajie/"
	District *District
	Leader   Leader
	Quote    string
	Summary  string
	Weight   int
	Date     time.Time
	Draft    bool
	Brands   []*Brand   // its entries in the brand list
	Prev     *Community // the one before it in reading order, or nil
	Next     *Community

	source *Source
}

// BrandList is content/brands.md: a lead and the list of brands.
type BrandList struct {
	Title   string
	Path    string // "brands/"
	URL     string
	Entries []*Brand

	source *Source
}

// copy returns a brand list whose entries can be linked to another
// model's communities.
func (bl *BrandList) copy() *BrandList {
	c := *bl
	c.Entries = make([]*Brand, len(bl.Entries))
	for i, b := range bl.Entries {
		e := *b
		e.Profile = nil
		c.Entries[i] = &e
	}
	return &c
}

// Brand is one entry of the brand list, split at its first 社区.
type Brand struct {
	Text      string     // the entry as written
	Community string     // up to and including the first 社区
	Name      string     // the rest: the brand itself
	Profile   *Community // the community of that name, when it has a page
	Anchor    string     // its id on the brand list page: "brand-12"

	line int
}

// PlainPage is any other Markdown file under content/.
type PlainPage struct {
	Title   string
	Summary string
	Date    time.Time
	Draft   bool
	Path    string // "about/"
	URL     string

	source *Source
}
