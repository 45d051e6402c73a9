package generator

import (
	"slices"
	"strings"

	"pinzhi/generator/internal/model"
	"pinzhi/generator/internal/pinyin"
	"pinzhi/generator/internal/render"
	"pinzhi/generator/internal/search"
)

// searchDocs lists what readers can find, in the order results are
// listed in when they match equally well: the communities in reading
// order, the brand entries, the home page's note, the brand list's lead
// and the plain pages. What else a page shows, the index reads from the
// page as it is written (search.PageText). Titles and leaders' names are
// also found by their pinyin, as readers type them on a phone's keyboard.
func searchDocs(m *model.Model) []search.Doc {
	district := map[*model.District]int{}
	for i, d := range m.Site.Districts {
		district[d] = i
	}
	districtOf := func(c *model.Community) int {
		if i, ok := district[c.District]; ok {
			return i
		}
		return -1
	}
	var docs []search.Doc
	for _, c := range m.Communities {
		docs = append(docs, search.Doc{Path: c.Path, Head: lines(c.Title, c.Leader.Name, c.Leader.Role), District: districtOf(c),
			Aliases: lines(pinyin.Spelling(c.Title), pinyin.Spelling(c.Leader.Name))})
	}
	if bl := m.Brands; bl != nil {
		for _, b := range bl.Entries {
			d := search.Doc{Path: bl.Path + "#" + b.Anchor, Head: b.Text, District: -1, Label: brandLabel}
			if b.Profile != nil {
				d.District = districtOf(b.Profile)
			}
			docs = append(docs, d)
		}
	}
	s := m.Site
	docs = append(docs, search.Doc{Path: "", Head: render.FirstNonEmpty(s.Headline, s.Title), District: -1})
	if bl := m.Brands; bl != nil {
		docs = append(docs, search.Doc{Path: bl.Path, Head: bl.Title, District: -1})
	}
	for _, p := range m.Pages {
		docs = append(docs, search.Doc{Path: p.Path, Head: p.Title, District: -1, Aliases: pinyin.Spelling(p.Title)})
	}
	return docs
}

// documents returns the documents of the search index for the state's
// model, made once: an update asks twice, and at 10,000 pages making them
// takes 9 ms.
func (st *state) documents() []search.Doc {
	if st.searchDocs == nil {
		st.searchDocs = searchDocs(st.model)
	}
	return st.searchDocs
}

// lines joins the fields that are not empty, a line each.
func lines(fields ...string) string {
	return strings.Join(slices.DeleteFunc(fields, func(s string) bool { return s == "" }), "\n")
}
