package generator

import (
	"cmp"
	"io/fs"
	"slices"
	"strings"

	"github.com/yuin/goldmark/parser"
)

// assembler checks the loaded sources and links them into a Model. It
// remembers what it made of each source, so that after an edit only the
// changed files are decoded again: at 10,000 pages that is most of the
// time an update takes. A changed content/_index.md, or other options,
// start it afresh.
type assembler struct {
	urls    [2]string // the BaseURL and Origin options the site was decoded with
	siteSrc *Source
	site    *Site
	files   map[*Source]decoded
}

// decoded is what one source became, before linking, and its problems.
type decoded struct {
	community *Community
	page      *PlainPage
	brands    *BrandList
	problems  Problems
}

// assemble links districts to their communities, brand entries to the
// communities they name and each community to its neighbours. Drafts are
// left out unless opts.Drafts is set. Every problem found is added to probs.
func (a *assembler) assemble(fsys fs.FS, sources []*Source, opts Options, md parser.Parser, probs *problemList) *Model {
	var siteSrc *Source
	for _, s := range sources {
		if s.Path == siteFile {
			siteSrc = s
		}
	}
	if siteSrc == nil {
		if _, err := fs.Stat(fsys, siteFile); err != nil {
			probs.add(siteFile, 0, "create it with the site's title and its list of districts (see the README)", "file not found: the site needs it")
		}
		return nil
	}
	a.startSite(fsys, siteSrc, opts, probs)
	m := &Model{Site: a.site}
	slugs := map[string]string{} // "communities/a/" -> the file that claimed it
	seen := make(map[*Source]decoded, len(sources))
	for _, src := range sources {
		if src == siteSrc {
			continue
		}
		d, ok := a.files[src]
		if !ok {
			d = decodeSource(fsys, src, a.site, md)
		}
		seen[src] = d
		probs.addAll(d.problems)
		switch {
		case d.community != nil:
			claimPath(slugs, d.community.Path, src.Path, probs)
			if !d.community.Draft || opts.Drafts {
				c := *d.community // the links below are this model's own
				m.Communities = append(m.Communities, &c)
			}
		case d.page != nil:
			claimPath(slugs, d.page.Path, src.Path, probs)
			if !d.page.Draft || opts.Drafts {
				p := *d.page
				m.Pages = append(m.Pages, &p)
			}
		case d.brands != nil:
			m.Brands = d.brands.copy()
		}
	}
	a.files = seen
	sortCommunities(m.Communities)
	linkCommunities(m)
	setURLs(m)
	return m
}

// startSite decodes content/_index.md, unless it and the options are as
// they were; then the districts only lose their lists of communities.
func (a *assembler) startSite(fsys fs.FS, src *Source, opts Options, probs *problemList) {
	urls := [2]string{opts.BaseURL, opts.Origin}
	if a.site != nil && a.siteSrc == src && a.urls == urls {
		for _, d := range a.site.Districts {
			d.Communities = nil
		}
		probs.addAll(a.site.problems)
		return
	}
	var sp problemList
	if p := src.restoreFields(fsys); p != nil {
		sp.addAll(Problems{*p})
	}
	a.site = decodeSite(src, opts.BaseURL, opts.Origin, &sp)
	a.site.problems = sp.list
	probs.addAll(sp.list)
	a.siteSrc, a.urls, a.files = src, urls, nil
}

// decodeSource decodes one content file other than _index.md.
func decodeSource(fsys fs.FS, src *Source, site *Site, md parser.Parser) decoded {
	var probs problemList
	var d decoded
	if p := src.restoreFields(fsys); p != nil {
		return decoded{problems: Problems{*p}}
	}
	defer src.releaseFields()
	switch {
	case strings.HasPrefix(src.Path, communitiesDir):
		d.community = decodeCommunity(src, site, &probs)
	case src.Path == brandsFile:
		body, err := src.body(fsys)
		if err != nil {
			probs.addAll(Problems{*err.(*Problem)})
			break
		}
		d.brands = decodeBrands(src, body, md, &probs)
	default:
		d.page = decodePlainPage(src, &probs)
	}
	d.problems = probs.list
	return d
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
