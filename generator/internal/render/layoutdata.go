package render

import (
	"html/template"
	"time"

	"pinzhi/generator/internal/model"
)

// The types of this file are what layouts see. Each is a copy of a value
// of the model, made for the page being rendered, and notes what the page
// shows as the layout reaches it: reaching a community notes its front
// matter (its fields are then plain fields, which templates read fast),
// and reaching further (its neighbours, its district's list, its brand
// entries) notes that too. The page is rendered again when, and only
// when, something it reached changed (see deps.go). The fields are
// declared here rather than embedded: text/template finds an embedded
// field by a search that costs more than the rest of a page.

// PageData is what a layout receives as ".". The pointers that do not
// apply to a kind of page are nil.
type PageData struct {
	Kind        string // home, community, district, districts, brands, page, search or 404
	Title       string
	Description string // for <meta name="description"> and share cards
	Type        string // for og:type: "article" for the home page and communities, else "website"
	Image       string // the absolute address of its share image, if any
	Path        string // the page's own site-relative path: "communities/a/"
	Canonical   string // its absolute address, when the site has a host
	// Date is the day an article (the home page, a community, a plain
	// page) was published: its own date, else the edition's; zero when
	// neither is given. Updated is its file's last commit, if later.
	Date      time.Time
	Updated   time.Time
	Draft     bool // a draft, shown only when drafts are built (pinzhi serve)
	Site      *Site
	Model     *Model
	Community *Community  // on a community page
	District  *District   // on a district page
	BrandList *BrandList  // on the brand list page
	Page      *PlainPage  // on a plain page
	Search    *SearchData // on the search page
	Content   template.HTML
	// StructuredData is the page's JSON-LD, for a <script
	// type="application/ld+json">; "" without a host.
	StructuredData template.JS
}

// Site is the publication, from content/_index.md.
type Site struct {
	Title       string
	Headline    string
	Column      string // the running head, e.g. 社区轮播
	Description string
	Language    string
	Locale      string // the language as Open Graph writes it: zh_CN
	BaseURL     string // absolute ("https://example.org/pinzhi/") or a path ("/pinzhi/")
	URL         string // the link to the home page: the base URL's path
	HasFeed     bool   // whether feed.xml and sitemap.xml are written
	Organizers  []string
	Reporter    string
	Photo       *model.Photo
	Date        time.Time

	s *model.Site
	r *Reads
}

func siteView(s *model.Site, r *Reads) *Site {
	r.add(DepSite, 0)
	return &Site{Title: s.Title, Headline: s.Headline, Column: s.Column, Description: s.Description, Language: s.Language,
		Locale: locale(s.Language), BaseURL: s.BaseURL, URL: s.URL, HasFeed: s.HasFeed, Organizers: s.Organizers, Reporter: s.Reporter,
		Photo: s.Photo, Date: s.Date, s: s, r: r}
}

// Districts are the configured districts, in their order.
func (x *Site) Districts() []*District {
	ds := make([]*District, len(x.s.Districts))
	for i, d := range x.s.Districts {
		ds[i] = districtView(d, x.r)
	}
	return ds
}

// District is one of the configured districts.
type District struct {
	Name string
	Slug string
	Path string // of its page: "districts/haishu/"
	URL  string

	d *model.District
	r *Reads
}

func districtView(d *model.District, r *Reads) *District {
	r.add(DepSite, 0)
	return &District{Name: d.Name, Slug: d.Slug, Path: d.Path, URL: d.URL, d: d, r: r}
}

// Communities are the district's communities, in reading order.
func (x *District) Communities() []*Community {
	x.r.add(DepDistrict, x.r.Names.IDs[x.Slug])
	return communityViews(x.d.Communities, x.r)
}

// Community is one profiled community.
type Community struct {
	Title   string
	Slug    string
	Path    string // of its page: "communities/houdajie/"
	URL     string
	Leader  model.Leader
	Quote   string
	Summary string
	Weight  int
	Date    time.Time
	Draft   bool
	Photo   *model.Photo

	c *model.Community
	r *Reads
}

func CommunityView(c *model.Community, r *Reads) *Community {
	if c == nil {
		return nil
	}
	r.add(DepFront, c.ID)
	r.add(DepSite, 0) // its URL carries the base path
	return &Community{Title: c.Title, Slug: c.Slug, Path: c.Path, URL: c.URL, Leader: c.Leader, Quote: c.Quote,
		Summary: c.Summary, Weight: c.Weight, Date: c.Date, Draft: c.Draft, Photo: c.Photo, c: c, r: r}
}

