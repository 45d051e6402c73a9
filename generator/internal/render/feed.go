package render

import (
	"encoding/xml"
	"html"
	"io"
	"slices"
	"strings"
	"time"

	"pinzhi/generator/internal/model"
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
	Title   string       `xml:"title"`
	Link    atomLink     `xml:"link"`
	ID      string       `xml:"id"`
	Updated string       `xml:"updated"`
	Summary string       `xml:"summary,omitempty"`
	Content *atomContent `xml:"content"`
}

type atomContent struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

// unknownDate stands for "no date in the front matter": the feed format
// requires one, and output must not depend on when it was built.
var unknownDate = time.Unix(0, 0).UTC()

// feedEntries is how many communities the feed carries: feed readers fetch
// the whole file again and again, and want the news, not the archive.
const feedEntries = 50

// feedCommunities returns the communities the feed carries: the newest
// first by date, then in reading order. Which they are depends on the
// date of every community.
func feedCommunities(m *model.Model, r *Reads) []*model.Community {
	r.add(DepCommunities, 0)
	for _, c := range m.Communities {
		r.add(DepFront, c.ID)
	}
	cs := slices.Clone(m.Communities)
	slices.SortStableFunc(cs, func(a, b *model.Community) int { return b.Date.Compare(a.Date) })
	return cs[:min(len(cs), feedEntries)]
}

// writeFeed writes the Atom feed.
func writeFeed(b io.Writer, m *model.Model, urls model.URLs, r *Reads) error {
	r.add(DepSite, 0)
	s := m.Site.Settings
	f := atomFeed{
		Lang:     s.Language,
		Title:    s.Title,
		Subtitle: s.Description,
		Links:    []atomLink{{Href: urls.Abs("")}, {Rel: "self", Href: urls.Abs("feed.xml")}},
		ID:       feedID(s, urls, ""),
		Author:   atomAuthor{Name: FirstNonEmpty(s.Reporter, firstOf(s.Organizers), s.Title)},
	}
	latest := m.Site.Published()
	for _, c := range feedCommunities(m, r) {
		date := c.Published(m.Site)
		if date.After(latest) {
			latest = date
		}
		summary := FirstNonEmpty(c.Summary, c.Quote)
		f.Entries = append(f.Entries, atomEntry{
			Title: c.Title, Link: atomLink{Href: urls.Abs(c.Path)}, ID: feedID(s, urls, c.Path),
			Updated: atomDate(date), Summary: summary, Content: entryContent(summary, c.Title, urls.Abs(c.Path)),
		})
	}
	f.Updated = atomDate(latest)
	if _, err := io.WriteString(b, xml.Header); err != nil {
		return err
	}
	return xml.NewEncoder(b).Encode(f)
}

// feedID is the id of the feed (path "") or of an entry: a tag: URI
// (RFC 4151) from the site's tagAuthority and the page's path, which stays
// the same when the site moves; without tagAuthority, its address.
func feedID(s *model.Settings, urls model.URLs, path string) string {
	if s.TagAuthority == "" {
		return urls.Abs(path)
	}
	return "tag:" + s.TagAuthority + ":" + FirstNonEmpty(strings.TrimSuffix(path, "/"), "feed")
}

// entryContent is what a feed reader shows of an entry: its summary or
// quote and a link to the page.
func entryContent(summary, title, link string) *atomContent {
	var b strings.Builder
	if summary != "" {
		b.WriteString("<p>" + html.EscapeString(summary) + "</p>")
	}
	b.WriteString(`<p><a href="` + html.EscapeString(link) + `">阅读全文：` + html.EscapeString(title) + "</a></p>")
	return &atomContent{Type: "html", Text: b.String()}
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
