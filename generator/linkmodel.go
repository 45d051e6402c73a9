package generator

import (
	"cmp"
	"slices"
	"time"

	"pinzhi/generator/internal/markup"
	"pinzhi/generator/internal/source"
)

// link makes the model of the loaded content files, taken in the order of
// names, linking the decoded values in place: a model of 50,000
// communities is not copied for each change. The model of the last good
// build shares them, and is not used again once another has been linked
// (see Builder.stale). it resolves each community's district, checks that no two pages
// take one address, leaves drafts out unless opts.Drafts is set, and
// links what is derived: reading order, neighbours, the districts' lists,
// the brand entries' communities, every link. Every problem found, those
// of loading included, goes to probs. It returns nil when there is no
// content/_index.md to make a site of.
func link(files map[string]*sourceFile, names []string, opts Options, probs *source.List) *model {
	for _, name := range names {
		if ps := files[name].problems; len(ps) > 0 {
			probs.AddAll(ps)
		}
	}
	settings := files[siteFile]
	if settings == nil || settings.settings == nil {
		if settings == nil {
			probs.Add(siteFile, 0, "create it with the site's title and its list of districts (see the README)", "file not found: the site needs it")
		}
		return nil
	}
	m := &model{site: linkSite(settings.settings, opts, probs), communities: make([]*community, 0, len(names))}
	dates := map[string]time.Time{}
	if opts.FileDates != nil {
		dates = opts.FileDates()
	}
	m.site.committed = dates[siteFile]
	for _, name := range names {
		checkLimits(files[name], m.site.limits, probs)
	}
	owners := make(map[string]string, len(names)) // "communities/a/" -> the file that claimed it
	for _, name := range names {
		sf := files[name]
		switch {
		case sf.community != nil:
			c := sf.community
			c.district, c.prev, c.next, c.brands = lookupDistrict(c, m.site, probs), nil, nil, nil
			c.committed = dates[name]
			claimPath(owners, c.Path, name, probs)
			if !c.Draft || opts.Drafts {
				m.communities = append(m.communities, c)
			}
		case sf.page != nil:
			sf.page.committed = dates[name]
			claimPath(owners, sf.page.Path, name, probs)
			if !sf.page.Draft || opts.Drafts {
				m.pages = append(m.pages, sf.page)
			}
		case sf.brands != nil:
			m.brands = sf.brands
			for _, b := range m.brands.entries {
				b.profile = nil
			}
		}
	}
	sortCommunities(m.communities)
	linkCommunities(m)
	setURLs(m)
	return m
}

// checkLimits reports what of a file's body is over the site's limits.
func checkLimits(sf *sourceFile, limits markup.Limits, probs *source.List) {
	if sf.file == nil {
		return
	}
	for _, v := range sf.stats.Check(limits) {
		line := 0
		if v.Line > 0 {
			line = sf.file.BodyLine + v.Line - 1
		}
		probs.Add(sf.file.Path, line, v.Hint, "%s", v.Message)
	}
}

// claimPath records that file owns the page at p, or reports that another
// file owns it already.
func claimPath(owners map[string]string, p, file string, probs *source.List) {
	if owner, taken := owners[p]; taken {
		probs.Add(file, 0, "give one of them another slug: line or file name", "its page /%s is also the page of %s", p, owner)
		return
	}
	owners[p] = file
}

func sortCommunities(cs []*community) {
	// Weight 0 means "not set": such pages come after the weighted ones.
	weight := func(c *community) int {
		if c.Weight == 0 {
			return int(^uint(0) >> 1)
		}
		return c.Weight
	}
	slices.SortFunc(cs, func(a, b *community) int {
		return cmp.Or(cmp.Compare(weight(a), weight(b)), cmp.Compare(a.Slug, b.Slug), cmp.Compare(a.file.Path, b.file.Path))
	})
}

// linkCommunities fills in neighbours, the districts' lists and the
// brand entries' communities.
func linkCommunities(m *model) {
	byTitle := make(map[string]*community, len(m.communities))
	ambiguous := map[string]bool{}
	for i, c := range m.communities {
		if i > 0 {
			c.prev = m.communities[i-1]
			m.communities[i-1].next = c
		}
		if c.district != nil {
			c.district.communities = append(c.district.communities, c)
		}
		if byTitle[c.Title] != nil {
			ambiguous[c.Title] = true
		}
		byTitle[c.Title] = c
	}
	if m.brands == nil {
		return
	}
	for _, b := range m.brands.entries {
		if c := byTitle[b.Community]; c != nil && !ambiguous[b.Community] {
			b.profile = c
			c.brands = append(c.brands, b)
		}
	}
}

// setURLs gives every page of the model its link, computed once here so
// that layouts showing thousands of them do no work for it.
func setURLs(m *model) {
	urls := newURLScheme(m.site.BaseURL)
	m.site.URL, m.site.HasFeed = urls.rel(""), urls.absolute()
	for _, d := range m.site.districts {
		d.URL = urls.rel(d.Path)
	}
	for _, c := range m.communities {
		c.URL = urls.rel(c.Path)
	}
	for _, p := range m.pages {
		p.URL = urls.rel(p.Path)
	}
	if m.brands != nil {
		m.brands.URL = urls.rel(m.brands.Path)
	}
}
