package generator

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"pinzhi/generator/internal/model"
)

// TestIncrementalEqualsClean changes the bundled publication step by step,
// updating one output folder incrementally, and after every step compares
// it byte for byte with a clean build of the same source. Where it says
// which files a step must write, it checks that nothing else was written.
func TestIncrementalEqualsClean(t *testing.T) {
	t.Parallel()
	t.Run("bundled layouts", func(t *testing.T) { incrementalEqualsClean(t, repoSite(t), true) })
	// Layouts that reach further than the bundled ones, where no name in
	// the layout announces what a page shows: the pages must follow all
	// the same, because what they read is recorded as they render.
	t.Run("layouts reaching further", func(t *testing.T) {
		site := repoSite(t)
		addTo := func(name, before, extra string) {
			text := string(site[name].Data)
			if !strings.Contains(text, before) {
				t.Fatalf("%s has no %q", name, before)
			}
			put(site, name, strings.Replace(text, before, extra+before, 1))
		}
		addTo("layouts/community.html", "</article>",
			`<p class="far">{{with $.Community.Prev}}{{with .Prev}}{{.Title}} {{.Quote}}{{end}}{{end}}`+
				`{{with $.Community.Next}}{{range .Brands}}{{.Name}}{{end}}{{with .District}}{{len .Communities}}{{end}}{{end}}</p>`)
		addTo("layouts/partials/card.html", "</article>", `{{with .Next}}<small>{{.Title}}</small>{{end}}`)
		addTo("layouts/partials/nav.html", "</nav>", `{{range .Model.Pages}}<a href="{{.URL}}">{{.Title}}</a>{{end}}<span>{{len .Model.Communities}}</span>`)
		addTo("layouts/district.html", "{{end}}", `<p>{{with $.Model.Brands}}{{len .Entries}}{{range .Entries}}{{with .Profile}}{{.Leader.Name}}{{end}}{{end}}{{end}}</p>`)
		incrementalEqualsClean(t, site, false)
	})
}

