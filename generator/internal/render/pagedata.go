package render

import (
	"fmt"

	"pinzhi/generator/internal/layout"
	"pinzhi/generator/internal/model"
)

// pageData is what the layout of o receives, its values noting what the
// page reads into r.
func (o *Output) pageData(m *model.Model, r *Reads) *PageData {
	s := m.Site
	d := &PageData{Kind: o.Kind, Title: o.Title, Description: o.description, Type: "website", Path: o.SitePath,
		Site: siteView(s, r), Model: &Model{m, r}}
	if o.Kind == "home" || o.Community != nil {
		d.Type = "article"
	}
	if o.Kind == "home" || o.Community != nil || o.Page != nil {
		d.Date, d.Updated = o.dates(m, r)
	}
	d.Draft = o.Community != nil && o.Community.Draft || o.Page != nil && o.Page.Draft
	if s.HasFeed && o.Kind != "404" { // the 404 page is served at any address
		d.Canonical = s.URLs.Abs(o.SitePath)
	}
	if o.Community != nil {
		d.Community = CommunityView(o.Community, r)
	}
	if o.district != nil {
		d.District = districtView(o.district, r)
		d.Description = listDescription(d.District.Name+"的品质社区：", communityTitles(d.District.Communities()))
	}
	if o.Kind == "districts" {
		var names []string
		for _, dv := range d.Site.Districts() {
			if n := len(dv.Communities()); n > 0 {
				names = append(names, fmt.Sprintf("%s%d个", dv.Name, n))
			}
		}
		d.Description = listDescription("各区县的品质社区：", names)
	}
	if o.brands != nil {
		d.BrandList = brandListView(o.brands, r)
	}
	if o.Kind == layout.SearchKind {
		d.Description = searchDescription(m)
	}
	if o.Page != nil {
		d.Page = plainPageView(o.Page, r)
	}
	return d
}

// searchDescription says what the search page finds. An update that
// changes these counts adds or removes documents of the index, and so
// builds the whole site: the page needs no deps for them.
func searchDescription(m *model.Model) string {
	what := fmt.Sprintf("%d个品质社区", len(m.Communities))
	if m.Brands != nil && len(m.Brands.Entries) > 0 {
		what += fmt.Sprintf("和%d个入选品牌", len(m.Brands.Entries))
	}
	return fmt.Sprintf("搜索%s的%s：社区名、人名、品牌或文中的一句话。", m.Site.Title, what)
}

func communityTitles(cs []*Community) []string {
	titles := make([]string, len(cs))
	for i, c := range cs {
		titles[i] = c.Title
	}
	return titles
}

func FirstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
