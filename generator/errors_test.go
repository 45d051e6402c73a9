package generator

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"

	"pinzhi/generator/internal/model"
)

const badFile = "content/communities/bad.md"

// TestBadInput breaks the bundled publication in one way per case and
// wants the build to fail with a problem naming the file and line, every
// problem reported, and the previous output left exactly as it was.
func TestBadInput(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		files map[string]string // written over the bundled site; "" deletes
		want  []string          // each must begin one line of the error
	}{
		{"malformed YAML", map[string]string{badFile: "---\ntitle: [unclosed\ndistrict: 海曙区\n---\n"},
			[]string{badFile + ":3: YAML: did not find expected ',' or ']'"}},
		{"malformed TOML", map[string]string{badFile: "+++\ntitle = \"a\"\ndistrict = \n+++\n"},
			[]string{badFile + ":3: TOML:"}},
		{"malformed JSON", map[string]string{badFile: ";;;\n{\"title\": \"a\",\n \"district\": }\n;;;\n"},
			[]string{badFile + ":3: JSON:"}},
		{"front matter never closed", map[string]string{badFile: "\n---\ntitle: a\ndistrict: 海曙区\n"},
			[]string{badFile + `:2: front matter opened with "---" is never closed`}},
		{"list as title", map[string]string{badFile: communityFile("title:\n  - a\n  - b\n")},
			[]string{badFile + ":7: title must be text, but it is a list"}},
		{"number as title", map[string]string{badFile: communityFile("title: 2016\n")},
			[]string{badFile + ":7: title must be text, but it is a number"}},
		{"text as leader", map[string]string{badFile: communityFile("leader: 张三\n")},
			[]string{badFile + ":7: leader must be a group of key: value lines, but it is text"}},
		{"TOML number as title", map[string]string{badFile: "+++\ntitle = 12\ndistrict = \"海曙区\"\n[leader]\nname = \"张三\"\n+++\n"},
			[]string{badFile + ":2: title must be text, but it is a number"}},
		{"JSON list as district", map[string]string{badFile: "{\n\"title\": \"a\",\n\"district\": [\"海曙区\"],\n\"leader\": {\"name\": \"张三\"}\n}\n\n正文\n"},
			[]string{badFile + ":3: district must be text, but it is a list"}},
		{"empty title", map[string]string{badFile: communityFile("title: \"\"\n")},
			[]string{badFile + ":7: title is empty"}},
		{"title with no value", map[string]string{badFile: communityFile("title:\n")},
			[]string{badFile + ":7: title is empty"}},
		{"missing district", map[string]string{badFile: "---\ntitle: a\nleader: {name: 张三}\n---\n"},
			[]string{badFile + ":5: district is missing"}},
		{"misspelled district", map[string]string{badFile: communityFile("district: 镇海\n")},
			[]string{badFile + `:7: district "镇海" is not one of the configured districts; did you mean "镇海区"?`}},
		{"unconfigured district", map[string]string{badFile: communityFile("district: 杭州市\n")},
			[]string{badFile + `:7: district "杭州市" is not one of the configured districts; use one of 海曙区、`}},
		{"missing leader name", map[string]string{badFile: communityFile("leader:\n  role: 主任\n")},
			[]string{badFile + ":7: leader.name is missing"}},
		{"two pages, one slug", map[string]string{badFile: communityFile("slug: houdajie\n")},
			[]string{"content/communities/houdajie.md: its page /communities/houdajie/ is also the page of " + badFile}},
		{"slug with a slash", map[string]string{badFile: communityFile("slug: a/b\n")},
			[]string{badFile + `:7: slug "a/b" contains a slash`}},
		{"slug with a backslash", map[string]string{badFile: communityFile("slug: 'a\\b'\n")},
			[]string{badFile + `:7: slug "a\\b" contains a slash`}},
		{"slug going up", map[string]string{badFile: communityFile("slug: ..\n")},
			[]string{badFile + `:7: slug ".." starts with a dot`}},
		{"slug with a leading dot", map[string]string{badFile: communityFile("slug: .hidden\n")},
			[]string{badFile + `:7: slug ".hidden" starts with a dot`}},
		{"slug unsafe in a URL", map[string]string{badFile: communityFile("slug: a?b#c\n")},
			[]string{badFile + `:7: slug "a?b#c" contains "?"`}},
		{"district slug unsafe", map[string]string{model.IndexFile: strings.Replace(siteText(t), "slug: haishu", "slug: hai shu", 1)},
			[]string{model.IndexFile + `:` + lineOf(t, siteText(t), "slug: haishu") + `: district slug "hai shu" contains a space`}},
		{"YAML alias cycle", map[string]string{badFile: "---\ntitle: a\ndistrict: 海曙区\nleader: &l\n  name: *l\n---\n"},
			[]string{badFile + ":4: front matter nests more than 32 deep, or repeats itself through aliases"}},
		{"YAML alias bomb", map[string]string{badFile: "---\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n" +
			"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n---\n"},
			[]string{badFile + ":6: front matter has more than 100000 values, counting what aliases (*name) repeat"}},
		{"200,000 YAML keys", map[string]string{badFile: "---\n" + manyKeys("k%d: 1\n", "", 200000) + "---\n"},
			[]string{badFile + ":100001: front matter has more than 100000 values"}},
		{"200,000 JSON keys", map[string]string{badFile: ";;;\n{" + manyKeys("\"k%d\": 1", ",\n", 200000) + "}\n;;;\n"},
			[]string{badFile + ":*: front matter has more than 100000 values"}},
		{"200,000 TOML keys", map[string]string{badFile: "+++\n" + manyKeys("k%d = 1\n", "", 200000) + "+++\n"},
			[]string{badFile + ":*: front matter has more than 100000 values"}},
		{"empty file", map[string]string{badFile: ""},
			[]string{badFile + ": is empty"}},
		{"not UTF-8", map[string]string{badFile: "---\ntitle: \xb2\xe2\xca\xd4\n---\n"},
			[]string{badFile + ":2: is not UTF-8 text"}},
		{"binary", map[string]string{badFile: "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"},
			[]string{badFile + ":3: is a binary file"}},
		{"brand entry without 社区", map[string]string{model.BrandsFile: "---\ntitle: 品牌\n---\n\n- 学弄社区“地球补丁”\n- 东江“E线工作法”\n"},
			[]string{model.BrandsFile + `:6: brand entry "东江“E线工作法”" names no community`}},
		{"brand entry without a brand", map[string]string{model.BrandsFile: "---\ntitle: 品牌\n---\n\n- 学弄社区\n"},
			[]string{model.BrandsFile + `:5: brand entry "学弄社区" names a community but no brand`}},
		{"nested brand list", map[string]string{model.BrandsFile: "---\ntitle: 品牌\n---\n\n- 学弄社区“地球补丁”\n  - 东江社区“E线工作法”\n"},
			[]string{model.BrandsFile + ":6: the brand list must not have nested lists"}},
		{"empty brand list", map[string]string{model.BrandsFile: "---\ntitle: 品牌\n---\n\n只有导语。\n"},
			[]string{model.BrandsFile + ":4: the brand list has no entries"}},
		{"layout fails to parse", map[string]string{"layouts/community.html": "{{define \"main\"}}\n<h1>{{.Title}</h1>\n{{end}}\n"},
			[]string{"layouts/community.html:2: "}},
		{"layout fails to execute", map[string]string{"layouts/district.html": "{{define \"main\"}}\n<h1>{{.Title}}</h1>\n{{.District.Nope}}\n{{end}}\n"},
			[]string{`layouts/district.html:3: executing "main" at <.District.Nope>: District has no field Nope`}},
		{"layout missing", map[string]string{"layouts/page.html": ""},
			[]string{"layouts/page.html: cannot be read: file does not exist"}},
		{"link to a missing asset", map[string]string{badFile: communityFile("") + "![图](/assets/nope.jpg)\n"},
			[]string{badFile + ":10: link to /assets/nope.jpg, which is not in assets/"}},
		{"every problem at once", map[string]string{
			badFile:                       communityFile("district: 镇海\n"),
			"content/communities/bad2.md": communityFile("title: 12\n"),
			model.BrandsFile:              "---\ntitle: 品牌\n---\n\n- 东江“E线工作法”\n",
		}, []string{badFile + ":7: district", "content/communities/bad2.md:7: title must be text", model.BrandsFile + ":5: brand entry"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			site := repoSite(t)
			out, _ := mustBuild(t, site, Options{})
			before := readTree(t, out)
			for name, text := range tc.files {
				if text == "" && name != badFile {
					delete(site, name)
				} else {
					put(site, name, text)
				}
			}
			_, err := Build(Options{Src: site, Out: out})
			if err == nil {
				t.Fatal("build succeeded")
			}
			problems := problemsOf(t, err)
			for _, want := range tc.want {
				if !hasLine(problems, want) {
					t.Errorf("no problem starts with\n  %s\ngot:\n%v", want, err)
				}
			}
			for _, p := range problems {
				if p.Hint == "" {
					t.Errorf("problem without a hint: %v", p)
				}
			}
			if diff := diffTrees(before, readTree(t, out)); diff != "" {
				t.Errorf("a failed build changed the output:\n%s", diff)
			}
		})
	}
}

