package generator

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
)

func TestSplitBrand(t *testing.T) {
	cases := []struct {
		entry, community, brand string
		ok                      bool
	}{
		{"学弄社区“地球补丁”环保公益行动", "学弄社区", "“地球补丁”环保公益行动", true},
		{"泉水社区志愿服务“时间积分银行”", "泉水社区", "志愿服务“时间积分银行”", true},
		{"青少年宫路社区“侨界之家”", "青少年宫路社区", "“侨界之家”", true},
		{"社区“无名”", "", "", false},
		{"东江“E线工作法”", "", "", false},
		{"学弄社区", "学弄社区", "", true},
		{"A社区B社区C", "A社区", "B社区C", true},
	}
	for _, c := range cases {
		community, brand, ok := splitBrand(c.entry)
		if community != c.community || brand != c.brand || ok != c.ok {
			t.Errorf("splitBrand(%q) = %q, %q, %v; want %q, %q, %v", c.entry, community, brand, ok, c.community, c.brand, c.ok)
		}
	}
}

func TestSlugs(t *testing.T) {
	for _, c := range []struct{ slug, problem string }{
		{"houdajie", ""}, {"后大街", ""}, {"a-b_c.d", ""}, {"", "is empty"},
		{"a/b", "contains a slash"}, {`a\b`, "contains a slash"}, {"..", "starts with a dot"},
		{".x", "starts with a dot"}, {"a b", "contains a space"}, {"a%20", `contains "%"`},
		{"a?", `contains "?"`}, {"<x>", `contains "<"`}, {strings.Repeat("a", 201), "is longer than 200"},
	} {
		if got := slugProblem(c.slug); !strings.HasPrefix(got, c.problem) || (c.problem == "") != (got == "") {
			t.Errorf("slugProblem(%q) = %q, want %q", c.slug, got, c.problem)
		}
	}
	for name, want := range map[string]string{
		"houdajie": "houdajie", "My Community": "my-community", "测试 社区": "测试-社区",
		"a  --  b": "a-b", "Hello, World!": "hello-world", ".hidden": "hidden", "???": "",
	} {
		if got := slugFromName(name); got != want {
			t.Errorf("slugFromName(%q) = %q, want %q", name, got, want)
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

func TestClosest(t *testing.T) {
	districts := []string{"海曙区", "江北区", "镇海区", "鄞州区"}
	for word, want := range map[string]string{"镇海": "镇海区", "鄞洲区": "鄞州区", "杭州市": "", "江北区": "江北区"} {
		if got := closest(word, districts); got != want {
			t.Errorf("closest(%q) = %q, want %q", word, got, want)
		}
	}
	if got := closest("titel", []string{"title", "district"}); got != "title" {
		t.Errorf("closest(titel) = %q", got)
	}
}

func TestBaseURL(t *testing.T) {
	for _, c := range []struct {
		raw, want, problem string
	}{
		{"https://example.org/pinzhi", "https://example.org/pinzhi/", ""},
		{"https://example.org", "https://example.org/", ""},
		{"/pinzhi/", "/pinzhi/", "names no host"},
		{"", "/", "no baseURL"},
		{"example.org/pinzhi", "/", "must start with https://"},
		{"ftp://example.org/", "/", "must start with https://"},
		{"https://example.org/?a=1", "/", "must not have a query"},
	} {
		var probs problemList
		got := checkBaseURL(c.raw, siteFile, 3, &probs)
		if got != c.want {
			t.Errorf("checkBaseURL(%q) = %q, want %q", c.raw, got, c.want)
		}
		if msg := probs.list.Error(); c.problem != "" && !strings.Contains(msg, c.problem) || c.problem == "" && msg != "" {
			t.Errorf("checkBaseURL(%q): problems %q, want %q", c.raw, msg, c.problem)
		}
	}
}

func TestURLScheme(t *testing.T) {
	s := newURLScheme("https://example.org/pinzhi/")
	for p, want := range map[string]string{"": "/pinzhi/", "communities/a/": "/pinzhi/communities/a/", "/brands/": "/pinzhi/brands/"} {
		if got := s.rel(p); got != want {
			t.Errorf("rel(%q) = %q, want %q", p, got, want)
		}
	}
	if got := s.abs("communities/后大街/"); got != "https://example.org/pinzhi/communities/%E5%90%8E%E5%A4%A7%E8%A1%97/" {
		t.Errorf("abs = %q", got)
	}
}

func TestLinkRewriter(t *testing.T) {
	l := &linkRewriter{
		urls:   newURLScheme("https://example.org/pinzhi/"),
		assets: map[string]string{"assets/a.png": "assets/a.0123456789.png"},
		pages:  map[string]bool{"": true, "communities/a/": true},
	}
	for _, c := range []struct{ dest, want, problem string }{
		{"/communities/a/", "/pinzhi/communities/a/", ""},
		{"/communities/a/#x", "/pinzhi/communities/a/#x", ""},
		{"/communities/a", "/pinzhi/communities/a", ""},
		{"/assets/a.png", "/pinzhi/assets/a.0123456789.png", ""},
		{"/assets/b.png", "/pinzhi/assets/b.png", "not in assets/"},
		{"/nowhere/", "/pinzhi/nowhere/", "leads to no page"},
		{"https://other.org/x", "https://other.org/x", ""},
		{"//other.org/x", "//other.org/x", ""},
		{"relative/", "relative/", ""},
		{"#top", "#top", ""},
	} {
		got, p := l.rewrite(c.dest)
		if got != c.want || (p == nil) != (c.problem == "") || p != nil && !strings.Contains(p.message, c.problem) {
			t.Errorf("rewrite(%q) = %q, %+v; want %q, %q", c.dest, got, p, c.want, c.problem)
		}
	}
}

func TestMarkdown(t *testing.T) {
	md := newMarkdown(false, nil)
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
		if _, err := md.convert([]byte(c.in), &b, nil); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), c.want) {
			t.Errorf("convert(%q) = %q, want it to contain %q", c.in, b.String(), c.want)
		}
	}
	var b bytes.Buffer
	newMarkdown(true, nil).convert([]byte("<b>粗</b>"), &b, nil)
	if !strings.Contains(b.String(), "<b>粗</b>") {
		t.Errorf("rawHTML: true dropped raw HTML: %q", b.String())
	}
}

