package generator

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"pinzhi/generator/internal/layout"
	"pinzhi/generator/internal/linkcheck"
	"pinzhi/generator/internal/model"
	"pinzhi/generator/internal/render"
	"pinzhi/generator/internal/source"
)

// maxSuggestions bounds how many broken links get a "did you mean": each
// compares the address with every page's.
const maxSuggestions = 100

// siteChecker follows the links of a built site.
type siteChecker struct {
	base     *url.URL // absolute, with the base path
	files    map[string]bool
	pages    map[string]linkcheck.Page // the HTML files, by output path
	outputs  []*render.Output
	records  map[string]*render.Record
	problems source.List
	followed int
	// external lists, for each address outside the site, where it is
	// linked from.
	external map[string][]place
	// layoutLinks are the broken links no body wrote, by what is wrong,
	// with the pages they are on: one problem each, not one a page.
	layoutLinks map[string][]string
	suggested   int
}

// A place is where a link is written: a line of a content file, or a
// layout on some page.
type place struct {
	file string // "" for a layout
	line int
	dest string // as written in the file, or the href a layout wrote
	page string // the page's address, for a layout's link
}

// siteHost stands for the host of a site whose base URL has none, so that
// addresses resolve; no link of the site can name it.
const siteHost = "site.invalid"

func newSiteChecker(st *state, out string) (*siteChecker, error) {
	base := *st.model.Site.URLs.Base()
	if base.Host == "" {
		base.Scheme, base.Host = "http", siteHost
	}
	c := &siteChecker{base: &base, files: map[string]bool{}, pages: map[string]linkcheck.Page{},
		outputs: st.outputs, records: st.records, external: map[string][]place{}, layoutLinks: map[string][]string{}}
	for _, o := range st.outputs {
		c.files[o.Path] = true
		if !strings.HasSuffix(o.Path, ".html") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(o.Path)))
		if errors.Is(err, fs.ErrNotExist) {
			continue // the page of a file with errors, which are reported (see keepGoing)
		}
		if err != nil {
			return nil, err
		}
		c.pages[o.Path] = linkcheck.Scan(data)
	}
	return c, nil
}

// followAll follows every link and checks every image of every page.
func (c *siteChecker) followAll() {
	for _, o := range c.outputs {
		page, ok := c.pages[o.Path]
		if !ok {
			continue
		}
		refs := c.bodyRefs(o)
		pageURL := &url.URL{Scheme: c.base.Scheme, Host: c.base.Host, Path: c.base.Path + strings.TrimSuffix(o.Path, "index.html")}
		seen := map[string]bool{}
		for _, href := range page.Links {
			if seen[href] {
				continue
			}
			seen[href] = true
			c.followed++
			c.follow(o, pageURL, href, refs)
		}
		c.checkImages(o, page, refs, pageURL.Path)
	}
}

// checkImages reports the images of a page's body without alt text, at
// their lines, and the images of its layouts without an alt attribute
// (alt="" marks a picture as decoration).
func (c *siteChecker) checkImages(o *render.Output, page linkcheck.Page, refs map[string][]place, path string) {
	if rec := c.records[o.Path]; rec != nil {
		for _, img := range rec.NoAlt {
			dest := img.Href
			for _, r := range refs[sameHref(img.Href)] {
				if r.line == img.Line {
					dest = r.dest
				}
			}
			c.problems.Add(rec.File, img.Line, "write what the picture shows between the brackets: ![社区志愿者在巡河](/assets/photo.jpg)",
				"image %s has no alt text: a reader who cannot see it learns nothing", dest)
		}
	}
	for _, img := range page.Images {
		if !img.HasAlt && len(refs[sameHref(img.Src)]) == 0 {
			key := "image " + img.Src + " has no alt attribute"
			c.layoutLinks[key] = append(c.layoutLinks[key], path)
		}
	}
}

// bodyRefs are the places the page's body writes each href.
func (c *siteChecker) bodyRefs(o *render.Output) map[string][]place {
	rec := c.records[o.Path]
	if rec == nil || len(rec.Refs) == 0 {
		return nil
	}
	refs := map[string][]place{}
	for _, r := range rec.Refs {
		key := sameHref(r.Href)
		refs[key] = append(refs[key], place{file: rec.File, line: r.Line, dest: r.Dest})
	}
	return refs
}

// sameHref is an href as the browser reads it, so that a link the body
// wrote as #治理经验 is found in the page as #%E6%B2%BB%E7%90%86…, as
// goldmark escapes it.
func sameHref(href string) string {
	if u, err := url.PathUnescape(href); err == nil {
		return u
	}
	return href
}