// manyKeys joins n keys made by format, separated by sep.
func manyKeys(format, sep string, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(sep)
		}
		fmt.Fprintf(&b, format, i)
	}
	return b.String()
}

// hasLine reports whether a problem starts with prefix, in which ":*:"
// stands for any line number.
func hasLine(ps Problems, prefix string) bool {
	before, after, any := strings.Cut(prefix, ":*:")
	for _, p := range ps {
		text := p.Error()
		if !any && strings.HasPrefix(text, prefix) {
			return true
		}
		if rest, ok := strings.CutPrefix(text, before+":"); any && ok {
			if _, msg, ok := strings.Cut(rest, ": "); ok && strings.HasPrefix(msg, strings.TrimPrefix(after, " ")) {
				return true
			}
		}
	}
	return false
}

// lineOf returns the number of the line of text that holds sub.
func lineOf(t testing.TB, text, sub string) string {
	i := strings.Index(text, sub)
	if i < 0 {
		t.Fatalf("%q not found", sub)
	}
	return strconv.Itoa(1 + strings.Count(text[:i], "\n"))
}

func siteText(t testing.TB) string {
	data, err := os.ReadFile("../" + model.IndexFile)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestAcceptedInput lists input that looks unusual but is fine.
func TestAcceptedInput(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name    string
		file    string
		text    string
		page    string // a file the output must have
		content string // text it must contain
		absent  string // text it must not contain, when set
	}{
		{"byte-order mark", badFile, "\uFEFF" + communityFile(""), "communities/bad/index.html", "<h1>测试社区</h1>", ""},
		{"CRLF line endings", badFile, strings.ReplaceAll(communityFile("quote: 一句话\n"), "\n", "\r\n"), "communities/bad/index.html", "“一句话”", ""},
		{"only front matter", badFile, "---\ntitle: 测试社区\ndistrict: 海曙区\nleader: {name: 张三}\n---\n", "communities/bad/index.html", "<h1>测试社区</h1>", ""},
		{"TOML", badFile, "+++\ntitle = \"测试社区\"\ndistrict = \"海曙区\"\n[leader]\nname = \"张三\"\n+++\n正文", "communities/bad/index.html", "张三", ""},
		{"JSON", badFile, "{\n\"title\": \"测试社区\",\n\"district\": \"海曙区\",\n\"leader\": {\"name\": \"张三\"}\n}\n\n正文", "communities/bad/index.html", "张三", ""},
		{"district by slug", badFile, communityFile("district: haishu\n"), "communities/bad/index.html", "海曙区", ""},
		{"file name with spaces", "content/communities/My Community.md", communityFile(""), "communities/my-community/index.html", "测试社区", ""},
		{"Chinese file name", "content/communities/测试 社区.md", communityFile(""), "communities/测试-社区/index.html", "测试社区", ""},
		{"plain page", "content/about.md", "---\ntitle: 关于本专题\n---\n\n## 说明\n", "about/index.html", `<h2 id=说明>说明</h2>`, ""},
		{"nested plain page", "content/help/Editors Guide.md", "---\ntitle: 指南\n---\n", "help/editors-guide/index.html", "<h1>指南</h1>", ""},
		{"folder index page", "content/help/index.md", "---\ntitle: 帮助\n---\n", "help/index.html", "<h1>帮助</h1>", ""},
		{"unknown field is a warning", badFile, communityFile("colour: red\n"), "communities/bad/index.html", "测试社区", ""},
		{"draft left out", badFile, communityFile("draft: true\n"), "index.html", "后大街社区", "测试社区"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			site := repoSite(t)
			put(site, tc.file, tc.text)
			out, _ := mustBuild(t, site, Options{})
			data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(tc.page)))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(data), tc.content) {
				t.Errorf("%s does not contain %q", tc.page, tc.content)
			}
			if tc.absent != "" && strings.Contains(string(data), tc.absent) {
				t.Errorf("%s contains %q", tc.page, tc.absent)
			}
		})
	}
}

