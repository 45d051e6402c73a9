package model

import (
	"net/url"
	"regexp"
	"strings"
	"time"

	"pinzhi/generator/internal/markup"
	"pinzhi/generator/internal/source"
)

const IndexFile = "content/_index.md"

// decodeSite reads the publication's settings from content/_index.md.
func decodeSite(l *source.Loaded, probs *source.List) *Settings {
	r := source.NewReader(l.File.Path, l.File.BodyLine, l.Fields, probs)
	s := &Settings{File: l.File}
	s.Title, _ = r.RequiredText("title", source.M("the publication's title"))
	s.Headline, _, _ = r.Text("headline")
	s.Column, _, _ = r.Text("column")
	s.Description, _, _ = r.Text("description")
	s.Language, _, _ = r.Text("language")
	if s.Language == "" {
		s.Language = "zh-CN"
	}
	var present bool
	s.WrittenBaseURL, s.BaseURLLine, present = r.Text("baseURL")
	if !present {
		s.BaseURLLine = 0
	}
	s.Organizers = r.TextList("organizers")
	s.Reporter, _, _ = r.Text("reporter")
	s.Date = r.Date("date")
	s.RawHTML = r.Boolean("rawHTML")
	s.Image = readImage(r, l.File.Path)
	s.TagAuthority = readTagAuthority(r, probs, l.File.Path)
	s.Photo = readPhoto(r, l.File.Path)
	s.Publisher = readPublisher(r, l.File.Path)
	s.ShareFont, s.ShareFontLine, _ = r.Text("shareFont")
	decodeDeploy(r, probs) // checked with every build; pinzhi deploy reads it alone (ReadDeployTarget)
	s.DistrictSettings = decodeDistricts(r, probs)
	s.Limits = decodeLimits(r)
	r.WarnUnknown()
	return s
}

// decodeLimits reads the limits: group, each a bound on what one page may
// cost (see markup.Limits); what it leaves out keeps its default.
func decodeLimits(r *source.Reader) markup.Limits {
	l := markup.DefaultLimits()
	lr := r.Mapping("limits", source.M("write limits: on a line of its own, then indented lines such as nesting: 32"))
	if lr == nil {
		return l
	}
	for _, f := range []struct {
		key string
		to  *int
	}{{"nesting", &l.Nesting}, {"tableCells", &l.TableCells}, {"linkOpeners", &l.LinkOpeners},
		{"codeSpans", &l.CodeSpans}, {"references", &l.References}, {"elements", &l.Elements}} {
		if n := lr.PositiveInteger(f.key); n > 0 {
			*f.to = n
		}
	}
	if mb := lr.PositiveInteger("pageMB"); mb > 0 {
		l.PageBytes = int64(mb) << 20
	}
	if s := lr.PositiveInteger("renderSeconds"); s > 0 {
		l.RenderTime = time.Duration(s) * time.Second
	}
	lr.WarnUnknown()
	return l
}

// linkSite makes the site of the settings and the options: the --base-url
// flag replaces the file's base URL, and the dev server's origin its host.
func linkSite(s *Settings, opts LinkOptions, probs *source.List) *Site {
	baseURL, line := s.WrittenBaseURL, s.BaseURLLine
	if opts.BaseURL != "" {
		baseURL, line = opts.BaseURL, 0 // the flag's value: no line of the file is to blame
	}
	if opts.Origin != "" {
		baseURL = withOrigin(baseURL, opts.Origin)
	}
	st := &Site{Settings: s, BaseURL: checkBaseURL(baseURL, IndexFile, line, probs)}
	if u, err := url.Parse(st.BaseURL); err == nil && u.Host != "" && PlaceholderHost(u) && opts.Origin == "" {
		probs.Warn(IndexFile, line, "write the address readers will open as baseURL: in content/_index.md, or pass --base-url to pinzhi build",
			"baseURL %s is not the site's address: canonical links, share cards, the feed and the sitemap point there", st.BaseURL)
	}
	for _, d := range s.DistrictSettings {
		st.Districts = append(st.Districts, &District{Name: d.Name, Slug: d.Slug, Path: "districts/" + d.Slug + "/", Line: d.Line})
	}
	return st
}

