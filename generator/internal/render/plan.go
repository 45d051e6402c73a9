// Package render plans the files of a site from its model and writes
// them: each page through goldmark and its layout, on several workers,
// minified, while every value of the model a page shows is noted (its
// deps), so that after a change exactly the pages that showed what
// changed are written again. The feed, the sitemap, robots.txt, share
// cards and the layouts' data and functions are here too. Where the
// files go is the caller's: Renderer.Files.
package render

import (
	"io"

	"github.com/yuin/goldmark/ast"

	"pinzhi/generator/internal/layout"
	"pinzhi/generator/internal/model"
	"pinzhi/generator/internal/source"
)

// An Output is one file a build writes: a page rendered by a layout, or a
// file the generator makes itself (the feed, the sitemap, robots.txt).
type Output struct {
	Path string // slash path under the output folder: "communities/a/index.html"
	// source and sourceLine name what gives the file its name: a content
	// file and its slug: line, a district's line in _index.md, an asset.
	Source     string
	sourceLine int
	Kind       string // the layout kind that renders it; "" for generated files
	MIME       string // for the minifier
	// What a page shows: its title and description, and the value of the
	// model it is about, if any.
	Title, description, SitePath string
	Community                    *model.Community
	district                     *model.District
	brands                       *model.BrandList
	Page                         *model.Page
	File                         *source.File // whose body becomes .Content; nil for none
	FileID                       uint32
	trim                         func(ast.Node) // takes out of the body what the layout shows otherwise
	generate                     func(*worker, io.Writer, *Reads) error
	Data                         []byte                 // a file written as it is: an asset
	card                         string                 // the path of the page's drawn share card, if it has one
	draw                         func() ([]byte, error) // makes a file written as it is: a share card
}

// Plan lists every file of the site of m.
func Plan(m *model.Model) []*Output {
	s := m.Site
	var outs []*Output
	add := func(o *Output) { o.MIME = "text/html"; outs = append(outs, o) }
	add(&Output{Path: "index.html", Kind: "home", Title: FirstNonEmpty(s.Headline, s.Title), description: s.Description,
		File: s.File, Source: model.IndexFile})
	for _, c := range m.Communities {
		add(&Output{Path: c.Path + "index.html", Kind: "community", Title: c.Title, SitePath: c.Path, Community: c,
			description: FirstNonEmpty(c.Summary, c.Quote), File: c.File, Source: c.File.Path, sourceLine: c.SlugLine})
	}
	add(&Output{Path: "districts/index.html", Kind: "districts", Title: "区县一览", SitePath: "districts/", Source: model.IndexFile})
	for _, d := range s.Districts {
		if len(d.Communities) > 0 {
			add(&Output{Path: d.Path + "index.html", Kind: "district", Title: d.Name, SitePath: d.Path, district: d,
				Source: model.IndexFile, sourceLine: d.Line})
		}
	}
	if b := m.Brands; b != nil {
		add(&Output{Path: "brands/index.html", Kind: "brands", Title: b.Title, SitePath: b.Path, brands: b, File: b.File,
			trim: model.DropLists, Source: model.BrandsFile}) // the layout shows the list entry by entry
	}
	for _, p := range m.Pages {
		add(&Output{Path: p.Path + "index.html", Kind: "page", Title: p.Title, SitePath: p.Path, Page: p,
			description: p.Summary, File: p.File, Source: p.File.Path, sourceLine: p.SlugLine})
	}
	add(&Output{Path: "404.html", Kind: "404", Title: "页面未找到", SitePath: "404.html", Source: layout.Dir + "/404.html"})
	return append(outs, generatedFiles(m, outs)...)
}

// isList reports whether o shows a list of the whole site (the home page,
// the districts' pages, the brand list, the feed, the sitemap): such a
// file is as large as the site, and costs as much as thousands of pages.
func (o *Output) isList() bool {
	return o.Community == nil && o.Page == nil && o.Data == nil && o.draw == nil && o.Kind != "404"
}
