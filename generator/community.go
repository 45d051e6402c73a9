package generator

import (
	"path"
	"strings"
)

const communitiesDir = "content/communities/"

// decodeCommunity reads one community's front matter. The district is
// looked up in the site's configured list; an unknown one is a problem.
func decodeCommunity(src *Source, site *Site, probs *problemList) *Community {
	r := newFieldReader(src.Path, src.BodyLine, src.front.fields, probs)
	c := &Community{source: src}
	c.Title, _ = r.requiredText("title", "title: 后大街社区")
	c.District = lookupDistrict(r, site, probs)
	if l := r.mapping("leader", "write leader: on a line of its own, then indented lines name: 吴民丽 and role: 党委书记"); l != nil {
		c.Leader.Name, _ = l.requiredText("name", "name: 吴民丽")
		c.Leader.Role, _, _ = l.text("role")
		l.warnUnknown()
	}
	c.Quote, _, _ = r.text("quote")
	c.Summary, _, _ = r.text("summary")
	c.Weight = r.integer("weight")
	c.Date = r.date("date")
	c.Draft = r.boolean("draft")
	c.Slug = pageSlug(r, src.Path, probs)
	c.Path = "communities/" + c.Slug + "/"
	r.warnUnknown()
	return c
}

func lookupDistrict(r *fieldReader, site *Site, probs *problemList) *District {
	name, line := r.requiredText("district", "district: "+firstDistrict(site))
	if name == "" {
		return nil
	}
	for _, d := range site.Districts {
		if d.Name == name || d.Slug == name {
			return d
		}
	}
	hint := "use " + districtList(site.Districts)
	if near := closest(name, districtNames(site.Districts)); near != "" {
		hint = "did you mean \"" + near + "\"? The districts are listed in " + siteFile
	}
	probs.add(r.path, line, hint, "district %q is not one of the configured districts", name)
	return nil
}

func firstDistrict(site *Site) string {
	if len(site.Districts) > 0 {
		return site.Districts[0].Name
	}
	return "海曙区"
}

// pageSlug reads the slug field, or makes one from the file name.
func pageSlug(r *fieldReader, filePath string, probs *problemList) string {
	slug, line, written := r.text("slug")
	if written {
		if why := slugProblem(slug); why != "" {
			probs.add(r.path, line, slugHint, "slug %q %s", slug, why)
		}
		return slug
	}
	base := strings.TrimSuffix(path.Base(filePath), path.Ext(filePath))
	slug = slugFromName(base)
	if slug == "" {
		probs.add(r.path, 0, "rename the file or add a slug: line", "cannot make a slug from the file name %q", base)
	}
	return slug
}
