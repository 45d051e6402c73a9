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

// TestScan: the amounts a body has of what Limits bound, where, for bodies
// editors write and bodies attackers write.
func TestScan(t *testing.T) {
	cases := []struct {
		name string
		body string
		want func(Stats) bool
	}{
		{"prose", "品质社区是人们对获得感和幸福感的向往和追求。\n\n第二段。\n", func(s Stats) bool {
			return s.Nesting.Value == 0 && s.Elements == 3 && s.TableCells.Value == 0
		}},
		{"a quote in a list", "- 第一项\n  > 引文\n  > - 内层\n", func(s Stats) bool { return s.Nesting.Value == 2 && s.Nesting.Line == 3 }},
		{"quotes on one line", strings.Repeat(">", 500) + " x\n", func(s Stats) bool { return s.Nesting.Value == 500 && s.Nesting.Line == 1 }},
		{"lists on one line", strings.Repeat("- ", 300) + "x\n", func(s Stats) bool { return s.Nesting.Value == 300 }},
		{"ordered lists", "1. a\n   2) b\n", func(s Stats) bool { return s.Nesting.Value == 1 && s.Indent.Value == 6 }},
		{"a rule of spaced dashes", "- - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -\n", func(s Stats) bool { return s.Nesting.Value == 0 }},
		{"lists nested by indentation", "- a\n" + strings.Repeat(" ", 200) + "- b\n", func(s Stats) bool { return s.Indent.Value == 202 && s.Indent.Line == 2 }},
		{"a tab", "\t- a\n", func(s Stats) bool { return s.Indent.Value == 6 }},
		{"a table", "| a | b | c |\n|---|:-:|--|\n| 1 | 2 | 3 |\n| 4 | 5 | 6 |\n\n后文\n", func(s Stats) bool {
			return s.TableCells.Value == 12 && s.TableCells.Line == 1
		}},
		{"short rows under a wide header", "|" + strings.Repeat(" a |", 100) + "\n|" + strings.Repeat("-|", 100) + "\n" + strings.Repeat("|1|\n", 50), func(s Stats) bool {
			return s.TableCells.Value == 100*52
		}},
		{"dashes without a header are no table", "a\n---\n", func(s Stats) bool { return s.TableCells.Value == 0 }},
		{"link openers in one paragraph", strings.Repeat("[a](", 50) + "\n" + strings.Repeat("[", 10) + "\n\n[b]", func(s Stats) bool {
			return s.LinkOpeners.Value == 60 && s.LinkOpeners.Line == 1
		}},
		{"code fences hide their text", "```\n" + strings.Repeat("[", 100) + "\n>>>>\n```\n[", func(s Stats) bool {
			return s.LinkOpeners.Value == 1 && s.Nesting.Value == 0
		}},
		{"backtick runs", "`a` ``b`` ```c\n", func(s Stats) bool { return s.CodeSpans.Value == 5 }},
		{"backtick runs in text", "x `a` ``b`` `c`\n", func(s Stats) bool { return s.CodeSpans.Value == 6 }},
		{"references", "[a]: /a\n[b]: /b 'title'\n\n[a] and [b]\n", func(s Stats) bool { return s.References == 2 }},
	}
	for _, c := range cases {
		if got := Scan([]byte(c.body)); !c.want(got) {
			t.Errorf("%s: %+v", c.name, got)
		}
	}
}

// TestCheck: each limit, just over it, is one violation at the right line.
func TestCheck(t *testing.T) {
	l := Limits{Nesting: 3, TableCells: 6, LinkOpeners: 4, CodeSpans: 4, References: 2, Elements: 1000}
	for _, c := range []struct {
		body, want string
		line       int
	}{
		{"a\n> > > > b\n", "quotes and lists nest 4 deep here, more than the 3 allowed", 2},
		{"a\n" + strings.Repeat(" ", 17) + "b\n", "this line is indented 17 columns, more than the 16 allowed", 2},
		{"| a | b |\n|--|--|\n|1|2|\n|3|4|\n", "this table has 8 cells", 1},
		{"x\n\n[[[[[\n", "this paragraph has 5 \"[\"", 3},
		{"x `a` `b` `c`\n", "this paragraph has 6 runs of backticks", 1},
		{"[a]: /a\n[b]: /b\n[c]: /c\n", "the body has 3 link reference definitions", 0},
		{strings.Repeat("*", 1000), "the body has about 1001 Markdown elements", 0},
	} {
		v := Scan([]byte(c.body)).Check(l)
		if len(v) != 1 || !strings.HasPrefix(v[0].Message, c.want) || v[0].Line != c.line || v[0].Hint == "" {
			t.Errorf("%q: %+v, want one violation %q at line %d", c.body, v, c.want, c.line)
		}
	}
	if v := Scan([]byte("- a\n  - b\n\n| a |\n|---|\n| 1 |\n")).Check(l); len(v) != 0 {
		t.Errorf("a body within the limits: %+v", v)
	}
}

// TestConvertRecovers: goldmark panics on some bytes that are not UTF-8
// (the build refuses such files before converting them); a panic is an
// error, not the end of the process.
func TestConvertRecovers(t *testing.T) {
	var b bytes.Buffer
	if err := New(Options{}).Convert([]byte("\x98\n*"), &b, Conversion{}); err == nil || !strings.Contains(err.Error(), "goldmark failed") {
		t.Errorf("error %v", err)
	}
}