func communityViews(cs []*model.Community, r *Reads) []*Community {
	views := make([]*Community, len(cs))
	for i, c := range cs {
		views[i] = CommunityView(c, r)
	}
	return views
}

// District is the community's district.
func (x *Community) District() *District {
	if x.c.District == nil {
		return nil
	}
	return districtView(x.c.District, x.r)
}

// Brands are the community's entries in the brand list.
func (x *Community) Brands() []*Brand {
	from := MkDep(DepBrandsOf, x.c.ID)
	bs := make([]*Brand, len(x.c.Brands))
	for i, b := range x.c.Brands {
		bs[i] = brandView(b, x.r, from)
	}
	return bs
}

// Prev is the community before this one in reading order, or nil.
func (x *Community) Prev() *Community {
	x.r.add(DepPrev, x.c.ID)
	return CommunityView(x.c.Prev, x.r)
}

// Next is the community after this one in reading order, or nil.
func (x *Community) Next() *Community {
	x.r.add(DepNext, x.c.ID)
	return CommunityView(x.c.Next, x.r)
}

// BrandList is content/brands.md.
type BrandList struct {
	Title string
	Path  string // of its page: "brands/"
	URL   string

	b *model.BrandList
	r *Reads
}

func brandListView(b *model.BrandList, r *Reads) *BrandList {
	r.add(DepBrandList, 0)
	r.add(DepSite, 0)
	return &BrandList{Title: b.Title, Path: b.Path, URL: b.URL, b: b, r: r}
}

// Entries are the brands, in the list's order.
func (x *BrandList) Entries() []*Brand {
	es := make([]*Brand, len(x.b.Entries))
	for i, b := range x.b.Entries {
		es[i] = brandView(b, x.r, MkDep(DepBrandList, 0))
	}
	return es
}

// Brand is one entry of the brand list.
type Brand struct {
	Text      string // the entry as written
	Community string // up to and including its first 社区
	Name      string // the brand itself
	Anchor    string // its id on the brand list page: "brand-12"

	b *model.Brand
	r *Reads
}

// brandView notes from, what was read to reach the entry: the whole list,
// or one community's entries.
func brandView(b *model.Brand, r *Reads, from Dep) *Brand {
	r.Deps = append(r.Deps, from)
	return &Brand{Text: b.Text, Community: b.Community, Name: b.Name, Anchor: b.Anchor, b: b, r: r}
}

// Profile is the community the entry names, when it has a page; else nil.
func (x *Brand) Profile() *Community {
	x.r.add(DepBrandLinks, 0)
	return CommunityView(x.b.Profile, x.r)
}

// PlainPage is any other Markdown file under content/.
type PlainPage struct {
	Title   string
	Summary string
	Date    time.Time
	Path    string // of its page: "about/"
	URL     string

	p *model.Page
	r *Reads
}

func plainPageView(p *model.Page, r *Reads) *PlainPage {
	r.add(DepFront, p.ID)
	r.add(DepSite, 0)
	return &PlainPage{Title: p.Title, Summary: p.Summary, Date: p.Date, Path: p.Path, URL: p.URL, p: p, r: r}
}

// Model is the whole site.
type Model struct {
	m *model.Model
	r *Reads
}

// Communities are every community, in reading order.
func (x *Model) Communities() []*Community {
	x.r.add(DepCommunities, 0)
	return communityViews(x.m.Communities, x.r)
}

// Brands is the brand list, or nil when the site has none.
func (x *Model) Brands() *BrandList {
	x.r.add(DepBrandList, 0)
	if x.m.Brands == nil {
		return nil
	}
	return brandListView(x.m.Brands, x.r)
}

// Pages are the plain pages, by path.
func (x *Model) Pages() []*PlainPage {
	x.r.add(DepPages, 0)
	ps := make([]*PlainPage, len(x.m.Pages))
	for i, p := range x.m.Pages {
		ps[i] = plainPageView(p, x.r)
	}
	return ps
}

// SearchData is what the search page's layout gets as .Search: the
// address of the index's manifest and its content, which the page carries
// so that a first query loads what it needs at once, and the address of
// the script that reads them.
type SearchData struct {
	Index    string
	Manifest string
	Script   string
}
