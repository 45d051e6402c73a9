// Package corpus makes the synthetic sites the benchmarks build: N
// community pages of Chinese prose drawn from the publication's own text,
// ten districts, front matter with a leader and a quote, headings, lists,
// emphasis and a link to the page before, and a brand list of N entries;
// the same pages in pinzhi's format and as a Hugo site, so that both can
// be built in one run on one machine. It is deterministic: the same N
// gives the same bytes.
//
// It makes the same kind of pages as ../shared/bench/gencorpus.py, which
// the numbers before 2026-11-30 were measured on, from the publication's
// paragraphs instead of the seed's (the publication transcribes the seed),
// so that a clone of this repository can make it.
package corpus

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// District is a district's name and slug.
type District struct{ Name, Slug string }

// Districts are those of the publication, in its order.
var Districts = []District{
	{"海曙区", "haishu"}, {"江北区", "jiangbei"}, {"镇海区", "zhenhai"}, {"北仑区", "beilun"},
	{"鄞州区", "yinzhou"}, {"奉化区", "fenghua"}, {"余姚市", "yuyao"}, {"慈溪市", "cixi"},
	{"宁海县", "ninghai"}, {"象山县", "xiangshan"},
}

const (
	roles    = "党委书记,党总支书记,党支部书记,社区主任,党总支副书记"
	surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
	given    = "民丽荣华菊芬雪波文君佳寅静安东红孟儿明德"
	places   = "东南西北中新老金银丽锦绣和平安康福寿春秋泉水山海湖桥梅兰竹菊"
)

// A Page is one community of the corpus.
type Page struct {
	Slug, Title string
	District    District
	Leader      string
	Role        string
	Quote       string
	Weight      int
	Body        string
	Brand       string // its entry in the brand list
}

// Paragraphs returns the long paragraphs of the publication's content
// files (content/ of fsys): the text the corpus is made of.
func Paragraphs(fsys fs.FS) ([]string, error) {
	names, err := fs.Glob(fsys, "content/*.md")
	if err != nil {
		return nil, err
	}
	more, _ := fs.Glob(fsys, "content/communities/*.md")
	names = append(names, more...)
	slices.Sort(names)
	var paras []string
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		for _, line := range strings.Split(string(data), "\n") {
			line = strings.TrimSpace(line)
			if len([]rune(line)) >= 40 && !strings.HasPrefix(line, "-") && !strings.Contains(line, ": ") {
				paras = append(paras, line)
			}
		}
	}
	if len(paras) < 2 {
		return nil, fmt.Errorf("corpus: no paragraphs in content/")
	}
	return paras, nil
}

// Pages makes n pages from paras.
func Pages(n int, paras []string) []Page {
	rnd := rand.New(rand.NewPCG(20161128, 1))
	pick := func(s string) string { r := []rune(s); return string(r[rnd.IntN(len(r))]) }
	used := map[string]bool{}
	pages := make([]Page, n)
	for i := range pages {
		name := ""
		for tries := 0; name == "" || used[name]; tries++ {
			name = pick(places) + pick(places)
			if rnd.IntN(2) == 1 {
				name += pick(places)
			}
			name += "社区"
			if tries > 20 { // a small alphabet: numbered names after a while
				name = fmt.Sprintf("第%d号社区", i)
			}
		}
		used[name] = true
		leader := pick(surnames) + pick(given)
		if rnd.IntN(2) == 1 {
			leader += pick(given)
		}
		rolesList := strings.Split(roles, ",")
		quote := []rune(paras[rnd.IntN(len(paras))])
		pages[i] = Page{
			Slug: fmt.Sprintf("c%06d", i), Title: name, District: Districts[i%len(Districts)],
			Leader: leader, Role: rolesList[rnd.IntN(len(rolesList))], Quote: string(quote[:min(80, len(quote))]),
			Weight: i + 1, Body: body(rnd, paras, pages, i), Brand: name + "“" + pick(places) + pick(places) + "服务站”",
		}
	}
	return pages
}

