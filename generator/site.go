package generator

import (
	"fmt"
	"net/url"
	"strings"
)

const siteFile = "content/_index.md"

// decodeSite reads the publication's settings from content/_index.md.
// baseURL, when not empty, replaces the file's own; origin, when not
// empty, replaces the scheme and host of either.
func decodeSite(src *Source, baseURL, origin string, probs *problemList) *Site {
	r := newFieldReader(src.Path, src.BodyLine, src.front.fields, probs)
	s := &Site{source: src}
	s.Title, _ = r.requiredText("title", "title: 宁波市“十佳品质社区”推荐评议")
	s.Headline, _, _ = r.text("headline")
	s.Column, _, _ = r.text("column")
	s.Description, _, _ = r.text("description")
	s.Language, _, _ = r.text("language")
	if s.Language == "" {
		s.Language = "zh-CN"
	}
	written, line, present := r.text("baseURL")
	if baseURL == "" {
		baseURL = written
	} else {
		present = false // the flag's value: no line of the file is to blame
	}
	if !present {
		line = 0
	}
	if origin != "" {
		baseURL = withOrigin(baseURL, origin)
	}
	s.BaseURL = checkBaseURL(baseURL, src.Path, line, probs)
	s.Organizers = r.textList("organizers")
	s.Reporter, _, _ = r.text("reporter")
	s.Date = r.date("date")
	s.RawHTML = r.boolean("rawHTML")
	if p := r.mapping("photo", "write photo: on a line of its own, then indented lines caption: … and credit: …"); p != nil {
		s.Photo = &Photo{}
		s.Photo.Caption, _, _ = p.text("caption")
		s.Photo.Credit, _, _ = p.text("credit")
		p.warnUnknown()
	}
	s.Districts = decodeDistricts(r, probs)
	r.warnUnknown()
	return s
}

// checkBaseURL returns the base URL with a trailing slash. It must be an
// absolute http(s) URL, or a path starting with "/" for a site that only
// ever links to itself; "" means "/".
func checkBaseURL(raw, path string, line int, probs *problemList) string {
	noHost := "the feed and the sitemap need an absolute address and are not written; add baseURL: https://… or pass --base-url"
	if raw == "" {
		probs.warn(path, line, noHost, "no baseURL")
		return "/"
	}
	u, err := url.Parse(raw)
	hint := "write it as baseURL: https://example.org/pinzhi/ (or pass --base-url)"
	switch {
	case err != nil:
		probs.add(path, line, hint, "baseURL %q is not a URL: %v", raw, err)
		return "/"
	case u.Scheme == "" && u.Host == "" && strings.HasPrefix(u.Path, "/"):
		probs.warn(path, line, noHost, "baseURL %q names no host", raw)
	case u.Scheme != "http" && u.Scheme != "https" || u.Host == "":
		probs.add(path, line, hint, "baseURL %q must start with https:// or http:// and name a host, or be a path starting with /", raw)
		return "/"
	case u.RawQuery != "" || u.Fragment != "":
		probs.add(path, line, hint, "baseURL %q must not have a query or a fragment", raw)
		return "/"
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u.String()
}

// withOrigin keeps the path of a base URL and puts it under origin.
func withOrigin(baseURL, origin string) string {
	path := "/"
	if u, err := url.Parse(baseURL); err == nil && u.Path != "" {
		path = u.Path
	}
	return strings.TrimSuffix(origin, "/") + path
}

func decodeDistricts(r *fieldReader, probs *problemList) []*District {
	example := "write districts: on a line of its own, then for each district an indented pair of lines: - name: 海曙区 and slug: haishu"
	items := r.list("districts", example)
	if _, written := r.f["districts"]; !written {
		probs.add(r.path, r.line, example, "districts is missing: the site needs its list of districts")
	}
	var districts []*District
	names, slugs := map[string]int{}, map[string]int{}
	for _, item := range items {
		m, ok := item.Value.(fields)
		if !ok {
			probs.add(r.path, item.Line, example, "each district must have a name and a slug, but one is %s", describe(item.Value))
			continue
		}
		dr := newFieldReader(r.path, item.Line, m, probs)
		dr.prefix = "districts."
		d := &District{}
		d.Name, _ = dr.requiredText("name", "name: 海曙区")
		var slugLine int
		d.Slug, slugLine = dr.requiredText("slug", "slug: haishu")
		dr.warnUnknown()
		if why := slugProblem(d.Slug); d.Slug != "" && why != "" {
			probs.add(r.path, slugLine, slugHint, "district slug %q %s", d.Slug, why)
		}
		if first, dup := names[d.Name]; dup && d.Name != "" {
			probs.add(r.path, item.Line, "list each district once", "district %q is already listed at line %d", d.Name, first)
		}
		if first, dup := slugs[d.Slug]; dup && d.Slug != "" {
			probs.add(r.path, item.Line, "give each district its own slug", "district slug %q is already used at line %d", d.Slug, first)
		}
		names[d.Name], slugs[d.Slug] = item.Line, item.Line
		d.Path = "districts/" + d.Slug + "/"
		districts = append(districts, d)
	}
	return districts
}

// districtNames lists the configured names, for suggestions.
func districtNames(ds []*District) []string {
	names := make([]string, len(ds))
	for i, d := range ds {
		names[i] = d.Name
	}
	return names
}

func districtList(ds []*District) string {
	return fmt.Sprintf("one of %s, as listed in %s", strings.Join(districtNames(ds), "、"), siteFile)
}
