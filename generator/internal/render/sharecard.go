package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"strings"
	"time"
	"unicode/utf8"

	"pinzhi/generator/internal/asset"
	"pinzhi/generator/internal/model"
	"pinzhi/generator/internal/search"
)

// What a page tells those who link to it: its description, its share card
// (Open Graph, Twitter) and its structured data (JSON-LD), for search
// engines and for the card WeChat and others show under a shared link.

// descriptionRunes bounds a description made from a text: about what a
// search result or a share card shows of it.
const descriptionRunes = 120

// firstSentence returns the first sentence of the first paragraph of a
// page's body HTML, or its first descriptionRunes characters with "…".
func firstSentence(body []byte) string {
	start := bytes.Index(body, []byte("<p>"))
	if start < 0 {
		return ""
	}
	end := bytes.Index(body[start:], []byte("</p>"))
	if end < 0 {
		end = len(body) - start
	}
	text := strings.TrimSpace(search.Text(body[start : start+end]))
	n := 0
	for i, r := range text {
		n++
		if strings.ContainsRune("。！？!?", r) {
			return text[:i+utf8.RuneLen(r)]
		}
		if n == descriptionRunes {
			return text[:i+utf8.RuneLen(r)] + "…"
		}
	}
	return text
}

// listDescription names a list's items after a lead, as many as fit in a
// description, and says how many there are.
func listDescription(lead string, items []string) string {
	var b strings.Builder
	b.WriteString(lead)
	for i, item := range items {
		if utf8.RuneCountInString(b.String())+utf8.RuneCountInString(item) > descriptionRunes {
			fmt.Fprintf(&b, "等%d个", len(items))
			break
		}
		if i > 0 {
			b.WriteString("、")
		}
		b.WriteString(item)
	}
	return b.String() + "。"
}

// shareImage returns the absolute address of the page's share image: its
// own image, else its photo, else the site's image, else the site's photo
// (a photo's largest size in its own format), else the card drawn for it
// (see AddCards); "" when there is none or no host to make it absolute.
func (o *Output) shareImage(m *model.Model, urls model.URLs, assets asset.Set) string {
	if !urls.Absolute() {
		return ""
	}
	var own model.ImageRef
	var photo *model.Photo
	switch {
	case o.Community != nil:
		own, photo = o.Community.Image, o.Community.Photo
	case o.Page != nil:
		own = o.Page.Image
	}
	for _, name := range []string{own.Name, photoSrc(photo), m.Site.Image.Name, photoSrc(m.Site.Photo)} {
		if a := assets[name]; name != "" && a != nil {
			return urls.Abs(a.ShareOut())
		}
	}
	if o.card != "" {
		return urls.Abs(o.card)
	}
	return ""
}

func photoSrc(p *model.Photo) string {
	if p == nil {
		return ""
	}
	return p.Src
}

// structuredData returns the page's JSON-LD: a NewsArticle for the home
// page and each community, and a BreadcrumbList for every page below the
// home page. It needs absolute addresses: "" without a host.
func (o *Output) structuredData(d *PageData, m *model.Model, urls model.URLs, assets asset.Set) (template.JS, error) {
	if !urls.Absolute() || o.Kind == "404" {
		return "", nil
	}
	var items []any
	if o.Kind == "home" || o.Community != nil {
		items = append(items, newsArticle(d, m, urls.Abs(""), o.publisherLogo(m, urls, assets)))
	}
	if crumbs := o.breadcrumbs(m, urls); len(crumbs) > 1 {
		list := ldBreadcrumbs{Context: schemaOrg, Type: "BreadcrumbList", Items: make([]ldListItem, len(crumbs))}
		for i, c := range crumbs {
			list.Items[i] = ldListItem{Type: "ListItem", Position: i + 1, Name: c[0], Item: c[1]}
		}
		items = append(items, list)
	}
	if len(items) == 0 {
		return "", nil
	}
	// json.Marshal escapes <, > and &, so the text cannot end the script.
	data, err := json.Marshal(items)
	return template.JS(data), err
}

// The JSON-LD types pinzhi writes, as schema.org names their properties:
// structs, not maps, since every page of a build marshals them.
const schemaOrg = "https://schema.org"