// checkBaseURL returns the base URL with a trailing slash. It must be an
// absolute http(s) URL, or a path starting with "/" for a site that only
// ever links to itself; "" means "/".
func checkBaseURL(raw, path string, line int, probs *source.List) string {
	noHost := "the feed and the sitemap need an absolute address and are not written; add baseURL: https://… or pass --base-url"
	if raw == "" {
		probs.Warn(path, line, noHost, "no baseURL")
		return "/"
	}
	u, err := url.Parse(raw)
	hint := "write the address readers open, starting with https:// (or pass --base-url)"
	if err == nil && u.Scheme == "" && u.Host == "" && !strings.HasPrefix(raw, "/") {
		hint = "write it as baseURL: https://" + raw + " (or pass --base-url)" // the editor's own address, with what it lacks
	}
	switch {
	case err != nil:
		probs.Add(path, line, hint, "baseURL %q is not a URL: %v", raw, err)
		return "/"
	case u.Scheme == "" && u.Host == "" && strings.HasPrefix(u.Path, "/"):
		probs.Warn(path, line, noHost, "baseURL %q names no host", raw)
	case u.Scheme != "http" && u.Scheme != "https" || u.Host == "":
		probs.Add(path, line, hint, "baseURL %q must start with https:// or http:// and name a host, or be a path starting with /", raw)
		return "/"
	case u.RawQuery != "" || u.Fragment != "" || u.ForceQuery:
		probs.Add(path, line, hint, "baseURL %q must not have a query or a fragment", raw)
		return "/"
	case u.User != nil:
		probs.Add(path, line, "write it without them, as baseURL: "+redactUser(u)+" (a host that asks for a password asks the reader's browser)",
			"baseURL carries a user name or password before its host, which every page, the feed and the sitemap would publish")
		return "/"
	case hasDotSegment(u.Path):
		probs.Add(path, line, "write the path without . and .. segments, e.g. baseURL: "+withCleanPath(u),
			"baseURL %q has . or .. segments in its path, which browsers and servers resolve differently", raw)
		return "/"
	}
	if u.Host != "" {
		host, err := CanonicalHost(u)
		if err != nil {
			probs.Add(path, line, hint, "baseURL %q names a host that is not a valid name: %v", raw, err)
			return "/"
		}
		u.Host = host
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

func decodeDistricts(r *source.Reader, probs *source.List) []DistrictSetting {
	example := source.M("write districts: on a line of its own, then for each district an indented pair of lines: - name: followed by its name, and slug: followed by its address segment in Latin letters")
	items := r.List("districts", example)
	if !r.Written("districts") {
		probs.AddM(r.Path, r.Line, example, "districts is missing: the site needs its list of districts")
	}
	var districts []DistrictSetting
	names, slugs := map[string]int{}, map[string]int{}
	for _, item := range items {
		dr := r.Item(item, "districts", example)
		if dr == nil {
			continue
		}
		d := DistrictSetting{Line: item.Line}
		d.Name, _ = dr.RequiredText("name", source.M("the district's name"))
		var slugLine int
		d.Slug, slugLine = dr.RequiredText("slug", source.M("its address segment in Latin letters (its pinyin)"))
		d.Slug = NFC(d.Slug)
		dr.WarnUnknown()
		if why := SlugProblem(d.Slug); d.Slug != "" && why.Format != "" {
			probs.AddM(r.Path, slugLine, SlugHint(d.Slug), "district slug %q %s", d.Slug, why)
		}
		if first, dup := names[d.Name]; dup && d.Name != "" {
			probs.Add(r.Path, item.Line, "list each district once", "district %q is already listed at line %d", d.Name, first)
		}
		if first, dup := slugs[d.Slug]; dup && d.Slug != "" {
			probs.Add(r.Path, item.Line, "give each district its own slug", "district slug %q is already used at line %d", d.Slug, first)
		}
		names[d.Name], slugs[d.Slug] = item.Line, item.Line
		districts = append(districts, d)
	}
	return districts
}

// DistrictNames lists the configured names, for suggestions.
func DistrictNames(ds []*District) []string {
	names := make([]string, len(ds))
	for i, d := range ds {
		names[i] = d.Name
	}
	return names
}

func DistrictList(ds []*District) source.Msg {
	return source.M("one of %s, as listed in %s", strings.Join(DistrictNames(ds), "、"), IndexFile)
}

// tagAuthorityPattern is a tag: URI's authority (RFC 4151): a domain and a
// date on which it was the publisher's.
var tagAuthorityPattern = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+,\d{4}(-\d{2}(-\d{2})?)?$`)

func readTagAuthority(r *source.Reader, probs *source.List, file string) string {
	v, line, _ := r.Text("tagAuthority")
	if v != "" && !tagAuthorityPattern.MatchString(v) {
		probs.Add(file, line, "write a domain the paper held and a date it held it: tagAuthority: example.org,2016",
			"tagAuthority %q is not a domain and a date", v)
		return ""
	}
	return v
}

// readPublisher reads the publisher: group: a name (required), a url and
// a logo.
func readPublisher(r *source.Reader, file string) *Publisher {
	p := r.Mapping("publisher", source.M("write publisher: on a line of its own, then indented lines name: followed by the publisher's name, and logo: followed by its logo's file name in assets/"))
	if p == nil {
		return nil
	}
	pub := &Publisher{Logo: readImageKey(p, file, "logo")}
	pub.Name, _ = p.RequiredText("name", source.M("the publisher's name"))
	pub.URL, _, _ = p.Text("url")
	p.WarnUnknown()
	return pub
}
