package generator

import (
	"html/template"
	"time"
)

// The types of this file are what layouts see. Each wraps a value of the
// model and the reads of the page being rendered: every method notes what
// it shows before it returns it, so that the page is rendered again when,
// and only when, something it showed changed (see deps.go). Layouts call
// the methods as they would read fields: {{.Community.Prev.Title}}.

// PageData is what a layout receives as ".". The pointers that do not
// apply to a kind of page are nil.
type PageData struct {
	Kind        string // home, community, district, districts, brands, page or 404
	Title       string
	Description string // for <meta name="description">
	Path        string // the page's own site-relative path: "communities/a/"
	Canonical   string // its absolute address, when the site has a host
	Site        *Site
	Model       *Model
	Community   *Community // on a community page
	District    *District  // on a district page
	BrandList   *BrandList // on the brand list page
	Page        *PlainPage // on a plain page
	Content     template.HTML
}

// Site is the publication, from content/_index.md.
type Site struct {
	s *site
	r *reads
}

func (x *Site) settings() *siteSettings { x.r.add(depSite, 0); return x.s.settings }

func (x *Site) Title() string        { return x.settings().Title }
func (x *Site) Headline() string     { return x.settings().Headline }
func (x *Site) Column() string       { return x.settings().Column } // the running head, e.g. 社区轮播
func (x *Site) Description() string  { return x.settings().Description }
func (x *Site) Language() string     { return x.settings().Language }
func (x *Site) Organizers() []string { return x.settings().Organizers }
func (x *Site) Reporter() string     { return x.settings().Reporter }
func (x *Site) Photo() *Photo        { return x.settings().Photo }
func (x *Site) Date() time.Time      { return x.settings().Date }

// BaseURL is absolute ("https://example.org/pinzhi/") or a path ("/pinzhi/").
func (x *Site) BaseURL() string { x.settings(); return x.s.BaseURL }

// URL is the link to the home page.
func (x *Site) URL() string { x.settings(); return x.s.URL }

// HasFeed reports whether feed.xml and sitemap.xml are written.
func (x *Site) HasFeed() bool { x.settings(); return x.s.HasFeed }

// Districts are the configured districts, in their order.
func (x *Site) Districts() []*District {
	x.settings()
	ds := make([]*District, len(x.s.districts))
	for i, d := range x.s.districts {
		ds[i] = &District{d, x.r}
	}
	return ds
}

// District is one of the configured districts.
type District struct {
	d *district
	r *reads
}

func (x *District) Name() string { x.r.add(depSite, 0); return x.d.Name }
func (x *District) Slug() string { x.r.add(depSite, 0); return x.d.Slug }
func (x *District) Path() string { x.r.add(depSite, 0); return x.d.Path } // "districts/haishu/"
func (x *District) URL() string  { x.r.add(depSite, 0); return x.d.URL }

// Communities are the district's communities, in reading order.
func (x *District) Communities() []*Community {
	x.r.add(depDistrict, x.r.names.ids[x.d.Slug])
	return communityViews(x.d.communities, x.r)
}

// Community is one profiled community.
type Community struct {
	c *community
	r *reads
}

func (x *Community) front() *community { x.r.file(depFront, x.c.file); return x.c }

func (x *Community) Title() string   { return x.front().Title }
func (x *Community) Slug() string    { return x.front().Slug }
func (x *Community) Path() string    { return x.front().Path } // "communities/houdajie/"
func (x *Community) Leader() Leader  { return x.front().Leader }
func (x *Community) Quote() string   { return x.front().Quote }
func (x *Community) Summary() string { return x.front().Summary }
func (x *Community) Weight() int     { return x.front().Weight }
func (x *Community) Date() time.Time { return x.front().Date }
func (x *Community) Draft() bool     { return x.front().Draft }

// URL is the link to the community's page.
func (x *Community) URL() string { x.r.add(depSite, 0); return x.front().URL }

// District is the community's district.
func (x *Community) District() *District {
	x.r.add(depSite, 0)
	if d := x.front().district; d != nil {
		return &District{d, x.r}
	}
	return nil
}

