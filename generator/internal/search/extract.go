package search

import (
	"bytes"
	"html"
	"strings"
	"unicode/utf8"

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
// The alt text of images counts as text; scripts, styles and comments do
// not. It reads the HTML goldmark writes a byte at a time, copying runs of
// text whole: a build reads every page's body this way.
func Text(fragment []byte) string {
	var t textWriter
	t.b = make([]byte, 0, len(fragment))
	t.scan(fragment)
	return t.String()
}

// Marker is the attribute with which a layout marks what search reads of
// a page: `<div class="body" data-search>`. It goes on an element whose
// end tag may not be left out (div, section, article, main, blockquote,
// not p or li), since pinzhi finds where the element ends by counting
// its tags.
const Marker = "data-search"

// PageText returns the text a reader sees in the elements of a page
// marked with Marker, each a block of its own: what the index holds of
// the page, and what search.js reads of it when it shows the page as a
// result. A marked element inside another counts once; a page with none
// gives "".
func PageText(page []byte) string { return string(AppendPageText(nil, page)) }

// AppendPageText appends the text PageText returns to dst: a build reads
// every page, and a buffer kept from page to page spares the garbage.
func AppendPageText(dst, page []byte) []byte {
	t := textWriter{marked: true, b: dst}
	t.scan(page)
	return t.b
}

func (t *textWriter) scan(h []byte) {
	for i := 0; i < len(h); {
		switch h[i] {
		case '<':
			i = t.tag(h, i)
		case '&':
			end := entityEnd(h, i)
			if t.reading() {
				t.write(html.UnescapeString(string(h[i:end])))
			}
			i = end
		default:
			end := bytes.IndexAny(h[i:], "<&")
			if end < 0 {
				end = len(h) - i
			}
			if t.reading() {
				t.writeBytes(h[i : i+end])
			}
			i += end
		}
	}
}

// entityEnd returns where the character reference at h[i], a '&', ends:
// after its name or number and the ';', if any.
func entityEnd(h []byte, i int) int {
	j := i + 1
	for j < len(h) && (h[j] == '#' || h[j] >= '0' && h[j] <= '9' || h[j] >= 'a' && h[j] <= 'z' || h[j] >= 'A' && h[j] <= 'Z') {
		j++
	}
	if j < len(h) && h[j] == ';' {
		j++
	}
	return j
}

// tag reads the tag at h[i], a '<', and returns where the text after it
// starts.
func (t *textWriter) tag(h []byte, i int) int {
	if bytes.HasPrefix(h[i:], []byte("<!--")) {
		if end := bytes.Index(h[i+4:], []byte("-->")); end >= 0 {
			return i + 4 + end + 3
		}
		return len(h)
	}
	end := tagEnd(h, i)
	closing := i+1 < len(h) && h[i+1] == '/'
	name := tagName(h[i+1 : end])
	if t.marked {
		t.region(name, closing, h[i:end+1])
	}
	switch {
	case !closing && (name == "script" || name == "style" || name == "template"):
		return skipRawText(h, end+1, name)
	case !t.reading():
	case name == "img":
		t.write(altText(h[i : end+1]))
	case blockElements[name]:
		t.pendingLine = true
	}
	return min(len(h), end+1)
}

// region follows the marked elements: it notes where one starts, and
// counts the tags of its name inside it to find where it ends.
func (t *textWriter) region(name string, closing bool, tag []byte) {
	switch {
	case t.depth == 0 && !closing && hasMarker(tag):
		t.regionTag, t.depth, t.pendingLine = name, 1, true
	case t.depth > 0 && name == t.regionTag && closing:
		t.depth--
		if t.depth == 0 {
			t.pendingLine = true
		}
	case t.depth > 0 && name == t.regionTag && !bytes.HasSuffix(tag, []byte("/>")):
		t.depth++
	}
}

// hasMarker reports whether a start tag has the attribute Marker.
func hasMarker(tag []byte) bool {
	if !containsFold(tag, Marker) {
		return false // most tags: no need to lex them
	}
	l := parsehtml.NewLexer(parse.NewInputBytes(bytes.Clone(tag)))
	for {
		switch tt, _ := l.Next(); tt {
		case parsehtml.ErrorToken:
			return false
		case parsehtml.AttributeToken:
			if strings.EqualFold(string(l.AttrKey()), Marker) {
				return true
			}
		}
	}
}

// containsFold reports whether s holds the ASCII word, in any case.
func containsFold(s []byte, word string) bool {
	for i := 0; i+len(word) <= len(s); i++ {
		if s[i]|0x20 == word[0] && strings.EqualFold(string(s[i:i+len(word)]), word) {
			return true
		}
	}
	return false
}

// skipRawText returns where the text after the end tag of a script,
// style or template element starts, from the index after its start tag.
func skipRawText(h []byte, from int, name string) int {
	end := "</" + name
	for j := from; ; j++ {
		k := bytes.IndexByte(h[j:], '<')
		if k < 0 {
			return len(h)
		}
		j += k
		if j+len(end) <= len(h) && strings.EqualFold(string(h[j:j+len(end)]), end) {
			return min(len(h), tagEnd(h, j)+1)
		}
	}
}

// tagEnd returns the index of the '>' that ends the tag at h[i], quotes
// respected, or the last index when the tag never ends.
func tagEnd(h []byte, i int) int {
	var quote byte
	for j := i + 1; j < len(h); j++ {
		switch c := h[j]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return j
		}
	}
	return len(h) - 1
}

