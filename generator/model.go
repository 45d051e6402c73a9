package generator

import (
	"strconv"
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
	Organizers  []string
	Reporter    string
	Photo       *Photo
	Date        time.Time
	RawHTML     bool
	Districts   []*District // in the configured order

	source *Source
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
	Communities []*Community // in reading order

	line int // where _index.md configures it
}

// Path is the district index's path, relative to the site root.
func (d *District) Path() string { return "districts/" + d.Slug + "/" }

// Leader is the person who speaks for a community.
type Leader struct {
	Name string
	Role string // e.g. 党委书记
}

// Community is one profiled community.
type Community struct {
	Title    string
	Slug     string
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

// Path is the community page's path, relative to the site root.
func (c *Community) Path() string { return "communities/" + c.Slug + "/" }

// BrandList is content/brands.md: a lead and the list of brands.
type BrandList struct {
	Title   string
	Entries []*Brand

	source *Source
}

// Path is the brand list's path, relative to the site root.
func (*BrandList) Path() string { return "brands/" }

// Brand is one entry of the brand list, split at its first 社区.
type Brand struct {
	Text      string     // the entry as written
	Community string     // up to and including the first 社区
	Name      string     // the rest: the brand itself
	Profile   *Community // the community of that name, when it has a page

	index int // 1-based position in the list
	line  int
}

// Anchor is the entry's id on the brand list page: "brand-12".
func (b *Brand) Anchor() string { return "brand-" + strconv.Itoa(b.index) }

// PlainPage is any other Markdown file under content/.
type PlainPage struct {
	Title   string
	Summary string
	Date    time.Time
	Draft   bool
	path    string // "about/"

	source *Source
}

// Path is the page's path, relative to the site root.
func (p *PlainPage) Path() string { return p.path }

// HasFeed reports whether the build writes feed.xml and sitemap.xml: they
// need a base URL that names a host.
func (s *Site) HasFeed() bool { return newURLScheme(s.BaseURL).absolute() }
