package generator

import (
	"bytes"
	"html/template"

	"github.com/yuin/goldmark/ast"
)

// A Page is one file the build writes: a page rendered by a layout, or a
// file the generator makes itself (the feed, the sitemap, robots.txt).
type Page struct {
	Out      string // slash path under the output folder: "communities/a/index.html"
	kind     string // the layout kind that renders it; "" for generated files
	mime     string // for the minifier
	data     *PageData
	source   *Source                   // whose body becomes .Content; nil for none
	trim     func(ast.Node)            // takes out of the body what the layout shows otherwise; may be nil
	generate func(*bytes.Buffer) error // for generated files
	// print changes whenever anything the page shows changes: a rebuild
	// writes the pages whose print differs from the last build's.
	print uint64
	own   func(*printer) // adds what the page itself shows to its print
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
	add := func(kind, out string, data *PageData, src *Source, print func(h *printer)) *Page {
		data.Kind, data.Site, data.Model = kind, site, m
		if site.HasFeed && kind != "404" { // the 404 page is served at any address
			data.Canonical = urls.abs(data.Path)
		}
		if data.Description == "" {
			data.Description = site.Description
		}
		p := &Page{Out: out, kind: kind, mime: "text/html", data: data, source: src, print: d.print(kind, print), own: print}
		pages = append(pages, p)
		return p
	}
	add("home", "index.html", &PageData{Title: firstNonEmpty(site.Headline, site.Title), Path: ""}, site.source, d.allCards)
	for _, c := range m.Communities {
		add("community", c.Path+"index.html", &PageData{Title: c.Title, Path: c.Path, Community: c,
			Description: firstNonEmpty(c.Summary, c.Quote)}, c.source, func(h *printer) { d.community(h, c) })
	}
	add("districts", "districts/index.html", &PageData{Title: "区县一览", Path: "districts/"}, nil, d.allCards)
	for _, dist := range site.Districts {
		if len(dist.Communities) > 0 {
			add("district", dist.Path+"index.html", &PageData{Title: dist.Name, Path: dist.Path, District: dist}, nil, d.allCards)
		}
	}
	if m.Brands != nil {
		brands := add("brands", "brands/index.html", &PageData{Title: m.Brands.Title, Path: m.Brands.Path, BrandList: m.Brands},
			m.Brands.source, func(h *printer) { d.brands(h); d.allCards(h) })
		brands.trim = dropLists // the layout shows the list entry by entry
	}
	for _, p := range m.Pages {
		add("page", p.Path+"index.html", &PageData{Title: p.Title, Path: p.Path, Page: p, Description: p.Summary},
			p.source, func(h *printer) { h.source(p.source) })
	}
	add("404", "404.html", &PageData{Title: "页面未找到", Path: "404.html"}, nil, func(*printer) {})
	return append(pages, generatedPages(m, d, pages)...), d
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
