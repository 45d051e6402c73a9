package render

import (
	"net/url"
	"strings"

	"github.com/yuin/goldmark/renderer/html"

	"pinzhi/generator/internal/model"
	"pinzhi/generator/internal/source"
)

// LinkRewriter makes links written from the site root ("/communities/a/",
// "/assets/photo.jpg") work wherever the site is served: it joins them to
// the base path and gives assets their hashed names.
type LinkRewriter struct {
	URLs   model.URLs
	Assets map[string]string // "assets/photo.jpg" -> "assets/photo.1a2b3c4d5e.jpg"
}

// A bodyLink is a link from a page's body to a page of the site, kept so
// that links to pages that do not exist are reported however the page
// that makes them was built: whole, or left alone by an update.
type bodyLink struct {
	target string // site path, without the leading slash: "communities/a/"
	Dest   string // as written
	Line   int    // in the file
}

// Rewrite returns the link a page carries for dest, as written in
// Markdown; page is the site path a link to a page of the site names, and
// missing says that dest names a file assets/ does not have.
func (l *LinkRewriter) Rewrite(dest string) (link, page string, missing bool) {
	if !strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, "//") {
		return dest, "", false // relative, or another site
	}
	p, suffix := dest, ""
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		p, suffix = dest[:i], dest[i:]
	}
	p = strings.TrimPrefix(p, "/")
	if unescaped, err := url.PathUnescape(p); err == nil {
		p = unescaped
	}
	if hashed, ok := l.Assets[p]; ok {
		return l.URLs.Rel(hashed) + suffix, "", false
	}
	if strings.HasPrefix(p, "assets/") {
		return l.URLs.Rel(p) + suffix, "", true
	}
	return l.URLs.Rel(p) + suffix, p, false
}

// DeadScheme reports whether a link's scheme makes it code or a file of
// the reader's machine (javascript:, vbscript:, file:, data: other than
// a picture), which goldmark writes without its address, or, where the
// site lets raw HTML through, as it is. Either way an editor meant a link
// and gets none, so the build warns and pinzhi check reports it.
func DeadScheme(dest string) bool {
	return html.IsDangerousURL([]byte(strings.TrimSpace(dest)))
}

// DeadLink is the problem of a link deadScheme refuses: a warning of the
// build, an error of pinzhi check.
func DeadLink(file string, line int, dest string, warning bool) source.Problem {
	p := source.Errorf(file, line, source.M("link to a page of the site (/communities/houdajie/) or to an https:// address"),
		"link to %s leads nowhere: pages never carry %s links, which run code or open the reader's own files", dest, scheme(dest))
	p.Warning = warning
	return p
}

// scheme is a link's scheme with its colon, in lower case.
func scheme(dest string) string {
	s, _, _ := strings.Cut(strings.TrimSpace(dest), ":")
	return strings.ToLower(s) + ":"
}

// BodyWarnings returns warnings about a page's body: links that lead to
// no page of the site as it is now, and emphasis left as text.
func BodyWarnings(rec *Record, paths map[string]bool) source.Problems {
	var probs source.List
	for _, line := range rec.unparsed {
		probs.Warn(rec.File, line, `put ** (or __) right against the words it marks, with no space inside, and close each one you open; to show the stars themselves write \*\*`,
			"** or __ left as text: emphasis that did not parse")
	}
	for _, l := range rec.Links {
		if !paths[l.target] && !paths[l.target+"/"] {
			probs.Warn(rec.File, l.Line, "check the address; pages end with /, e.g. /communities/houdajie/",
				"link to %s leads to no page", l.Dest)
		}
	}
	return probs.Problems
}

// SitePaths is the set of site-relative paths the build writes, for
// checking links: "", "communities/a/" and "feed.xml".
func SitePaths(outs []*Output) map[string]bool {
	set := make(map[string]bool, len(outs))
	for _, o := range outs {
		set[strings.TrimSuffix(o.Path, "index.html")] = true
	}
	return set
}