type ldArticle struct {
	Context     string    `json:"@context"`
	Type        string    `json:"@type"`
	Headline    string    `json:"headline"`
	Description string    `json:"description,omitempty"`
	URL         string    `json:"url"`
	MainEntity  string    `json:"mainEntityOfPage"`
	IsPartOf    ldThing   `json:"isPartOf"`
	Image       []string  `json:"image,omitempty"`
	Published   string    `json:"datePublished,omitempty"`
	Modified    string    `json:"dateModified,omitempty"`
	Author      *ldThing  `json:"author,omitempty"`
	Publisher   *ldOrg    `json:"publisher,omitempty"`
	Sponsor     []ldThing `json:"sponsor,omitempty"` // the organizers (主办)
}

type ldOrg struct {
	Type string   `json:"@type"`
	Name string   `json:"name"`
	URL  string   `json:"url,omitempty"`
	Logo *ldImage `json:"logo,omitempty"`
}

type ldImage struct {
	Type string `json:"@type"`
	URL  string `json:"url"`
}

type ldThing struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type ldBreadcrumbs struct {
	Context string       `json:"@context"`
	Type    string       `json:"@type"`
	Items   []ldListItem `json:"itemListElement"`
}

type ldListItem struct {
	Type     string `json:"@type"`
	Position int    `json:"position"`
	Name     string `json:"name"`
	Item     string `json:"item"`
}

func newsArticle(d *PageData, m *model.Model, home, logo string) ldArticle {
	s := m.Site
	a := ldArticle{Context: schemaOrg, Type: "NewsArticle", Headline: d.Title, Description: d.Description,
		URL: d.Canonical, MainEntity: d.Canonical, IsPartOf: ldThing{Type: "WebSite", Name: s.Title, URL: home}}
	if d.Image != "" {
		a.Image = []string{d.Image}
	}
	if !d.Date.IsZero() {
		a.Published = d.Date.Format(time.RFC3339)
	}
	if !d.Updated.IsZero() {
		a.Modified = d.Updated.Format(time.RFC3339)
	}
	if s.Reporter != "" {
		a.Author = &ldThing{Type: "Person", Name: s.Reporter}
	}
	if p := s.Publisher; p != nil {
		a.Publisher = &ldOrg{Type: "Organization", Name: p.Name, URL: p.URL}
		if logo != "" {
			a.Publisher.Logo = &ldImage{Type: "ImageObject", URL: logo}
		}
	}
	for _, name := range s.Organizers {
		a.Sponsor = append(a.Sponsor, ldThing{Type: "Organization", Name: name})
	}
	return a
}

// breadcrumbs are the names and addresses of the pages above this one and
// of itself, from the home page down.
func (o *Output) breadcrumbs(m *model.Model, urls model.URLs) [][2]string {
	crumbs := [][2]string{{m.Site.Title, urls.Abs("")}}
	switch {
	case o.Community != nil && o.Community.District != nil:
		crumbs = append(crumbs, [2]string{o.Community.District.Name, urls.Abs(o.Community.District.Path)})
	case o.district != nil:
		crumbs = append(crumbs, [2]string{"区县一览", urls.Abs("districts/")})
	}
	if o.Kind != "home" {
		crumbs = append(crumbs, [2]string{o.Title, urls.Abs(o.SitePath)})
	}
	return crumbs
}

// locale is the Open Graph form of a language tag: zh-CN is zh_CN.
func locale(lang string) string { return strings.ReplaceAll(lang, "-", "_") }

// share completes what the page tells those who link to it, once its body
// is rendered: the description falls back to the site's.
func (w *worker) share(o *Output, d *PageData, r *Reads) error {
	d.Description = FirstNonEmpty(d.Description, w.Model.Site.Description)
	d.Image = o.shareImage(w.Model, w.Env.URLs, w.Env.Assets)
	var err error
	d.StructuredData, err = o.structuredData(d, w.Model, w.Env.URLs, w.Env.Assets)
	return err
}

// publisherLogo is the absolute address of the publisher's logo, if the
// site names one.
func (o *Output) publisherLogo(m *model.Model, urls model.URLs, assets asset.Set) string {
	if p := m.Site.Publisher; p != nil && hasPicture(assets, p.Logo.Name) {
		return urls.Abs(assets[p.Logo.Name].ShareOut())
	}
	return ""
}