// follow resolves one href of a page and reports it when it leads nowhere.
func (c *siteChecker) follow(o *render.Output, pageURL *url.URL, href string, refs map[string][]place) {
	places := refs[sameHref(href)]
	if len(places) == 0 {
		places = []place{{dest: href, page: pageURL.Path}}
	}
	u, err := pageURL.Parse(strings.TrimSpace(href))
	if err != nil {
		c.brokenAll(places, href, source.M("is not a valid address"), source.M("correct it"))
		return
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return // mailto:, tel:, data:, javascript: lead to no page
	}
	host, _ := model.CanonicalHost(u)
	rel, inside := strings.CutPrefix(u.Path, c.base.Path)
	if host != c.base.Host || !inside && namesHost(href) {
		// Another host, or this host outside the site's path, written
		// with the host: an address outside the site, the newspaper's
		// own front page as much as another's.
		u.Fragment, u.RawFragment = "", ""
		c.external[u.String()] = append(c.external[u.String()], places...)
		return
	}
	if !inside {
		c.brokenAll(places, href, source.M("leads outside the site, whose addresses start with %s", c.base.Path), source.M("write it from the site root, starting with /"))
		return
	}
	target, ok := c.target(rel)
	if !ok {
		c.brokenAll(places, href, source.M("leads to no page"), c.pageHint(rel))
		return
	}
	if frag := u.Fragment; frag != "" && frag != "top" {
		if ids := c.pages[target].IDs; !ids[frag] {
			c.brokenAll(places, href, source.M("leads to /%s, which has no #%s", strings.TrimSuffix(target, "index.html"), frag), anchorHint(ids, frag))
		}
	}
}

// namesHost reports whether an href names its host (https://…, //…),
// rather than a path on the page's own.
func namesHost(href string) bool {
	u, err := url.Parse(strings.TrimSpace(href))
	return err == nil && u.Host != ""
}

// target is the file a site path is served from: a folder's index.html,
// or the file itself; ok is false when the site has neither.
func (c *siteChecker) target(rel string) (string, bool) {
	switch {
	case rel == "" || strings.HasSuffix(rel, "/"):
		return rel + "index.html", c.files[rel+"index.html"]
	case c.files[rel]:
		return rel, true
	case c.files[rel+"/index.html"]:
		return rel + "/index.html", true // hosts redirect a folder's address without its slash
	}
	return "", false
}

// pageHint suggests the page a broken address most resembles.
func (c *siteChecker) pageHint(rel string) source.Msg {
	hint := source.M("check the address; pages end with /")
	if c.suggested >= maxSuggestions {
		return hint
	}
	c.suggested++
	var paths []string
	for f := range c.files {
		if p, ok := strings.CutSuffix(f, "index.html"); ok {
			paths = append(paths, p)
		}
	}
	slices.Sort(paths)
	if near := source.Closest(strings.TrimSuffix(rel, "/")+"/", paths); near != "" {
		return source.M("did you mean /%s?", near)
	}
	return hint
}

// anchorHint suggests the id an #anchor most resembles.
func anchorHint(ids map[string]bool, frag string) source.Msg {
	all := slices.Sorted(maps.Keys(ids))
	if near := source.Closest(frag, all); near != "" {
		return source.M("change #%s to #%s, which the page has", frag, near)
	}
	return source.M("remove #%s to link to the page's top, or write after # the text of one of its headings, which is its id", frag)
}

func (c *siteChecker) brokenAll(places []place, href string, what, hint source.Msg) {
	for _, p := range places {
		c.broken(p, href, what, hint)
	}
}

// broken reports a link that leads nowhere where it is written: a body's
// line, or, for a layout's, once for all the pages it is on.
func (c *siteChecker) broken(p place, href string, what, hint source.Msg) {
	if p.file != "" {
		c.problems.AddM(p.file, p.line, hint, "link to %s %s", p.dest, what)
		return
	}
	key := "link to " + href + " " + what.String() + "\x00" + hint.String()
	c.layoutLinks[key] = append(c.layoutLinks[key], p.page)
}

// reportLayoutProblems reports each broken link of the layouts once, with
// how many pages show it.
func (c *siteChecker) reportLayoutProblems() {
	for _, key := range slices.Sorted(maps.Keys(c.layoutLinks)) {
		pages := slices.Compact(slices.Sorted(slices.Values(c.layoutLinks[key])))
		what, hint, _ := strings.Cut(key, "\x00")
		on := "on " + pages[0]
		if len(pages) > 1 {
			on = fmt.Sprintf("on %d pages, e.g. %s", len(pages), pages[0])
		}
		c.problems.Add(layout.Dir+"/", 0, cmp.Or(hint, "fix the layout that writes it: base.html, a partial or the page kind's file"), "%s: %s", on, what)
	}
}
