package generator

import (
	"bytes"
	"encoding/xml"
	"slices"
	"time"
)

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"xml:lang,attr,omitempty"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	Links    []atomLink  `xml:"link"`
	ID       string      `xml:"id"`
	Updated  string      `xml:"updated"`
	Author   atomAuthor  `xml:"author"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	Link    atomLink `xml:"link"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Summary string   `xml:"summary,omitempty"`
}

// unknownDate stands for "no date in the front matter": the feed format
// requires one, and output must not depend on when it was built.
var unknownDate = time.Unix(0, 0).UTC()

// feedEntries is how many communities the feed carries: feed readers fetch
// the whole file again and again, and want the news, not the archive.
const feedEntries = 50

// feedCommunities returns the communities the feed carries: the newest
// first by date, then in reading order.
func feedCommunities(m *Model) []*Community {
	cs := slices.Clone(m.Communities)
	slices.SortStableFunc(cs, func(a, b *Community) int { return b.Date.Compare(a.Date) })
	return cs[:min(len(cs), feedEntries)]
}

// writeFeed writes the Atom feed of the given communities.
func writeFeed(b *bytes.Buffer, m *Model, entries []*Community, urls urlScheme) error {
	site := m.Site
	f := atomFeed{
		Lang:     site.Language,
		Title:    site.Title,
		Subtitle: site.Description,
		Links:    []atomLink{{Href: urls.abs("")}, {Rel: "self", Href: urls.abs("feed.xml")}},
		ID:       urls.abs(""),
		Author:   atomAuthor{Name: firstNonEmpty(site.Reporter, firstOf(site.Organizers), site.Title)},
	}
	latest := site.Date
	for _, c := range entries {
		date := c.Date
		if date.IsZero() {
			date = site.Date
		}
		if date.After(latest) {
			latest = date
		}
		f.Entries = append(f.Entries, atomEntry{
			Title: c.Title, Link: atomLink{Href: urls.abs(c.Path)}, ID: urls.abs(c.Path),
			Updated: atomDate(date), Summary: firstNonEmpty(c.Summary, c.Quote),
		})
	}
	f.Updated = atomDate(latest)
	b.WriteString(xml.Header)
	return xml.NewEncoder(b).Encode(f)
}

func atomDate(t time.Time) string {
	if t.IsZero() {
		t = unknownDate
	}
	return t.Format(time.RFC3339)
}

func firstOf(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}
