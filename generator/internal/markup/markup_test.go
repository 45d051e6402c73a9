package markup

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
)

// TestLinks hands every link to the conversion's LinkFunc with its line.
func TestLinks(t *testing.T) {
	var seen []string
	links := func(dest string, line int) string {
		seen = append(seen, dest+"@"+strconv.Itoa(line))
		return "/x" + dest
	}
	var b bytes.Buffer
	body := "第一段[甲](/a/)。\n\n![图](/assets/p.png)\n\n- [乙](/b/#c)\n"
	if err := New(Options{}).Convert([]byte(body), &b, Conversion{Links: links}); err != nil {
		t.Fatal(err)
	}
	if want := []string{"/a/@1", "/assets/p.png@3", "/b/#c@5"}; !slices.Equal(seen, want) {
		t.Errorf("links seen %v, want %v", seen, want)
	}
	for _, want := range []string{`href="/x/a/"`, `src="/x/assets/p.png"`, `href="/x/b/#c"`} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("output lacks %s: %s", want, b.String())
		}
	}
}

func TestHeadingIDs(t *testing.T) {
	ids := newHeadingIDs()
	for _, c := range []struct{ text, want string }{
		{"治理经验", "治理经验"}, {"治理经验", "治理经验-1"}, {"Hello World", "hello-world"},
		{"“最美后大人”评选", "最美后大人评选"}, {"！？", "heading"}, {"3579 工作法", "3579-工作法"},
	} {
		if got := string(ids.Generate([]byte(c.text), ast.KindHeading)); got != c.want {
			t.Errorf("Generate(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestMarkdown(t *testing.T) {
	md := New(Options{})
	for _, c := range []struct{ in, want string }{
		{"第一行\n第二行", "<p>第一行第二行</p>"},
		{"English\nwords", "<p>English\nwords</p>"},
		{"| a | b |\n|---|---|\n| 1 | 2 |", "<table>"},
		{"~~删~~", "<del>删</del>"},
		{"https://example.org", `<a href="https://example.org">`},
		{"<script>alert(1)</script>", "<!-- raw HTML omitted -->"},
		{"[x](javascript:alert(1))", `<a href="">x</a>`},
	} {
		var b bytes.Buffer
		if err := md.Convert([]byte(c.in), &b, Conversion{}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), c.want) {
			t.Errorf("convert(%q) = %q, want it to contain %q", c.in, b.String(), c.want)
		}
	}
	var b bytes.Buffer
	New(Options{RawHTML: true}).Convert([]byte("<b>粗</b>"), &b, Conversion{})
	if !strings.Contains(b.String(), "<b>粗</b>") {
		t.Errorf("rawHTML: true dropped raw HTML: %q", b.String())
	}
}

func TestLineIndex(t *testing.T) {
	text := []byte("a\nbb\n\nccc")
	idx := NewLineIndex(text)
	for offset := range text {
		if got, want := idx.At(offset), 1+bytes.Count(text[:offset], []byte("\n")); got != want {
			t.Errorf("offset %d: line %d, want %d", offset, got, want)
		}
	}
}
