// Package linkcheck reads the pages of a built site as a reader's browser
// would follow them: the ids each page has, the links and images it
// holds, and whether the addresses outside the site answer.
package linkcheck

import (
	"bytes"
	"html"

	"github.com/tdewolff/parse/v2"
	parsehtml "github.com/tdewolff/parse/v2/html"
)

// A Page is what one HTML file holds for the check.
type Page struct {
	IDs    map[string]bool // every id, as the browser reads it (entities decoded)
	Links  []string        // href and src values, in order, entities decoded
	Images []Image
}

// An Image is an <img> element.
type Image struct {
	Src    string
	Alt    string
	HasAlt bool // alt="" is a decorative image; no alt at all is a mistake
}

// linkAttrs are the attributes that hold an address the browser follows
// or loads, by element.
var linkAttrs = map[string]string{
	"a": "href", "link": "href", "area": "href",
	"img": "src", "script": "src", "source": "src", "iframe": "src", "video": "src", "audio": "src",
}

// Scan reads one page. Malformed HTML is read as far as browsers would.
func Scan(page []byte) Page {
	p := Page{IDs: map[string]bool{}}
	l := parsehtml.NewLexer(parse.NewInputBytes(page))
	var tag string
	var img *Image
	for {
		tt, _ := l.Next()
		switch tt {
		case parsehtml.ErrorToken:
			return p
		case parsehtml.StartTagToken:
			tag = string(bytes.ToLower(l.Text()))
			if tag == "img" {
				p.Images = append(p.Images, Image{})
				img = &p.Images[len(p.Images)-1]
			} else {
				img = nil
			}
		case parsehtml.AttributeToken:
			key := string(bytes.ToLower(l.AttrKey()))
			val := attrValue(l.AttrVal())
			switch {
			case key == "id":
				p.IDs[val] = true
			case key == linkAttrs[tag]:
				p.Links = append(p.Links, val)
				if img != nil {
					img.Src = val
				}
			case key == "alt" && img != nil:
				img.Alt, img.HasAlt = val, true
			}
		}
	}
}

// attrValue is an attribute's value as the browser reads it: without its
// quotes, entities decoded.
func attrValue(v []byte) string {
	if len(v) > 0 && (v[0] == '"' || v[0] == '\'') {
		v = bytes.TrimSuffix(v[1:], v[:1]) // unclosed at the end of the file: up to there
	}
	return html.UnescapeString(string(v))
}
