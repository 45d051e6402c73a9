package generator

import (
	"fmt"
	"io"

	"github.com/yuin/goldmark/ast"

	"pinzhi/generator/internal/layout"
	"pinzhi/generator/internal/model"
	"pinzhi/generator/internal/source"
)

// An output is one file a build writes: a page rendered by a layout, or a
// file the generator makes itself (the feed, the sitemap, robots.txt).
type output struct {
	path string // slash path under the output folder: "communities/a/index.html"
	// source and sourceLine name what gives the file its name: a content
	// file and its slug: line, a district's line in _index.md, an asset.
	source     string
	sourceLine int
	kind       string // the layout kind that renders it; "" for generated files
	mime       string // for the minifier
	// What a page shows: its title and description, and the value of the
	// model it is about, if any.
	title, description, sitePath string
	community                    *model.Community
	district                     *model.District
	brands                       *model.BrandList
	page                         *model.Page
	file                         *source.File // whose body becomes .Content; nil for none
	fileID                       uint32
	trim                         func(ast.Node) // takes out of the body what the layout shows otherwise
	generate                     func(io.Writer, *reads) error
	data                         []byte // a file written as it is: an asset
}

// plan lists every file of the site of m.
func plan(m *model.Model) []*output {
	s := m.Site
	var outs []*output
	add := func(o *output) { o.mime = "text/html"; outs = append(outs, o) }
	add(&output{path: "index.html", kind: "home", title: firstNonEmpty(s.Headline, s.Title), description: s.Description,
		file: s.File, source: model.IndexFile})
	for _, c := range m.Communities {
		add(&output{path: c.Path + "index.html", kind: "community", title: c.Title, sitePath: c.Path, community: c,
			description: firstNonEmpty(c.Summary, c.Quote), file: c.File, source: c.File.Path, sourceLine: c.SlugLine})
	}
	add(&output{path: "districts/index.html", kind: "districts", title: "区县一览", sitePath: "districts/", source: model.IndexFile})
	for _, d := range s.Districts {
		if len(d.Communities) > 0 {
			add(&output{path: d.Path + "index.html", kind: "district", title: d.Name, sitePath: d.Path, district: d,
				source: model.IndexFile, sourceLine: d.Line})
		}
	}
	if b := m.Brands; b != nil {
		add(&output{path: "brands/index.html", kind: "brands", title: b.Title, sitePath: b.Path, brands: b, file: b.File,
			trim: model.DropLists, source: model.BrandsFile}) // the layout shows the list entry by entry
	}
	for _, p := range m.Pages {
		add(&output{path: p.Path + "index.html", kind: "page", title: p.Title, sitePath: p.Path, page: p,
			description: p.Summary, file: p.File, source: p.File.Path, sourceLine: p.SlugLine})
	}
	add(&output{path: "404.html", kind: "404", title: "页面未找到", sitePath: "404.html", source: layout.Dir + "/404.html"})
	return append(outs, generatedFiles(m, outs)...)
}

// isList reports whether o shows a list of the whole site (the home page,
// the districts' pages, the brand list, the feed, the sitemap): such a
// file is as large as the site, and costs as much as thousands of pages.
func (o *output) isList() bool {
	return o.community == nil && o.page == nil && o.data == nil && o.kind != "404"
}

// pageData is what the layout of o receives, its values noting what the
// page reads into r.
func (o *output) pageData(m *model.Model, r *reads) *PageData {
	s := m.Site
	d := &PageData{Kind: o.kind, Title: o.title, Description: o.description, Type: "website", Path: o.sitePath,
		Site: siteView(s, r), Model: &Model{m, r}}
	if o.kind == "home" || o.community != nil {
		d.Type = "article"
	}
	if s.HasFeed && o.kind != "404" { // the 404 page is served at any address
		d.Canonical = model.NewURLs(s.BaseURL).Abs(o.sitePath)
	}
	if o.community != nil {
		d.Community = communityView(o.community, r)
	}
	if o.district != nil {
		d.District = districtView(o.district, r)
		d.Description = listDescription(d.District.Name+"的品质社区：", communityTitles(d.District.Communities()))
	}
	if o.kind == "districts" {
		var names []string
		for _, dv := range d.Site.Districts() {
			if n := len(dv.Communities()); n > 0 {
				names = append(names, fmt.Sprintf("%s%d个", dv.Name, n))
			}
		}
		d.Description = listDescription("各区县的品质社区：", names)
	}
	if o.brands != nil {
		d.BrandList = brandListView(o.brands, r)
	}
	if o.page != nil {
		d.Page = plainPageView(o.page, r)
	}
	return d
}

func communityTitles(cs []*Community) []string {
	titles := make([]string, len(cs))
	for i, c := range cs {
		titles[i] = c.Title
	}
	return titles
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
