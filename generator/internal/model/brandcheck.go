package model

import (
	"strings"

	"pinzhi/generator/internal/source"
)

// CheckBrands reports the brand entries that name a community with a page
// and still do not link to it: the entry writes the name otherwise (with
// its district before it, or without it), or two communities share the
// title. An entry one character away from a title is a warning: it may be
// a typo, or another community.
func CheckBrands(m *Model, probs *source.List) {
	if m.Brands == nil {
		return
	}
	byTitle := map[string][]*Community{}
	var titles []string
	for _, c := range m.Communities {
		if byTitle[c.Title] == nil {
			titles = append(titles, c.Title)
		}
		byTitle[c.Title] = append(byTitle[c.Title], c)
	}
	path := m.Brands.File.Path
	for _, b := range m.Brands.Entries {
		if b.Profile != nil {
			continue
		}
		if same := byTitle[b.Community]; len(same) > 1 {
			probs.Add(path, b.Line, "give the communities different titles, e.g. with their districts: "+districtTitle(same[0])+" and "+districtTitle(same[1]),
				"brand entry names %s, but %s and %s both have that title, so it links to neither", b.Community, same[0].File.Path, same[1].File.Path)
			continue
		}
		if title := titleWithin(b.Community, titles); title != "" {
			probs.Add(path, b.Line, "write the community's name as its page's title, "+title+", so that the entry links to it",
				"brand entry names %s as %s, so it does not link to its page", title, b.Community)
			continue
		}
		if near := source.Closest(b.Community, titles); near != "" && len(byTitle[near]) == 1 {
			probs.Warn(path, b.Line, "if it is that community, write its title exactly, so that the entry links to its page",
				"brand entry names %s: is it %s, which has a page?", b.Community, near)
		}
	}
}

// titleWithin returns the title that name is, but for a place before it
// (镇海区后大街社区 is 后大街社区 of 镇海区), or the title that is name with a
// place before it; "" when none is.
func titleWithin(name string, titles []string) string {
	for _, t := range titles {
		if placePrefix(name, t) || placePrefix(t, name) {
			return t
		}
	}
	return ""
}

// placePrefix reports whether long is short with the name of a place
// before it: a district, city, county, town or subdistrict.
func placePrefix(long, short string) bool {
	prefix, ok := strings.CutSuffix(long, short)
	if !ok || prefix == "" || short == CommunityMarker {
		return false
	}
	for _, end := range []string{"区", "市", "县", "镇", "乡", "街道"} {
		if strings.HasSuffix(prefix, end) {
			return true
		}
	}
	return false
}

// districtTitle is a community's title with its district before it.
func districtTitle(c *Community) string {
	if c.District == nil {
		return c.Title
	}
	return c.District.Name + c.Title
}
