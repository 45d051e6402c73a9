package generator

import (
	"html/template"
	"slices"
	"strings"
	"testing"
	"time"

	"pinzhi/generator/internal/asset"
	"pinzhi/generator/internal/model"
	"pinzhi/generator/internal/render"
	"pinzhi/generator/internal/source"
)

// TestTemplateFunctions runs every function the package doc promises
// layouts, as a layout would call it.
func TestTemplateFunctions(t *testing.T) {
	t.Parallel()
	env := &render.TemplateEnv{
		URLs: model.NewURLs("https://example.org/pinzhi/"),
		Assets: asset.Set{
			"site.css":    asset.Hashed("site.css", []byte(`body{font:17px/1.85 "Noto Sans CJK SC",sans-serif}a>b{color:#b3121b}`)),
			"app.js":      asset.Hashed("app.js", []byte(`if(a<b&&c)go("</x>")`)),
			"favicon.svg": asset.Hashed("favicon.svg", []byte(`<svg/>`)),
			"odd.css":     asset.Hashed("odd.css", []byte(`a::after{content:"</STYLE>"}`)),
		},
	}
	date := time.Date(2016, 11, 28, 9, 30, 0, 0, time.UTC)
	for _, c := range []struct{ layout, want, err string }{
		{`{{url "districts/"}}`, "/pinzhi/districts/", ""},
		{`{{url "/brands/"}}`, "/pinzhi/brands/", ""},
		{`{{absURL "feed.xml"}}`, "https://example.org/pinzhi/feed.xml", ""},
		{`{{asset "site.css"}}`, "/pinzhi/" + env.Assets["site.css"].Out, ""},
		{`{{asset "nope.css"}}`, "", `no file "nope.css" in assets/`},
		{`<style>{{inline "site.css"}}</style>`, `<style>body{font:17px/1.85 "Noto Sans CJK SC",sans-serif}a>b{color:#b3121b}</style>`, ""},
		{`<style>{{inline "/assets/site.css"}}</style>`, `<style>body{font:17px/1.85 "Noto Sans CJK SC",sans-serif}a>b{color:#b3121b}</style>`, ""},
		{`<script>{{inline "app.js"}}</script>`, `<script>if(a<b&&c)go("</x>")</script>`, ""},
		{`<style>{{inline "nope.css"}}</style>`, "", `no file "nope.css" in assets/`},
		{`{{inline "favicon.svg"}}`, "", `only stylesheets (.css) and scripts (.js) can be inlined`},
		{`<style>{{inline "odd.css"}}</style>`, "", `it holds "</style", which would end the <style> element early`},
		{`{{cnDate .}}`, "2016年11月28日", ""},
		{`{{isoDate .}}`, "2016-11-28T09:30:00Z", ""},
		{`{{render "nope" .}}`, "", `no template "nope"`},
	} {
		tmpl, err := template.New("t").Funcs(env.Funcs()).Parse(c.layout)
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
	if got := render.CnDate(time.Time{}); got != "" {
		t.Errorf("cnDate of no date = %q", got)
	}
	join, _ := template.New("j").Funcs(env.Funcs()).Parse(`{{join . "、"}}`)
	var b strings.Builder
	if err := join.Execute(&b, []string{"市文明办", "宁波日报报业集团"}); err != nil || b.String() != "市文明办、宁波日报报业集团" {
		t.Errorf("join = %q, %v", b.String(), err)
	}
}

// TestRenderCache renders a card twice: the second time comes from the
// cache; a change to what the card read misses it, and so does a change
// to a neighbour the card shows, which no name in the layout announces.
func TestRenderCache(t *testing.T) {
	t.Parallel()
	site := repoSite(t)
	put(site, "layouts/partials/card.html", `{{define "card"}}<b>{{.Title}}</b>{{with .Next}}→{{.Title}}{{end}}{{end}}`)
	b := NewBuilder(Options{Src: site, Out: t.TempDir() + "/public"})
	b.loadAll()
	st, errs := b.prepare()
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	renderCard := func(c *model.Community) (string, []render.Dep) {
		r := &render.Reads{Names: &b.names}
		html, err := b.env.Render("card", render.CommunityView(c, r))
		if err != nil {
			t.Fatal(err)
		}
		return string(html), r.Sorted()
	}
	first, next := st.model.Communities[0], st.model.Communities[1]
	html, deps := renderCard(first)
	if want := "<b>" + first.Title + "</b>→" + next.Title; html != want {
		t.Fatalf("card = %q, want %q", html, want)
	}
	if !slices.Contains(deps, render.MkDep(render.DepNext, b.names.IDs[first.File.Path])) || !slices.Contains(deps, render.MkDep(render.DepFront, b.names.IDs[next.File.Path])) {
		t.Errorf("the page's reads lack the card's: %v", deps)
	}
	title := first.Title
	first.Title = "改过的社区" // the files are as they were: the cache must answer
	if again, _ := renderCard(first); again != html {
		t.Errorf("a second render with the same sources was not cached: %q", again)
	}
	first.Title = title
	next.File = &source.File{Path: next.File.Path, FrontHash: next.File.FrontHash + 1}
	st.values.SetFile(next.ID, next.File)
	next.Title = "新邻居社区"
	if changed, _ := renderCard(first); !strings.Contains(changed, "新邻居社区") {
		t.Errorf("a card whose neighbour changed came from the cache: %q", changed)
	}
}
