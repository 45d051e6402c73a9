package generator

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/yuin/goldmark/renderer/html"

	"pinzhi/generator/internal/model"
	"pinzhi/generator/internal/source"
)

// linkRewriter makes links written from the site root ("/communities/a/",
// "/assets/photo.jpg") work wherever the site is served: it joins them to
// the base path and gives assets their hashed names.
type linkRewriter struct {
	urls   model.URLs
	assets map[string]string // "assets/photo.jpg" -> "assets/photo.1a2b3c4d5e.jpg"
}

// A bodyLink is a link from a page's body to a page of the site, kept so
// that links to pages that do not exist are reported however the page
// that makes them was built: whole, or left alone by an update.
type bodyLink struct {
	target string // site path, without the leading slash: "communities/a/"
	dest   string // as written
	line   int    // in the file
}

// rewrite returns the link a page carries for dest, as written in
// Markdown; page is the site path a link to a page of the site names, and
// missing says that dest names a file assets/ does not have.
func (l *linkRewriter) rewrite(dest string) (link, page string, missing bool) {
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
	if hashed, ok := l.assets[p]; ok {
		return l.urls.Rel(hashed) + suffix, "", false
	}
	if strings.HasPrefix(p, "assets/") {
		return l.urls.Rel(p) + suffix, "", true
	}
	return l.urls.Rel(p) + suffix, p, false
}

// deadScheme reports whether a link's scheme makes it code or a file of
// the reader's machine (javascript:, vbscript:, file:, data: other than
// a picture), which goldmark writes without its address, or, where the
// site lets raw HTML through, as it is. Either way an editor meant a link
// and gets none, so the build warns and pinzhi check reports it.
func deadScheme(dest string) bool {
	return html.IsDangerousURL([]byte(strings.TrimSpace(dest)))
}

// deadLink is the problem of a link deadScheme refuses: a warning of the
// build, an error of pinzhi check.
func deadLink(file string, line int, dest string, warning bool) source.Problem {
	return source.Problem{Path: file, Line: line, Warning: warning,
		Message: fmt.Sprintf("link to %s leads nowhere: pages never carry %s links, which run code or open the reader's own files", dest, scheme(dest)),
		Hint:    "link to a page of the site (/communities/houdajie/) or to an https:// address"}
}

// scheme is a link's scheme with its colon, in lower case.
func scheme(dest string) string {
	s, _, _ := strings.Cut(strings.TrimSpace(dest), ":")
	return strings.ToLower(s) + ":"
}

// bodyWarnings returns warnings about a page's body: links that lead to
// no page of the site as it is now, and emphasis left as text.
func bodyWarnings(rec *record, paths map[string]bool) source.Problems {
	var probs source.List
	for _, line := range rec.unparsed {
		probs.Warn(rec.file, line, `put ** (or __) right against the words it marks, with no space inside, and close each one you open; to show the stars themselves write \*\*`,
			"** or __ left as text: emphasis that did not parse")
	}
	for _, l := range rec.links {
		if !paths[l.target] && !paths[l.target+"/"] {
			probs.Warn(rec.file, l.line, "check the address; pages end with /, e.g. /communities/houdajie/",
				"link to %s leads to no page", l.dest)
		}
	}
	return probs.Problems
}

// sitePaths is the set of site-relative paths the build writes, for
// checking links: "", "communities/a/" and "feed.xml".
func sitePaths(outs []*output) map[string]bool {
	set := make(map[string]bool, len(outs))
	for _, o := range outs {
		set[strings.TrimSuffix(o.path, "index.html")] = true
	}
	return set
}