// body is 4 to 7 paragraphs with a heading after the first, a list after
// the third, and a link to the page before.
func body(rnd *rand.Rand, paras []string, pages []Page, i int) string {
	var b strings.Builder
	for k := range 4 + rnd.IntN(4) {
		if k == 1 {
			b.WriteString("## 治理经验\n\n")
		}
		if k == 3 {
			b.WriteString("- **组织化引导**，自治化管理\n- 人性化服务\n- 系统化教育\n\n")
		}
		b.WriteString(paras[rnd.IntN(len(paras))] + "\n\n")
	}
	if i > 0 {
		fmt.Fprintf(&b, "另见[%s](/communities/%s/)。\n", pages[i-1].Title, pages[i-1].Slug)
	}
	return b.String()
}

func yamlString(s string) string {
	return `"` + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), `"`, `\"`) + `"`
}

func (p Page) frontMatter(districtKey string) string {
	return fmt.Sprintf("---\ntitle: %s\n%s\nleader:\n  name: %s\n  role: %s\nquote: %s\nweight: %d\n---\n\n",
		p.Title, districtKey, p.Leader, p.Role, yamlString(p.Quote), p.Weight)
}

func brandList(pages []Page, lead string) string {
	var b strings.Builder
	b.WriteString("---\ntitle: 百佳社区文明创建工作品牌\n---\n\n" + lead + "\n\n")
	for _, p := range pages {
		b.WriteString("- " + p.Brand + "\n")
	}
	return b.String()
}

// Files returns the content files of the corpus in pinzhi's format, by
// slash path: content/_index.md, content/brands.md and a file a page.
func Files(pages []Page, paras []string) map[string]string {
	var districts strings.Builder
	for _, d := range Districts {
		fmt.Fprintf(&districts, "  - name: %s\n    slug: %s\n", d.Name, d.Slug)
	}
	files := map[string]string{
		"content/_index.md": "---\ntitle: 品质社区\ndescription: 宁波市“十佳品质社区”推荐评议\nlanguage: zh-CN\n" +
			"districts:\n" + districts.String() + "---\n\n" + paras[0] + "\n",
		"content/brands.md": brandList(pages, paras[1]),
	}
	for _, p := range pages {
		files["content/communities/"+p.Slug+".md"] = p.frontMatter("district: "+p.District.Name) + p.Body
	}
	return files
}

// HugoFiles returns the same pages as a Hugo site, with layouts that show
// what pinzhi's do: the page, its quote and leader, and lists of pages.
func HugoFiles(pages []Page, paras []string) map[string]string {
	files := map[string]string{
		"hugo.toml": "baseURL = \"http://example.org/\"\nlanguageCode = \"zh-CN\"\ntitle = \"品质社区\"\n" +
			"hasCJKLanguage = true\n[taxonomies]\n  district = \"districts\"\n[minify]\n  minifyOutput = true\n",
		"content/_index.md":              "---\ntitle: 品质社区\n---\n\n" + paras[0] + "\n",
		"content/brands.md":              brandList(pages, paras[1]),
		"layouts/_default/baseof.html":   hugoBase,
		"layouts/_default/single.html":   hugoSingle,
		"layouts/_default/list.html":     hugoList,
		"layouts/_default/taxonomy.html": hugoList,
		"layouts/_default/term.html":     hugoList,
		"static/css/site.css":            "body{font-family:'Noto Sans CJK SC',sans-serif;max-width:40em;margin:auto;line-height:1.8}\n",
	}
	for _, p := range pages {
		files["content/communities/"+p.Slug+".md"] = p.frontMatter("districts: ["+p.District.Name+"]") + p.Body
	}
	return files
}

const (
	hugoBase = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>{{ .Title }} · {{ .Site.Title }}</title>
<link rel="stylesheet" href="/css/site.css"></head><body>
<header><a href="/">{{ .Site.Title }}</a> <nav>{{ range .Site.Taxonomies.districts.ByCount }}<a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ end }}</nav></header>
<main>{{ block "main" . }}{{ end }}</main><footer>宁波日报报业集团</footer></body></html>
`
	hugoSingle = `{{ define "main" }}<article><h1>{{ .Title }}</h1>
<blockquote>{{ .Params.quote }}<cite>——{{ .Params.districts }}{{ .Title }}{{ .Params.leader.role }} {{ .Params.leader.name }}</cite></blockquote>
{{ .Content }}</article>{{ end }}
`
	hugoList = `{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.leader.name }}</li>{{ end }}</ul>{{ end }}
`
)

// Write puts files under dir.
func Write(dir string, files map[string]string) error {
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}
