package model

import (
	"path"
	"strings"

	"pinzhi/generator/internal/source"
)

// reservedRoots are the first path segments the generator writes itself.
var reservedRoots = map[string]bool{
	"communities": true, "districts": true, "brands": true, "assets": true, "search": true,
	"404.html": true, "sitemap.xml": true, "feed.xml": true, "robots.txt": true, "index.html": true,
}

// decodePlainPage reads a Markdown file that is neither the site, a
// community nor the brand list: content/about.md becomes /about/.
func decodePlainPage(l *source.Loaded, probs *source.List) *Page {
	r := source.NewReader(l.File.Path, l.File.BodyLine, l.Fields, probs)
	p := &Page{File: l.File}
	p.Title, _ = r.RequiredText("title", source.M("the page's title"))
	p.Summary, _, _ = r.Text("summary")
	p.Date = r.Date("date")
	p.Draft = r.Boolean("draft")
	p.Image = readImage(r, l.File.Path)
	slug, slugLine := pageSlug(r, l.File.Path, probs)
	p.SlugLine = slugLine
	r.WarnUnknown()

	dirs := strings.Split(path.Dir(strings.TrimPrefix(l.File.Path, "content/")), "/")
	var segments []string
	for _, d := range dirs {
		if d != "." {
			segments = append(segments, slugFromName(d))
		}
	}
	if slug != "index" && slug != "_index" || len(segments) == 0 {
		segments = append(segments, slug)
	}
	p.Path = strings.Join(segments, "/") + "/"
	if reservedRoots[segments[0]] {
		probs.Add(l.File.Path, 0, "rename the file or move it to another folder",
			"its page would be /%s, but /%s/ belongs to the generator", p.Path, segments[0])
	}
	return p
}