func TestDraftsFlag(t *testing.T) {
	t.Parallel()
	site := repoSite(t)
	put(site, badFile, communityFile("draft: true\n"))
	out, _ := mustBuild(t, site, Options{})
	if _, err := os.Stat(filepath.Join(out, "communities/bad/index.html")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a draft was built without --drafts: %v", err)
	}
	out, _ = mustBuild(t, site, Options{Drafts: true})
	if _, err := os.Stat(filepath.Join(out, "communities/bad/index.html")); err != nil {
		t.Errorf("a draft was not built with --drafts: %v", err)
	}
}

func TestWarnings(t *testing.T) {
	t.Parallel()
	site := repoSite(t)
	put(site, badFile, communityFile("titel: x\n")+"[链接](/communities/nowhere/)\n\n**“品质社区”**是品牌\n\n** 没有闭合\n")
	put(site, "content/photo.jpg", "jpeg")
	_, report := mustBuild(t, site, Options{})
	for _, want := range []string{
		badFile + `:7: warning: unknown field "titel"; did you mean "title"?`,
		badFile + ":11: warning: link to /communities/nowhere/ leads to no page",
		badFile + ":15: warning: ** or __ left as text: emphasis that did not parse",
		"content/photo.jpg: warning: not a Markdown file; ignored",
	} {
		if !hasLine(report.Warnings, want) {
			t.Errorf("no warning starts with\n  %s\ngot:\n%v", want, report.Warnings)
		}
	}
	if hasLine(report.Warnings, badFile+":13:") {
		t.Errorf("bold around Chinese quotation marks was reported as unparsed:\n%v", report.Warnings)
	}
}

