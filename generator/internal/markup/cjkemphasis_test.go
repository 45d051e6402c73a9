package markup

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/renderer/html"
)

// TestCJKEmphasis: bold and italic around Chinese punctuation, as editors
// write them, open and close where they mean to.
func TestCJKEmphasis(t *testing.T) {
	md := New(Options{})
	for _, c := range []struct{ in, want string }{
		{"测试：**“同心少年警校”**是品牌，**《李茶的姑妈》**也是，**「刻舟求剑」**呢。普通**加粗**文本。",
			"<p>测试：<strong>“同心少年警校”</strong>是品牌，<strong>《李茶的姑妈》</strong>也是，<strong>「刻舟求剑」</strong>呢。普通<strong>加粗</strong>文本。</p>"},
		{"这是**我想做的事。**所以继续。", "<p>这是<strong>我想做的事。</strong>所以继续。</p>"},
		{"**（括号）**在前，后接**【方括号】**。", "<p><strong>（括号）</strong>在前，后接<strong>【方括号】</strong>。</p>"},
		{"品牌*“斜体”*也行，__“下划线”__，也行。", "<p>品牌<em>“斜体”</em>也行，<strong>“下划线”</strong>，也行。</p>"},
		// _ inside a word stays text, as in CommonMark: before a letter
		// the closing __ may open too, and _ may not close then.
		{"__“下划线”__也行", "<p>__“下划线”__也行</p>"},
		{"中文**\"半角引号\"**中文", "<p>中文<strong>&quot;半角引号&quot;</strong>中文</p>"},
		{"**LOGO**标志和**3579**工作法", "<p><strong>LOGO</strong>标志和<strong>3579</strong>工作法</p>"},
		{"Latin **\"quoted\"**word stays as CommonMark says", "<p>Latin **&quot;quoted&quot;**word stays as CommonMark says</p>"},
		{"snake_case_name and 2*3*4", "<p>snake_case_name and 2<em>3</em>4</p>"},
		{"全角：**“引号”！**后文", "<p>全角：<strong>“引号”！</strong>后文</p>"},
	} {
		var b bytes.Buffer
		if err := md.Convert([]byte(c.in), &b, Conversion{}); err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(b.String()); got != c.want {
			t.Errorf("%s\n got: %s\nwant: %s", c.in, got, c.want)
		}
	}
}

// TestCommonMarkEmphasis runs the CommonMark specification's examples of
// emphasis (goldmark's copy, in its module) through goldmark with the
// extension: text without CJK characters must come out as the
// specification says.
func TestCommonMarkEmphasis(t *testing.T) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/yuin/goldmark").Output()
	if err != nil {
		t.Fatalf("finding goldmark's module: %v", err)
	}
	data, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "_test", "spec.json"))
	if err != nil {
		t.Fatal(err)
	}
	var examples []struct {
		Markdown, HTML, Section string
		Example                 int
	}
	if err := json.Unmarshal(data, &examples); err != nil {
		t.Fatal(err)
	}
	md := goldmark.New(goldmark.WithExtensions(CJKEmphasis), goldmark.WithRendererOptions(html.WithXHTML(), html.WithUnsafe()))
	plain := goldmark.New(goldmark.WithRendererOptions(html.WithXHTML(), html.WithUnsafe()))
	n := 0
	for _, e := range examples {
		if e.Section != "Emphasis and strong emphasis" {
			continue
		}
		n++
		var got, want bytes.Buffer
		md.Convert([]byte(e.Markdown), &got)
		plain.Convert([]byte(e.Markdown), &want) // goldmark's own reading, which passes the specification
		if got.String() != want.String() {
			t.Errorf("example %d: %q\n got: %q\nwant: %q (the specification: %q)", e.Example, e.Markdown, got.String(), want.String(), e.HTML)
		}
	}
	if n < 100 {
		t.Fatalf("only %d examples of emphasis found", n)
	}
}

// TestUnparsed: a ** or __ left as text outside code is reported at its
// line; ones in code are not.
func TestUnparsed(t *testing.T) {
	body := "第一行**加粗**正常。\n\n第三行 **没有闭合\n\n`**代码**` 与\n\n```\n**围栏**\n```\n\nsnake__case\n"
	var lines []int
	var b bytes.Buffer
	New(Options{}).Convert([]byte(body), &b, Conversion{Unparsed: func(line int) { lines = append(lines, line) }})
	if want := []int{3, 11}; !slices.Equal(lines, want) {
		t.Errorf("reported lines %v, want %v", lines, want)
	}
}
