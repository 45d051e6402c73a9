package generator

import (
	"path"
	"strings"
)

// reservedRoots are the first path segments the generator writes itself.
var reservedRoots = map[string]bool{
	"communities": true, "districts": true, "brands": true, "assets": true,
	"404.html": true, "sitemap.xml": true, "feed.xml": true, "robots.txt": true, "index.html": true,
}

// decodePlainPage reads a Markdown file that is neither the site, a
// community nor the brand list: content/about.md becomes /about/.
func decodePlainPage(src *Source, probs *problemList) *PlainPage {
	r := newFieldReader(src.Path, src.BodyLine, src.front.fields, probs)
	p := &PlainPage{source: src}
	p.Title, _ = r.requiredText("title", "title: 关于本专题")
	p.Summary, _, _ = r.text("summary")
	p.Date = r.date("date")
	p.Draft = r.boolean("draft")
	slug := pageSlug(r, src.Path, probs)
	r.warnUnknown()

	dirs := strings.Split(path.Dir(strings.TrimPrefix(src.Path, "content/")), "/")
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
		probs.add(src.Path, 0, "rename the file or move it to another folder",
			"its page would be /%s, but /%s/ belongs to the generator", p.Path, segments[0])
	}
	return p
}
