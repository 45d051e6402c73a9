package generator

import (
	"html/template"
	"strings"
	"testing"
	"time"
)

// TestTemplateFunctions runs every function the package doc promises
// layouts, as a layout would call it.
func TestTemplateFunctions(t *testing.T) {
	env := &templateEnv{
		urls:   newURLScheme("https://example.org/pinzhi/"),
		assets: assetSet{"site.css": {Name: "site.css", Out: "assets/site.0123456789.css"}},
	}
	date := time.Date(2016, 11, 28, 9, 30, 0, 0, time.UTC)
	for _, c := range []struct{ layout, want, err string }{
		{`{{url "districts/"}}`, "/pinzhi/districts/", ""},
		{`{{url "/brands/"}}`, "/pinzhi/brands/", ""},
		{`{{absURL "feed.xml"}}`, "https://example.org/pinzhi/feed.xml", ""},
		{`{{asset "site.css"}}`, "/pinzhi/assets/site.0123456789.css", ""},
		{`{{asset "nope.css"}}`, "", `no file "nope.css" in assets/`},
		{`{{cnDate .}}`, "2016年11月28日", ""},
		{`{{isoDate .}}`, "2016-11-28T09:30:00Z", ""},
		{`{{render "nope" .}}`, "", `no template "nope"`},
	} {
		tmpl, err := template.New("t").Funcs(env.funcs()).Parse(c.layout)
		if err != nil {
			t.Fatalf("%s: %v", c.layout, err)
		}
		var b strings.Builder
		err = tmpl.Execute(&b, date)
		switch {
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%s: error %v, want %q", c.layout, err, c.err)
		case c.err == "" && (err != nil || b.String() != c.want):
			t.Errorf("%s = %q, %v; want %q", c.layout, b.String(), err, c.want)
		}
	}
	if got := cnDate(time.Time{}); got != "" {
		t.Errorf("cnDate of no date = %q", got)
	}
	join, _ := template.New("j").Funcs(env.funcs()).Parse(`{{join . "、"}}`)
	var b strings.Builder
	if err := join.Execute(&b, []string{"市文明办", "宁波日报报业集团"}); err != nil || b.String() != "市文明办、宁波日报报业集团" {
		t.Errorf("join = %q, %v", b.String(), err)
	}
}

// TestRenderCache renders a card twice: the second time comes from the
// cache, and a changed front matter misses it.
func TestRenderCache(t *testing.T) {
	var probs problemList
	ls := loadLayouts(repoSite(t), (&templateEnv{}).funcs(), &probs)
	if len(probs.list) > 0 {
		t.Fatal(probs.list)
	}
	env := &templateEnv{urls: newURLScheme("/"), layouts: ls, cards: &renderCache{}}
	c := &Community{Title: "测试社区", Slug: "t", URL: "/communities/t/", District: &District{Name: "海曙区", URL: "/districts/haishu/"},
		source: &Source{FrontHash: 1}}
	first, err := env.render("card", c)
	if err != nil || !strings.Contains(string(first), "测试社区") {
		t.Fatalf("render = %q, %v", first, err)
	}
	c.Title = "改过的社区" // the same front matter print: the cache must answer
	if again, _ := env.render("card", c); again != first {
		t.Errorf("a second render with the same front matter was not cached")
	}
	c.source = &Source{FrontHash: 2}
	if changed, _ := env.render("card", c); !strings.Contains(string(changed), "改过的社区") {
		t.Errorf("a changed front matter got the cached card: %q", changed)
	}
}
