package generator

import (
	"cmp"
	"io/fs"
	"slices"
	"strings"

	"github.com/yuin/goldmark/parser"
)

// assembleModel checks the loaded sources and links them into a Model:
// districts to their communities, brand entries to the communities they
// name, each community to its neighbours. Drafts are left out unless
// opts.Drafts is set. Every problem found is added to probs.
func assembleModel(fsys fs.FS, sources []*Source, opts Options, md parser.Parser, probs *problemList) *Model {
	byPath := map[string]*Source{}
	for _, s := range sources {
		if s != nil {
			byPath[s.Path] = s
		}
	}
	siteSrc := byPath[siteFile]
	if siteSrc == nil {
		if _, err := fs.Stat(fsys, siteFile); err != nil {
			probs.add(siteFile, 0, "create it with the site's title and its list of districts (see the README)", "file not found: the site needs it")
		}
		return nil
	}
	m := &Model{Site: decodeSite(siteSrc, opts.BaseURL, opts.Origin, probs)}
	slugs := map[string]string{} // "communities/a/" -> the file that claimed it
	for _, src := range sources {
		if src == nil || src == siteSrc {
			continue
		}
		switch {
		case strings.HasPrefix(src.Path, communitiesDir):
			c := decodeCommunity(src, m.Site, probs)
			claimPath(slugs, c.Path, src.Path, probs)
			if !c.Draft || opts.Drafts {
				m.Communities = append(m.Communities, c)
			}
		case src.Path == brandsFile:
			body, err := src.body(fsys)
			if err != nil {
				probs.addAll(Problems{*err.(*Problem)})
				continue
			}
			m.Brands = decodeBrands(src, body, md, probs)
		default:
			p := decodePlainPage(src, probs)
			claimPath(slugs, p.Path, src.Path, probs)
			if !p.Draft || opts.Drafts {
				m.Pages = append(m.Pages, p)
			}
		}
	}
	sortCommunities(m.Communities)
	linkCommunities(m)
	setURLs(m)
	return m
}

// setURLs gives every page of the model its link, computed once here so
// that layouts showing thousands of them do no work for it.
func setURLs(m *Model) {
	urls := newURLScheme(m.Site.BaseURL)
	m.Site.URL, m.Site.HasFeed = urls.rel(""), urls.absolute()
	for _, d := range m.Site.Districts {
		d.URL = urls.rel(d.Path)
	}
	for _, c := range m.Communities {
		c.URL = urls.rel(c.Path)
	}
	for _, p := range m.Pages {
		p.URL = urls.rel(p.Path)
	}
	if m.Brands != nil {
		m.Brands.URL = urls.rel(m.Brands.Path)
	}
}

// claimPath records that file owns the page at p, or reports that another
// file owns it already.
func claimPath(owners map[string]string, p, file string, probs *problemList) {
	if owner, taken := owners[p]; taken {
		probs.add(file, 0, "give one of them another slug: line or file name", "its page /%s is also the page of %s", p, owner)
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
		return cmp.Or(cmp.Compare(weight(a), weight(b)), cmp.Compare(a.Slug, b.Slug))
	})
}

// linkCommunities fills in what is derived: neighbours, the districts'
// lists and the brand entries' profiles.
func linkCommunities(m *Model) {
	byTitle := map[string]*Community{}
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