// Brands are the community's entries in the brand list.
func (x *Community) Brands() []*Brand {
	x.r.file(depBrandsOf, x.c.file)
	bs := make([]*Brand, len(x.c.brands))
	for i, b := range x.c.brands {
		bs[i] = &Brand{b, x.r, mkDep(depBrandsOf, x.r.names.ids[x.c.file.Path])}
	}
	return bs
}

// Prev is the community before this one in reading order, or nil.
func (x *Community) Prev() *Community {
	x.r.file(depPrev, x.c.file)
	return communityView(x.c.prev, x.r)
}

// Next is the community after this one in reading order, or nil.
func (x *Community) Next() *Community {
	x.r.file(depNext, x.c.file)
	return communityView(x.c.next, x.r)
}

func communityView(c *community, r *reads) *Community {
	if c == nil {
		return nil
	}
	return &Community{c, r}
}

func communityViews(cs []*community, r *reads) []*Community {
	views := make([]*Community, len(cs))
	for i, c := range cs {
		views[i] = &Community{c, r}
	}
	return views
}

// BrandList is content/brands.md.
type BrandList struct {
	b *brandList
	r *reads
}

func (x *BrandList) list() *brandList { x.r.add(depBrandList, 0); return x.b }

func (x *BrandList) Title() string { return x.list().Title }
func (x *BrandList) Path() string  { return x.list().Path }
func (x *BrandList) URL() string   { x.r.add(depSite, 0); return x.list().URL }

// Entries are the brands, in the list's order.
func (x *BrandList) Entries() []*Brand {
	es := make([]*Brand, len(x.list().entries))
	for i, b := range x.b.entries {
		es[i] = &Brand{b, x.r, mkDep(depBrandList, 0)}
	}
	return es
}

// Brand is one entry of the brand list.
type Brand struct {
	b    *brand
	r    *reads
	from dep // what was read to reach it: the whole list, or one community's entries
}

func (x *Brand) entry() *brand { x.r.deps = append(x.r.deps, x.from); return x.b }

func (x *Brand) Text() string      { return x.entry().Text }      // the entry as written
func (x *Brand) Community() string { return x.entry().Community } // up to and including its first 社区
func (x *Brand) Name() string      { return x.entry().Name }      // the brand itself
func (x *Brand) Anchor() string    { return x.entry().Anchor }    // its id on the brand list page: "brand-12"

// Profile is the community the entry names, when it has a page; else nil.
func (x *Brand) Profile() *Community {
	x.r.add(depBrandLinks, 0)
	return communityView(x.b.profile, x.r)
}

// PlainPage is any other Markdown file under content/.
type PlainPage struct {
	p *plainPage
	r *reads
}

func (x *PlainPage) page() *plainPage { x.r.file(depFront, x.p.file); return x.p }

func (x *PlainPage) Title() string   { return x.page().Title }
func (x *PlainPage) Summary() string { return x.page().Summary }
func (x *PlainPage) Date() time.Time { return x.page().Date }
func (x *PlainPage) Path() string    { return x.page().Path }
func (x *PlainPage) URL() string     { x.r.add(depSite, 0); return x.page().URL }

// Model is the whole site.
type Model struct {
	m *model
	r *reads
}

// Communities are every community, in reading order.
func (x *Model) Communities() []*Community {
	x.r.add(depCommunities, 0)
	return communityViews(x.m.communities, x.r)
}

// Brands is the brand list, or nil when the site has none.
func (x *Model) Brands() *BrandList {
	x.r.add(depBrandList, 0)
	if x.m.brands == nil {
		return nil
	}
	return &BrandList{x.m.brands, x.r}
}

// Pages are the plain pages, by path.
func (x *Model) Pages() []*PlainPage {
	x.r.add(depPages, 0)
	ps := make([]*PlainPage, len(x.m.pages))
	for i, p := range x.m.pages {
		ps[i] = &PlainPage{p, x.r}
	}
	return ps
}
