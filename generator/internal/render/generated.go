package render

import (
	"io"

	"pinzhi/generator/internal/model"
)

// generatedFiles are the files the generator writes without a layout.
// The feed and the sitemap need absolute addresses; without a base URL
// that names a host they are left out (checkBaseURL warns).
func generatedFiles(m *model.Model, pages []*Output) []*Output {
	urls := m.Site.URLs
	robots := &Output{Path: "robots.txt", MIME: "text/plain", generate: func(_ *worker, b io.Writer, r *Reads) error {
		r.add(DepSite, 0)
		_, err := io.WriteString(b, "User-agent: *\nAllow: /\n")
		if urls.Absolute() && err == nil {
			_, err = io.WriteString(b, "Sitemap: "+urls.Abs("sitemap.xml")+"\n")
		}
		return err
	}}
	if !urls.Absolute() {
		return []*Output{robots}
	}
	feed := &Output{Path: "feed.xml", MIME: "application/atom+xml", generate: func(w *worker, b io.Writer, r *Reads) error {
		return writeFeed(b, m, urls, w.articleHTML, r)
	}}
	sitemap := &Output{Path: "sitemap.xml", MIME: "application/xml", generate: func(_ *worker, b io.Writer, r *Reads) error {
		return writeSitemap(b, m, pages, urls, r)
	}}
	return []*Output{feed, sitemap, robots}
}

// Generated returns the files of a plan made without a layout, which
// Plan puts last.
func Generated(plan []*Output) []*Output {
	i := len(plan)
	for i > 0 && plan[i-1].generate != nil {
		i--
	}
	return plan[i:]
}
