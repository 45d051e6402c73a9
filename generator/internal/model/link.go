package model

import (
	"cmp"
	"slices"
	"time"

	"pinzhi/generator/internal/markup"
	"pinzhi/generator/internal/source"
)

// Link makes the model of the loaded content files, taken in the order of
// names, linking the decoded values in place: a model of 50,000
// communities is not copied for each change. The model of the last good
// build shares them, and is not used again once another has been linked
// (see Builder.stale). it resolves each community's district, checks that no two pages
// take one address, leaves drafts out unless opts.Drafts is set, and
// links what is derived: reading order, neighbours, the districts' lists,
// the brand entries' communities, every link. Every problem found, those
// of loading included, goes to probs. It returns nil when there is no
// content/_index.md to make a site of.
func Link(files map[string]*Source, names []string, opts LinkOptions, probs *source.List) *Model {
	for _, name := range names {
		if ps := files[name].Problems; len(ps) > 0 {
			probs.AddAll(ps)
		}
	}
	settings := files[IndexFile]
	if settings == nil || settings.Settings == nil {
		if settings == nil {
			probs.Add(IndexFile, 0, "create it with the site's title and its list of districts (see the README)", "file not found: the site needs it")
		}
		return nil
	}
	m := &Model{Site: linkSite(settings.Settings, opts, probs), Communities: make([]*Community, 0, len(names))}
	dates := map[string]time.Time{}
	if opts.FileDates != nil {
		dates = opts.FileDates()
	}
	m.Site.Committed = dates[IndexFile]
	if m.Site.Date.IsZero() {
		probs.Warn(IndexFile, 0, "add the day the edition was printed to its front matter, as date: YYYY-MM-DD",
			"no date: pages without a date of their own show none, and the feed and structured data leave it out")
	}
	for _, name := range names {
		checkLimits(files[name], m.Site.Limits, probs)
	}
	owners := make(map[string]string, len(names)) // "communities/a/" -> the file that claimed it
	for _, name := range names {
		sf := files[name]
		switch {
		case sf.Community != nil:
			c := sf.Community
			c.District, c.Prev, c.Next, c.Brands = lookupDistrict(c, m.Site, probs), nil, nil, nil
			c.Committed = dates[name]
			claimPath(owners, c.Path, name, probs)
			if !c.Draft || opts.Drafts {
				m.Communities = append(m.Communities, c)
			}
		case sf.Page != nil:
			sf.Page.Committed = dates[name]
			claimPath(owners, sf.Page.Path, name, probs)
			if !sf.Page.Draft || opts.Drafts {
				m.Pages = append(m.Pages, sf.Page)
			}
		case sf.Brands != nil:
			m.Brands = sf.Brands
			for _, b := range m.Brands.Entries {
				b.Profile = nil
			}
		}
	}
	sortCommunities(m.Communities)
	linkCommunities(m)
	setURLs(m)
	return m
}

// checkLimits reports what of a file's body is over the site's limits.
func checkLimits(sf *Source, limits markup.Limits, probs *source.List) {
	if sf.File == nil {
		return
	}
	for _, v := range sf.Stats.Check(limits) {
		line := 0
		if v.Line > 0 {
			line = sf.File.BodyLine + v.Line - 1
		}
		probs.AddM(sf.File.Path, line, source.M(v.Hint), v.Format, v.Args...)
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

func sortCommunities(cs []*Community) {
	// Weight 0 means "not set": such pages come after the weighted ones.
	weight := func(c *Community) int {
		if c.Weight == 0 {
			return int(^uint(0) >> 1)
		}
		return c.Weight
	}
	slices.SortFunc(cs, func(a, b *Community) int {
		return cmp.Or(cmp.Compare(weight(a), weight(b)), cmp.Compare(a.Slug, b.Slug), cmp.Compare(a.File.Path, b.File.Path))
	})
}

// linkCommunities fills in neighbours, the districts' lists and the
// brand entries' communities.
func linkCommunities(m *Model) {
	byTitle := make(map[string]*Community, len(m.Communities))
	ambiguous := map[string]bool{}
	for i, c := range m.Communities {
		if i > 0 {
			c.Prev = m.Communities[i-1]
			m.Communities[i-1].Next = c
		}
		if c.District != nil {
			c.District.Communities = append(c.District.Communities, c)
		}
		if byTitle[c.Title] != nil {
			ambiguous[c.Title] = true
		}
		byTitle[c.Title] = c
	}
	if m.Brands == nil {
		return
	}
	for _, b := range m.Brands.Entries {
		if c := byTitle[b.Community]; c != nil && !ambiguous[b.Community] {
			b.Profile = c
			c.Brands = append(c.Brands, b)
		}
	}
}

// setURLs gives every page of the model its link, computed once here so
// that layouts showing thousands of them do no work for it.
func setURLs(m *Model) {
	m.Site.URLs = NewURLs(m.Site.BaseURL)
	urls := m.Site.URLs
	m.Site.URL, m.Site.HasFeed = urls.Rel(""), urls.Absolute()
	for _, d := range m.Site.Districts {
		d.URL = urls.Rel(d.Path)
	}
	for _, c := range m.Communities {
		c.URL = urls.Rel(c.Path)
	}
	for _, p := range m.Pages {
		p.URL = urls.Rel(p.Path)
	}
	if m.Brands != nil {
		m.Brands.URL = urls.Rel(m.Brands.Path)
	}
}
