package search

import (
	"html"
	"strings"

	"github.com/tdewolff/parse/v2"
	parsehtml "github.com/tdewolff/parse/v2/html"
)

// blockElements end a line of text: a query never matches across two
// paragraphs, list items or cells.
var blockElements = map[string]bool{
	"p": true, "div": true, "li": true, "ul": true, "ol": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "blockquote": true, "pre": true, "table": true, "tr": true, "td": true, "th": true,
	"br": true, "hr": true, "dt": true, "dd": true, "figcaption": true, "section": true, "article": true,
}

// Text returns the text a reader sees in a fragment of HTML: tags left
// out, entities decoded, a line for each block, runs of spaces as one.
// The alt text of images counts as text; scripts and styles do not.
func Text(fragment []byte) string {
	var t textWriter
	l := parsehtml.NewLexer(parse.NewInputBytes(fragment))
	skipping := false
	var tag string
	for {
		tt, data := l.Next()
		switch tt {
		case parsehtml.ErrorToken:
			return t.String()
		case parsehtml.StartTagToken, parsehtml.EndTagToken:
			tag = strings.ToLower(string(l.Text()))
			if tag == "script" || tag == "style" {
				skipping = tt == parsehtml.StartTagToken
			}
			if blockElements[tag] {
				t.pendingLine = true
			}
		case parsehtml.AttributeToken:
			if tag == "img" && strings.EqualFold(string(l.AttrKey()), "alt") {
				t.write(attrText(l.AttrVal()))
			}
		case parsehtml.TextToken:
			if !skipping {
				t.write(html.UnescapeString(string(data)))
			}
		}
	}
}

// textWriter joins text, writing a separator only between two pieces of
// text: one newline for a block's end, else one space.
type textWriter struct {
	b                         strings.Builder
	pendingSpace, pendingLine bool
}

func (t *textWriter) write(s string) {
	for _, r := range s {
		if IsSeparator(r) {
			t.pendingSpace = true
			continue
		}
		if t.b.Len() > 0 {
			switch {
			case t.pendingLine:
				t.b.WriteByte('\n')
			case t.pendingSpace:
				t.b.WriteByte(' ')
			}
		}
		t.pendingLine, t.pendingSpace = false, false
		t.b.WriteRune(r)
	}
}

func (t *textWriter) String() string { return t.b.String() }

func attrText(v []byte) string {
	if len(v) > 0 && (v[0] == '"' || v[0] == '\'') {
		v = v[1:]
		if len(v) > 0 && (v[len(v)-1] == '"' || v[len(v)-1] == '\'') {
			v = v[:len(v)-1]
		}
	}
	return html.UnescapeString(string(v))
}