// incrementalEqualsClean changes site step by step, updating one output
// folder, and compares it with a clean build after every step. With
// exact set, it also checks which files steps that say so write.
func incrementalEqualsClean(t *testing.T, site fstest.MapFS, exact bool) {
	const houdajie = "content/communities/houdajie.md"
	out := filepath.Join(t.TempDir(), "public")
	b := NewBuilder(Options{Src: site, Out: out})
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	edit := func(name, old, new string) func(fstest.MapFS) {
		return func(site fstest.MapFS) {
			text := string(site[name].Data)
			if !strings.Contains(text, old) {
				t.Fatalf("%s has no %q", name, old)
			}
			put(site, name, strings.Replace(text, old, new, 1))
		}
	}
	steps := []struct {
		name    string
		change  func(fstest.MapFS)
		changed []string // what the watcher would report
		written []string // when set, exactly the files the step must write
	}{
		{"a body edit writes its page, the feed and the search index", edit(houdajie, "三大品牌", "三大特色"), []string{houdajie},
			[]string{"communities/houdajie/index.html", "feed.xml", "search/index.html"}},
		{"a touch writes nothing", func(fstest.MapFS) {}, []string{houdajie}, []string{}},
		{"a quote edit writes the pages that show it", edit(houdajie, "quote: 品质社区是", "quote: 品质社区就是"), []string{houdajie},
			// libang's page shows houdajie's title as the one before it; the
			// brand list links houdajie; its district's page and the home
			// page show its card; the districts overview counts the
			// communities of each district, and reaching a community is
			// reading its front matter. The other districts' pages show
			// nothing of it.
			[]string{"communities/houdajie/index.html", "communities/libang/index.html", "districts/index.html",
				"districts/zhenhai/index.html", "brands/index.html", "feed.xml", "index.html", "sitemap.xml", "search/index.html"}},
		{"moving to another district", edit(houdajie, "district: 镇海区", "district: 慈溪市"), []string{houdajie}, nil},
		{"a new slug", edit(houdajie, "weight: 1", "weight: 1\nslug: hdj"), []string{houdajie}, nil},
		{"a new community", func(s fstest.MapFS) { put(s, "content/communities/new.md", communityFile("weight: 3\n")) },
			[]string{"content/communities/new.md"}, nil},
		{"a community removed", func(s fstest.MapFS) { delete(s, "content/communities/lingxiao.md") },
			[]string{"content/communities/lingxiao.md"}, nil},
		{"a draft", edit("content/communities/libang.md", "weight: 2", "weight: 2\ndraft: true"),
			[]string{"content/communities/libang.md"}, nil},
		{"the brand list", edit(model.BrandsFile, "- 丹顶鹤社区“公益一条街”\n", ""), []string{model.BrandsFile}, nil},
		{"a community's layout", edit("layouts/community.html", "上一篇", "前一篇"), []string{"layouts/community.html"}, nil},
		{"a partial", edit("layouts/partials/card.html", `class="card"`, `class="card c"`), []string{"layouts/partials/card.html"}, nil},
		{"the base layout", edit("layouts/base.html", "本报记者", "记者"), []string{"layouts/base.html"}, nil},
		{"the stylesheet", edit("assets/site.css", "--accent: #b3121b;", "--accent: #a00;"), []string{"assets/site.css"}, nil},
		{"a new asset linked from a page", func(s fstest.MapFS) {
			put(s, "assets/img/logo.svg", `<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>`)
			put(s, "content/about.md", "---\ntitle: 关于\n---\n![标志](/assets/img/logo.svg)\n")
		}, []string{"assets/img", "content/about.md"}, nil},
		{"a plain page's text", edit("content/about.md", "![标志]", "说明：![标志]"), []string{"content/about.md"},
			[]string{"about/index.html", "search/index.html"}},
		{"a folder of communities copied in", func(s fstest.MapFS) {
			put(s, "content/communities/more/a.md", communityFile("title: 甲社区\n"))
			put(s, "content/communities/more/b.md", communityFile("title: 乙社区\ndistrict: 江北区\n"))
		}, []string{"content/communities/more"}, nil},
		{"a folder with hidden and scratch files copied in", func(s fstest.MapFS) {
			put(s, "content/communities/more2/.drafts/d.md", communityFile("title: 丁社区\n"))
			put(s, "content/communities/more2/e.md~", communityFile("title: 戊社区\n"))
			put(s, "content/communities/more2/#f.md#", communityFile("title: 己社区\n"))
			put(s, "content/communities/more2/g.md", communityFile("title: 庚社区\n"))
			put(s, "assets/.private/secret.env", "TOKEN=1")
			put(s, "layouts/partials/.card.html.swp", "{{define \"card\"}}broken{{end}}")
		}, []string{"content/communities/more2", "assets/.private", "layouts/partials/.card.html.swp"}, nil},
		{"a page too large to hold twice", func(s fstest.MapFS) {
			put(s, "content/communities/long.md", communityFile("weight: 4\n")+strings.Repeat("品质社区是人们对获得感和幸福感的向往和追求。\n\n", 60000))
		}, []string{"content/communities/long.md"}, nil},
		{"its text edited", edit("content/communities/long.md", "正文。", "正文改。"), []string{"content/communities/long.md"},
			[]string{"communities/long/index.html", "feed.xml", "search/index.html"}},
		{"the folder removed", func(s fstest.MapFS) {
			delete(s, "content/communities/more/a.md")
			delete(s, "content/communities/more/b.md")
		}, []string{"content/communities/more"}, nil},
		{"the site's settings", edit(model.IndexFile, "reporter: 张昊", "reporter: 记者张昊"), []string{model.IndexFile}, nil},
		{"the base URL", edit(model.IndexFile, "https://example.org/pinzhi/", "https://example.net/"), []string{model.IndexFile}, nil},
	}
	for _, step := range steps {
		step.change(site)
		report, err := b.Update(step.changed)
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		if exact && step.written != nil {
			want := slices.Sorted(slices.Values(step.written))
			pages, index := splitSearchIndex(report.Written)
			if !slices.Equal(pages, want) {
				t.Errorf("%s: wrote %v\nwant %v", step.name, pages, want)
			}
			// The index is written only where it changed: a few of its
			// files for a page's text, and never all of a larger index.
			if slices.Contains(want, searchPage) != (len(index) > 0) || len(index) > 8 && len(index) >= len(b.searchLive) {
				t.Errorf("%s: wrote %d of the index's %d files: %v", step.name, len(index), len(b.searchLive), index)
			}
		}
		clean, _ := mustBuild(t, site, Options{})
		if diff := diffTrees(readTree(t, clean), readTree(t, out)); diff != "" {
			t.Fatalf("%s: the updated folder differs from a clean build:\n%s", step.name, diff)
		}
	}
}