// tagName is the lower-case name of a tag's inside, without a leading /.
func tagName(inside []byte) string {
	inside = bytes.TrimPrefix(inside, []byte("/"))
	n := 0
	for n < len(inside) && (inside[n] >= 'a' && inside[n] <= 'z' || inside[n] >= 'A' && inside[n] <= 'Z' || inside[n] >= '0' && inside[n] <= '9') {
		n++
	}
	return strings.ToLower(string(inside[:n]))
}

// altText returns the alt attribute of an img tag.
func altText(tag []byte) string {
	l := parsehtml.NewLexer(parse.NewInputBytes(bytes.Clone(tag))) // the lexer writes a 0 after its input
	for {
		switch tt, _ := l.Next(); tt {
		case parsehtml.ErrorToken:
			return ""
		case parsehtml.AttributeToken:
			if strings.EqualFold(string(l.AttrKey()), "alt") {
				return attrText(l.AttrVal())
			}
		}
	}
}

func attrText(v []byte) string {
	if len(v) > 0 && (v[0] == '"' || v[0] == '\'') {
		v = v[1:]
		if len(v) > 0 && (v[len(v)-1] == '"' || v[len(v)-1] == '\'') {
			v = v[:len(v)-1]
		}
	}
	return html.UnescapeString(string(v))
}

// textWriter joins text, writing a separator only between two pieces of
// text: one newline for a block's end, else one space.
type textWriter struct {
	b                         []byte
	pendingSpace, pendingLine bool
	// marked says that only the text of marked elements is written: see
	// PageText. depth counts the tags named regionTag open in the one
	// being read.
	marked    bool
	regionTag string
	depth     int
}

// reading reports whether text here is written.
func (t *textWriter) reading() bool { return !t.marked || t.depth > 0 }

func (t *textWriter) write(s string) { t.writeBytes([]byte(s)) }

// writeBytes writes text, copying the runs between separators whole.
func (t *textWriter) writeBytes(s []byte) {
	for len(s) > 0 {
		n, size := nextSeparator(s)
		if n > 0 {
			t.separate()
			t.b = append(t.b, s[:n]...)
		}
		if size > 0 {
			t.pendingSpace = true
		}
		s = s[n+size:]
	}
}

// nextSeparator returns how many bytes of s come before its first
// separator, and the separator's size (0 when there is none). Only a few
// bytes can start a separator; the rest (every Chinese character) are
// passed over without decoding.
func nextSeparator(s []byte) (n, size int) {
	for n < len(s) {
		switch c := s[n]; separatorStart[c] {
		case 0:
			n++
		case 1:
			return n, 1
		default:
			r, sz := utf8.DecodeRune(s[n:])
			if IsSeparator(r) {
				return n, sz
			}
			n += sz
		}
	}
	return n, 0
}

// separatorStart says of each byte whether it is an ASCII space (1) or may
// start a separator of several bytes (2): U+0085, U+00A0 (C2), U+1680
// (E1), U+2000 to U+205F (E2), U+3000 (E3), U+FEFF (EF).
var separatorStart = func() (t [256]uint8) {
	for _, c := range []byte{' ', '\t', '\n', '\v', '\f', '\r'} {
		t[c] = 1
	}
	for _, c := range []byte{0xC2, 0xE1, 0xE2, 0xE3, 0xEF} {
		t[c] = 2
	}
	return t
}()

// separate writes the separator due before more text.
func (t *textWriter) separate() {
	if len(t.b) > 0 {
		switch {
		case t.pendingLine:
			t.b = append(t.b, '\n')
		case t.pendingSpace:
			t.b = append(t.b, ' ')
		}
	}
	t.pendingLine, t.pendingSpace = false, false
}

func (t *textWriter) String() string { return string(t.b) }