func TestFrontMatterLines(t *testing.T) {
	for _, c := range []struct {
		name, text string
		titleLine  int
		bodyLine   int
	}{
		{"yaml", "---\ntitle: a\n---\nbody", 2, 4},
		{"yaml after blank lines", "\n\n---\nx: 1\ntitle: a\n---\nbody", 5, 7},
		{"toml", "+++\n\ntitle = \"a\"\n+++\nbody", 3, 5},
		{"json", ";;;\n{\n  \"title\": \"a\"\n}\n;;;\nbody", 3, 6},
		{"bare json", "{\n  \"title\": \"a\"\n}\n\nbody", 2, 5},
		{"none", "body only", 0, 1},
	} {
		fm, offset, err := splitFrontMatter([]byte(c.text))
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got := fm.fields["title"].Line; got != c.titleLine {
			t.Errorf("%s: title on line %d, want %d", c.name, got, c.titleLine)
		}
		if got := lineAt([]byte(c.text), offset); got != c.bodyLine {
			t.Errorf("%s: body on line %d, want %d", c.name, got, c.bodyLine)
		}
	}
}

// TestYAMLErrorLines checks the line of YAML errors of both kinds yaml.v3
// reports (its scanner's and its parser's, which count differently).
func TestYAMLErrorLines(t *testing.T) {
	for _, c := range []struct {
		text string
		line int
	}{
		{"---\ntitle: [unclosed\ndistrict: x\n---\n", 3},
		{"---\na: b\ndistrict: [x\nleader:\n  name: y\n---\n", 3},
		{"---\na: b\nc: d\ndistrict: [x\ne: f\n---\n", 4},
		{"---\na: b\n  c: d\n---\n", 3},
		{"---\na: b\nc: \"x\ne: f\n---\n", 3}, // where the quote opens
		{"---\na: {b: c\n---\n", 3},
		{"---\n- a\nb: c\n---\n", 3},
	} {
		_, _, err := splitFrontMatter([]byte(c.text))
		fe, ok := err.(*frontMatterError)
		if !ok || fe.line != c.line {
			t.Errorf("%q: error %v at line %d, want line %d", c.text, err, errLine(fe), c.line)
		}
	}
}

func errLine(fe *frontMatterError) int {
	if fe == nil {
		return 0
	}
	return fe.line
}

func TestLineIndex(t *testing.T) {
	text := []byte("a\nbb\n\nccc")
	idx := newLineIndex(text)
	for offset := range text {
		if got, want := idx.at(offset), lineAt(text, offset); got != want {
			t.Errorf("offset %d: line %d, want %d", offset, got, want)
		}
	}
}