// failingFS fails to open one file, as a file without read permission does.
type failingFS struct {
	fs.FS
	name string
	err  error // fs.ErrPermission when nil
}

func (f failingFS) Open(name string) (fs.File, error) {
	if name == f.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: cmp.Or(f.err, fs.ErrPermission)}
	}
	return f.FS.Open(name)
}

func TestUnreadableFile(t *testing.T) {
	t.Parallel()
	site := repoSite(t)
	put(site, badFile, communityFile(""))
	_, _, err := buildInto(t, failingFS{site, badFile, nil}, Options{})
	if !hasLine(problemsOf(t, err), badFile+": cannot be read: permission denied; check the file's permissions") {
		t.Errorf("got %v", err)
	}
	_, _, err = buildInto(t, failingFS{site, badFile, syscall.ENAMETOOLONG}, Options{})
	if !hasLine(problemsOf(t, err), badFile+": cannot be read: file name too long; shorten the file's name or a folder's above it") {
		t.Errorf("got %v", err)
	}
}

func TestSymlinkLoop(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeSite(t, dir, repoSite(t))
	loop := filepath.Join(dir, "content/communities/loop.md")
	if err := os.Symlink("loop.md", loop); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../../content", filepath.Join(dir, "content/communities/up")); err != nil {
		t.Fatal(err)
	}
	for _, fsys := range []fs.FS{os.DirFS(dir), nil} {
		_, _, err := buildInto(t, fsys, Options{SrcDir: dir})
		for _, want := range []string{
			"content/communities/loop.md: cannot be read: too many levels of symbolic links",
			"content/communities/up: is a symbolic link to content, a folder that holds it",
		} {
			if !hasLine(problemsOf(t, err), want) {
				t.Errorf("%T: no problem starts with %q: %v", fsys, want, err)
			}
		}
	}
}