// TestUpdateKeepsLastGoodSite breaks the source during watch mode: the
// update fails, the folder keeps the last good site, and fixing the source
// brings it up to date.
func TestUpdateKeepsLastGoodSite(t *testing.T) {
	t.Parallel()
	site := repoSite(t)
	out := filepath.Join(t.TempDir(), "public")
	b := NewBuilder(Options{Src: site, Out: out})
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	good := readTree(t, out)
	const name = "content/communities/libang.md"
	fixed := string(site[name].Data)
	put(site, name, "---\ntitle: [broken\n---\n")
	if _, err := b.Update([]string{name}); err == nil || !hasLine(problemsOf(t, err), name+":3: YAML") {
		t.Fatalf("want a YAML problem, got %v", err)
	}
	if diff := diffTrees(good, readTree(t, out)); diff != "" {
		t.Fatalf("a failed update changed the site:\n%s", diff)
	}
	put(site, name, strings.Replace(fixed, "奉化区", "海曙区", 1))
	if _, err := b.Update([]string{name}); err != nil {
		t.Fatal(err)
	}
	clean, _ := mustBuild(t, site, Options{})
	if diff := diffTrees(readTree(t, clean), readTree(t, out)); diff != "" {
		t.Fatalf("after the fix the folder differs from a clean build:\n%s", diff)
	}
}

// TestUpdateAllOrNothing fails one page of an update whose other pages,
// and a new asset, are written first: the folder must come back exactly
// as it was, with nothing new left in it, and the next good update must
// equal a clean build.
func TestUpdateAllOrNothing(t *testing.T) {
	t.Parallel()
	site := repoSite(t)
	out := filepath.Join(t.TempDir(), "public")
	b := NewBuilder(Options{Src: site, Out: out, Workers: 1})
	if _, err := b.Build(); err != nil {
		t.Fatal(err)
	}
	good := readTree(t, out)
	houdajie, libang := "content/communities/houdajie.md", "content/communities/libang.md"
	put(site, houdajie, strings.Replace(string(site[houdajie].Data), "quote: 品质社区是", "quote: 品质社区就是", 1))
	put(site, "assets/new.svg", `<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>`)
	brokenLibang := string(site[libang].Data) + "\n![图](/assets/nope.png)\n"
	put(site, libang, brokenLibang)
	_, err := b.Update([]string{houdajie, "assets/new.svg", libang})
	if err == nil || !hasLine(problemsOf(t, err), libang) {
		t.Fatalf("want a problem in %s, got %v", libang, err)
	}
	if diff := diffTrees(good, readTree(t, out)); diff != "" {
		t.Fatalf("a failed update left the folder changed:\n%s", diff)
	}
	put(site, libang, strings.Replace(brokenLibang, "/assets/nope.png", "/assets/new.svg", 1))
	if _, err := b.Update([]string{libang}); err != nil {
		t.Fatal(err)
	}
	clean, _ := mustBuild(t, site, Options{})
	if diff := diffTrees(readTree(t, clean), readTree(t, out)); diff != "" {
		t.Fatalf("after the fix the folder differs from a clean build:\n%s", diff)
	}
}

// splitSearchIndex separates the files of the search index from the rest.
func splitSearchIndex(paths []string) (rest, index []string) {
	for _, p := range paths {
		if strings.HasPrefix(p, searchDir) {
			index = append(index, p)
		} else {
			rest = append(rest, p)
		}
	}
	return rest, index
}
