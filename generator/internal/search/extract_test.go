package search

import (
	"html"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/tdewolff/parse/v2"
	parsehtml "github.com/tdewolff/parse/v2/html"
)

// lexedText is Text written the plain way, with an HTML lexer: the
// reference Text must agree with.
func lexedText(fragment []byte) string {
	var t textWriter
	l := parsehtml.NewLexer(parse.NewInputBytes(append([]byte(nil), fragment...)))
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

var htmlPieces = []string{
	"<p>", "</p>", "<li>", "</li>", "<ul>", "</ul>", "<strong>", "</strong>", `<a href="/x?a=1&amp;b=2">`, "</a>",
	`<img src=a.jpg alt="图注 &amp; 说明">`, `<IMG SRC=b.jpg ALT='乙'>`, "<br>", "<h2 id=治理>", "</h2>", "<script>var a='<p>';</script>",
	"<style>p{}</style>", "<!-- 注释 <p> -->", "&amp;", "&lt;", "&#20013;", "&nbsp;", "&unknown;", "& ", " ", "  ", "\n", "\u00a0", "\u3000",
	"社区", "“居民众筹自治”工程", "LOGO", "3579", "，", "。", "abc",
}

// TestTextAgrees compares Text with the lexer's reading on random HTML of
// the kinds goldmark writes.
func TestTextAgrees(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 5000 {
		var b strings.Builder
		for range r.IntN(30) {
			b.WriteString(htmlPieces[r.IntN(len(htmlPieces))])
		}
		in := b.String()
		if got, want := Text([]byte(in)), lexedText([]byte(in)); got != want {
			t.Fatalf("Text(%q)\n = %q\nwant %q", in, got, want)
		}
	}
}
