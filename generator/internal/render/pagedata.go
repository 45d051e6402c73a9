package render

import (
	"fmt"

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
	if o.Page != nil {
		d.Page = plainPageView(o.Page, r)
	}
	return d
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
