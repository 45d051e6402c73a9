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
	Updated  string      `xml:"updated,omitempty"`
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
	Title     string       `xml:"title"`
	Link      atomLink     `xml:"link"`
	ID        string       `xml:"id"`
	Published string       `xml:"published,omitempty"`
	Updated   string       `xml:"updated,omitempty"`
	Summary   string       `xml:"summary,omitempty"`
	Content   *atomContent `xml:"content"`
}

type atomContent struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

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
	slices.SortStableFunc(cs, func(a, b *model.Community) int { return b.Published(m.Site).Compare(a.Published(m.Site)) })
	return cs[:min(len(cs), feedEntries)]
}

// writeFeed writes the Atom feed: an entry a community, with the whole
// article as its content, so that a feed reader shows what the page does.
// Dates follow the package doc's rule: an entry's published is the
// community's date, its updated the last commit of its file if later;
// with neither known, neither is written (Atom wants updated, but a
// made-up date would be worse: readers sort by it).
func writeFeed(b io.Writer, m *model.Model, urls model.URLs, article articleFunc, r *Reads) error {
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
	newest := m.Site.Updated()
	for _, c := range feedCommunities(m, r) {
		r.add(DepBody, c.ID)
		updated := c.Updated(m.Site)
		if updated.After(newest) {
			newest = updated
		}
		body, err := article(c.File)
		if err != nil {
			return err
		}
		f.Entries = append(f.Entries, atomEntry{
			Title: c.Title, Link: atomLink{Href: urls.Abs(c.Path)}, ID: feedID(s, urls, c.Path),
			Published: atomDate(c.Published(m.Site)), Updated: atomDate(updated),
			Summary: c.Summary, Content: entryContent(c, body, urls.Abs(c.Path)),
		})
	}
	f.Updated = atomDate(newest)
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

// entryContent is what a feed reader shows of an entry: the leader's
// words, the article, and a link to the page.
func entryContent(c *model.Community, body, link string) *atomContent {
	var b strings.Builder
	if c.Quote != "" {
		b.WriteString("<blockquote><p>“" + html.EscapeString(c.Quote) + "”</p><p>——" + html.EscapeString(c.Leader.Role+" "+c.Leader.Name) + "</p></blockquote>")
	}
	if body == "" && c.Summary != "" {
		b.WriteString("<p>" + html.EscapeString(c.Summary) + "</p>")
	}
	b.WriteString(body)
	b.WriteString(`<p><a href="` + html.EscapeString(link) + `">在专题中阅读：` + html.EscapeString(c.Title) + "</a></p>")
	return &atomContent{Type: "html", Text: b.String()}
}

// atomDate writes a date as RFC 3339; "" for none.
func atomDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func firstOf(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}
