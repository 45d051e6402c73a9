package generator

import (
	"bytes"
	"encoding/binary"
	"hash"
	"hash/fnv"
	"html/template"
)

// A Page is one file the build writes: a page rendered by a layout, or a
// file the generator makes itself (the feed, the sitemap, robots.txt).
type Page struct {
	Out      string // slash path under the output folder: "communities/a/index.html"
	kind     string // the layout kind that renders it; "" for generated files
	mime     string // for the minifier
	data     *PageData
	source   *Source                   // whose body becomes .Content; nil for none
	generate func(*bytes.Buffer) error // for generated files
	// print changes whenever anything the page shows changes: a rebuild
	// writes the pages whose print differs from the last build's.
	print uint64
}

// PageData is what a layout receives as ".". Fields that do not apply to
// a kind of page are nil.
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

// plan lists every page of the model. The prints of pages depend on what
// each kind shows: see pageDeps.
func plan(m *Model, ls layouts, assetsPrint uint64) (pages []*Page, d *pageDeps) {
	d = newPageDeps(m, ls, assetsPrint)
	site := m.Site
	urls := newURLScheme(site.BaseURL)
	add := func(kind, out string, data *PageData, src *Source, print func(h hash.Hash64)) {
		data.Kind, data.Site, data.Model = kind, site, m
		if site.HasFeed && kind != "404" { // the 404 page is served at any address
			data.Canonical = urls.abs(data.Path)
		}
		if data.Description == "" {
			data.Description = site.Description
		}
		pages = append(pages, &Page{Out: out, kind: kind, mime: "text/html", data: data, source: src, print: d.print(kind, print)})
	}
	add("home", "index.html", &PageData{Title: firstNonEmpty(site.Headline, site.Title), Path: ""}, site.source, d.allCards)
	for _, c := range m.Communities {
		add("community", c.Path+"index.html", &PageData{Title: c.Title, Path: c.Path, Community: c,
			Description: firstNonEmpty(c.Summary, c.Quote)}, c.source, func(h hash.Hash64) { d.community(h, c) })
	}
	add("districts", "districts/index.html", &PageData{Title: "区县一览", Path: "districts/"}, nil, d.allCards)
	for _, dist := range site.Districts {
		if len(dist.Communities) > 0 {
			add("district", dist.Path+"index.html", &PageData{Title: dist.Name, Path: dist.Path, District: dist}, nil, d.allCards)
		}
	}
	if m.Brands != nil {
		add("brands", "brands/index.html", &PageData{Title: m.Brands.Title, Path: m.Brands.Path, BrandList: m.Brands},
			m.Brands.source, func(h hash.Hash64) { d.brands(h); d.allCards(h) })
	}
	for _, p := range m.Pages {
		add("page", p.Path+"index.html", &PageData{Title: p.Title, Path: p.Path, Page: p, Description: p.Summary}, p.source, func(hash.Hash64) {})
	}
	add("404", "404.html", &PageData{Title: "页面未找到", Path: "404.html"}, nil, func(hash.Hash64) {})
	return append(pages, generatedPages(m, d, pages)...), d
}

// cardGeneration prints what the render function's output may show besides
// a community's own front matter: the site, the assets, the partials and
// the brand list. A partial that reaches the community's neighbours or the
// model's lists cannot be cached: then every generation is new.
func (d *pageDeps) cardGeneration() uint64 {
	h := fnv.New64a()
	writeUint(h, d.common)
	writeUint(h, d.brandsPrint)
	if shared := d.layouts[sharedSet]; shared != nil {
		writeUint(h, shared.hash)
		if shared.uses("Prev", "Next", "Communities", "Model", "Pages") {
			writeUint(h, d.cards)
			for _, c := range d.model.Communities {
				writeCard(h, c) // neighbours: the order and every card
			}
		}
	}
	return h.Sum64()
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// pageDeps computes the prints of pages. A page's print covers the site
// settings, the page's layout files and the asset names, then what its kind
// shows; and when its layout names the lists of the model (Communities,
// Model, Entries, BrandList, Pages), those lists too. Over-approximating is
// safe: it only renders a page that did not need it.
type pageDeps struct {
	model       *Model
	layouts     layouts
	common      uint64
	cards       uint64 // every community's front matter, slug and order
	brandsPrint uint64
	pagesPrint  uint64
}

func newPageDeps(m *Model, ls layouts, assetsPrint uint64) *pageDeps {
	d := &pageDeps{model: m, layouts: ls}
	h := fnv.New64a()
	writeSource(h, m.Site.source)
	writeString(h, m.Site.BaseURL)
	writeUint(h, assetsPrint)
	d.common = h.Sum64()

	h.Reset()
	for _, c := range m.Communities {
		writeCard(h, c)
	}
	d.cards = h.Sum64()

	h.Reset()
	if m.Brands != nil {
		writeSource(h, m.Brands.source)
	}
	d.brandsPrint = h.Sum64()

	h.Reset()
	for _, p := range m.Pages {
		writeString(h, p.Path)
		writeUint(h, p.source.FrontHash)
	}
	d.pagesPrint = h.Sum64()
	return d
}

func (d *pageDeps) print(kind string, own func(hash.Hash64)) uint64 {
	h := fnv.New64a()
	writeString(h, kind)
	writeUint(h, d.common)
	if l := d.layouts[kind]; l != nil {
		writeUint(h, l.hash)
		if l.uses("Communities", "Model") {
			d.allCards(h)
		}
		if l.uses("BrandList", "Entries", "Model") {
			d.brands(h)
		}
		if l.uses("Pages", "Model") {
			writeUint(h, d.pagesPrint)
		}
	}
	own(h)
	return h.Sum64()
}

func (d *pageDeps) allCards(h hash.Hash64) { writeUint(h, d.cards) }
func (d *pageDeps) brands(h hash.Hash64)   { writeUint(h, d.brandsPrint) }
func (d *pageDeps) plainPages(h hash.Hash64) {
	writeUint(h, d.pagesPrint)
}

// community covers a community page: its own file, its neighbours' cards
// and its entries in the brand list.
func (d *pageDeps) community(h hash.Hash64, c *Community) {
	writeCard(h, c)
	writeUint(h, c.source.BodyHash)
	for _, n := range []*Community{c.Prev, c.Next} {
		if n != nil {
			writeCard(h, n)
		} else {
			writeString(h, "-")
		}
	}
	for _, b := range c.Brands {
		writeString(h, b.Text)
		writeString(h, b.Anchor)
	}
}

// writeCard covers what lists show of a community: its front matter,
// which holds everything but the slug a file name gives.
func writeCard(h hash.Hash64, c *Community) {
	writeString(h, c.Slug)
	writeUint(h, c.source.FrontHash)
}

func writeSource(h hash.Hash64, s *Source) {
	writeString(h, s.Path)
	writeUint(h, s.FrontHash)
	writeUint(h, s.BodyHash)
}

func writeUint(h hash.Hash64, v uint64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], v)
	h.Write(b[:])
}

func writeString(h hash.Hash64, s string) {
	h.Write([]byte(s))
	h.Write([]byte{0})
}