func TestLargeFile(t *testing.T) {
	t.Parallel()
	site := repoSite(t)
	para := strings.Repeat("品质社区是人们对获得感和幸福感的向往和追求。", 30) + "\n\n"
	body := strings.Repeat(para, 10<<20/len(para)+1)
	put(site, badFile, communityFile("")+body)
	out, _ := mustBuild(t, site, Options{})
	info, err := os.Stat(filepath.Join(out, "communities/bad/index.html"))
	if err != nil || info.Size() < 10<<20 {
		t.Errorf("a 10 MB page was not built whole: %v %v", info, err)
	}
	put(site, badFile, communityFile("")+strings.Repeat(body, 4))
	_, _, err = buildInto(t, site, Options{})
	if !hasLine(problemsOf(t, err), badFile+": is more than the 32 MB") {
		t.Errorf("got %v", err)
	}
}

func TestOutputNotAFolder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{file, filepath.Join(file, "public")} {
		_, err := Build(Options{Src: repoSite(t), Out: out})
		if err == nil {
			t.Fatalf("build into %s succeeded", out)
		}
		if data, _ := os.ReadFile(file); string(data) != "x" {
			t.Errorf("the file in the way was changed")
		}
	}
}

// writeSite copies an in-memory site to a folder.
func writeSite(t testing.TB, dir string, site fstest.MapFS) {
	t.Helper()
	for name, f := range site {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSymlinkedFolders: links to folders and files inside the site's
// folder are followed in content/, layouts/ and assets/ alike; a link out
// of it, or to a folder that holds it, is a problem naming the link, and
// pinzhi new writes nowhere a build would not read.
func TestSymlinkedFolders(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeSite(t, dir, repoSite(t))
	common := filepath.Join(dir, "common")
	os.MkdirAll(filepath.Join(common, "pages"), 0o755)
	os.MkdirAll(filepath.Join(common, "pictures"), 0o755)
	os.MkdirAll(filepath.Join(common, "partials"), 0o755)
	os.WriteFile(filepath.Join(common, "pages", "gongxiang.md"), []byte(communityFile("title: 共享社区\nslug: gongxiang\n")), 0o644)
	os.WriteFile(filepath.Join(common, "pictures", "logo.svg"), []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`), 0o644)
	os.WriteFile(filepath.Join(common, "partials", "extra.html"), []byte(`{{define "extra"}}x{{end}}`), 0o644)
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	link("../../common/pages", "content/communities/linked")
	link("../common/pictures", "assets/common")
	link("../../common/partials/extra.html", "layouts/partials/extra.html")
	out, _ := mustBuild(t, nil, Options{SrcDir: dir})
	files := readTree(t, out)
	if !strings.Contains(files["communities/gongxiang/index.html"], "共享社区") {
		t.Error("the page in the linked folder was not built")
	}
	if !slices.ContainsFunc(slices.Collect(maps.Keys(files)), func(f string) bool { return strings.HasPrefix(f, "assets/common/logo.") }) {
		t.Error("the asset in the linked folder was not published")
	}

	outside := t.TempDir()
	os.WriteFile(filepath.Join(outside, "secret.md"), []byte(communityFile("title: 外部\n")), 0o644)
	link(outside, "content/communities/outside")
	link(outside, "assets/outside")
	link(filepath.Join(outside, "secret.md"), "layouts/partials/secret.html")
	link("..", "content/communities/loop")
	_, _, err := buildInto(t, nil, Options{SrcDir: dir})
	for _, want := range []string{
		"content/communities/loop: is a symbolic link to content, a folder that holds it",
		"content/communities/outside: is a symbolic link out of the site's folder",
		"assets/outside: is a symbolic link out of the site's folder",
		"layouts/partials/secret.html: is a symbolic link out of the site's folder",
	} {
		if !hasLine(problemsOf(t, err), want) {
			t.Errorf("no problem starts with %q:\n%v", want, err)
		}
	}
	if _, err := CreatePage(dir, "communities-elsewhere/x", "x"); err != nil {
		t.Errorf("a page in a new folder: %v", err)
	}
	link(outside, "content/away")
	if _, err := CreatePage(dir, "away/x", "外面"); err == nil || !strings.Contains(err.Error(), "a build would not read content/away/x.md; nothing was written") {
		t.Errorf("pinzhi new wrote through a link out of the site: %v", err)
	}
	if _, err := os.Stat(filepath.Join(outside, "x.md")); err == nil {
		t.Error("a file was written outside the site")
	}
}
