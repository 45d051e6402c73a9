package model

import (
	"path"
	"strings"

	"pinzhi/generator/internal/source"
)

const CommunitiesDir = "content/communities/"

// decodeCommunity reads one community's front matter. Its district is
// kept as written and looked up when the model is linked, so that an edit
// of content/_index.md does not decode every community again.
func decodeCommunity(l *source.Loaded, probs *source.List) *Community {
	r := source.NewReader(l.File.Path, l.File.BodyLine, l.Fields, probs)
	c := &Community{File: l.File}
	c.Title, _ = r.RequiredText("title", source.M("the community's name (as the brand list gives it)"))
	c.DistrictName, c.DistrictLine = r.RequiredText("district", source.M("the name of its district, one of those in content/_index.md"))
	if ld := r.Mapping("leader", source.M("write leader: on a line of its own, then indented lines name: followed by the leader's name, and role: followed by the title")); ld != nil {
		c.Leader.Name, _ = ld.RequiredText("name", source.M("the leader's name"))
		c.Leader.Role, _, _ = ld.Text("role")
		ld.WarnUnknown()
	}
	c.Quote, _, _ = r.Text("quote")
	c.Summary, _, _ = r.Text("summary")
	c.Weight = r.Integer("weight")
	c.Date = r.Date("date")
	c.Draft = r.Boolean("draft")
	c.Image = readImage(r, l.File.Path)
	c.Photo = readPhoto(r, l.File.Path)
	c.Slug, c.SlugLine = pageSlug(r, l.File.Path, probs)
	c.Path = "communities/" + c.Slug + "/"
	r.WarnUnknown()
	return c
}

// lookupDistrict finds the community's district among the configured
// ones, by name or slug; an unknown one is a problem with a suggestion.
func lookupDistrict(c *Community, s *Site, probs *source.List) *District {
	if c.DistrictName == "" {
		return nil // reported as missing or empty when decoded
	}
	for _, d := range s.Districts {
		if d.Name == c.DistrictName || d.Slug == c.DistrictName {
			return d
		}
	}
	hint := source.M("use %s", DistrictList(s.Districts))
	if near := source.Closest(c.DistrictName, DistrictNames(s.Districts)); near != "" {
		hint = source.M("did you mean %q? The districts are listed in %s", near, IndexFile)
	}
	probs.AddM(c.File.Path, c.DistrictLine, hint, "district %q is not one of the configured districts", c.DistrictName)
	return nil
}

// pageSlug reads the slug field, or makes one from the file name, and
// returns it with the line it is written on (0 for a file name). Either
// is taken in Unicode's composed form (see nfc).
func pageSlug(r *source.Reader, filePath string, probs *source.List) (string, int) {
	slug, line, written := r.Text("slug")
	if written {
		slug = NFC(slug)
		if why := SlugProblem(slug); why.Format != "" {
			probs.AddM(r.Path, line, SlugHint(slug), "slug %q %s", slug, why)
		}
		return slug, line
	}
	base := strings.TrimSuffix(path.Base(filePath), path.Ext(filePath))
	slug = slugFromName(base)
	if slug == "" {
		probs.Add(r.Path, 0, "rename the file or add a slug: line", "cannot make a slug from the file name %q", base)
	}
	return slug, 0
}
