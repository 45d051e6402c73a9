package generator

import (
	"encoding/json"
	"encoding/xml"
	"regexp"
	"strings"
	"testing"
	"time"

	"pinzhi/generator/internal/model"
)

// meta returns the content of a page's <meta> with the given name or
// property, as the minifier writes it.
func meta(page, key string) string {
	re := regexp.MustCompile(`<meta (?:name|property)="?` + regexp.QuoteMeta(key) + `"? content="?([^">]*)`)
	if m := re.FindStringSubmatch(page); m != nil {
		return m[1]
	}
	return ""
}

// TestDescriptions: every page tells what it is about in its own words,
// by the rules of the package doc.
func TestDescriptions(t *testing.T) {
	t.Parallel()
	site := repoSite(t)
	put(site, "content/communities/a.md", communityFile("summary: 一个有摘要的社区。\nquote: 不用这句。\n"))
	put(site, "content/communities/b.md", communityFile("slug: b\nquote: 只有引语。\n"))
	put(site, "content/communities/c.md", "---\ntitle: 丙社区\ndistrict: 海曙区\nleader:\n  name: 张三\nslug: c\n---\n\n## 标题不算\n\n第一句在这里！第二句不要。\n")
	put(site, "content/about.md", "---\ntitle: 关于\n---\n\n本专题由本报编辑部制作。联系我们。\n")
	out, _ := mustBuild(t, site, Options{})
	files := readTree(t, out)
	cases := []struct{ page, want string }{
		{"index.html", "通过推荐评议，10家社区从全市597家社区中脱颖而出"},
		{"communities/a/index.html", "一个有摘要的社区。"},
		{"communities/b/index.html", "只有引语。"},
		{"communities/c/index.html", "第一句在这里！"},
		{"districts/haishu/index.html", "海曙区的品质社区：水岸心境社区、"},
		{"districts/index.html", "各区县的品质社区：海曙区"},
		{"brands/index.html", "本报讯(记者张昊)全市“百佳社区文明创建工作品牌”推荐评议活动开展以来"},
		{"about/index.html", "本专题由本报编辑部制作。"},
		{"search/index.html", "搜索宁波市“十佳品质社区”推荐评议的12个品质社区和"},
	}
	seen := map[string]string{}
	for _, c := range cases {
		page := files[c.page]
		got := meta(page, "description")
		if !strings.HasPrefix(got, c.want) {
			t.Errorf("%s: description %q, want %q…", c.page, got, c.want)
		}
		if other, ok := seen[got]; ok {
			t.Errorf("%s has the description of %s", c.page, other)
		}
		seen[got] = c.page
		if og := meta(page, "og:description"); og != got {
			t.Errorf("%s: og:description %q differs from the description", c.page, og)
		}
	}
	if got := meta(files["communities/c/index.html"], "description"); strings.Contains(got, "第二句") || strings.Contains(got, "标题") {
		t.Errorf("the first sentence is not cut or takes the heading: %q", got)
	}
}

// TestShareCard: Open Graph, Twitter and JSON-LD on every page, with the
// share image of the site or of the page, absolute.
func TestShareCard(t *testing.T) {
	t.Parallel()
	site := repoSite(t)
	put(site, "assets/share.png", jpegOf(t, 300, 200)) // a JPEG named .png is read for what it is
	put(site, "assets/houdajie.jpg", jpegOf(t, 400, 300))
	put(site, model.IndexFile, strings.Replace(siteText(t), "reporter: 张昊\n", "reporter: 张昊\nimage: share.png\ndate: 2016-11-28\n", 1))
	houdajie := string(site["content/communities/houdajie.md"].Data)
	put(site, "content/communities/houdajie.md", strings.Replace(houdajie, "weight: 1\n", "weight: 1\nimage: /assets/houdajie.jpg\n", 1))
	out, _ := mustBuild(t, site, Options{})
	files := readTree(t, out)

	page := files["communities/houdajie/index.html"]
	for key, want := range map[string]string{
		"og:type": "article", "og:title": "后大街社区", "og:locale": "zh_CN", "og:site_name": "宁波市“十佳品质社区”推荐评议",
		"og:url": "https://example.org/pinzhi/communities/houdajie/", "twitter:card": "summary_large_image",
	} {
		if got := meta(page, key); got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
	if got := meta(page, "og:image"); !regexp.MustCompile(`^https://example.org/pinzhi/assets/houdajie-400\.[0-9a-f]{10}\.jpg$`).MatchString(got) {
		t.Errorf("the community's own image: og:image %q", got)
	}
	if got := meta(files["communities/libang/index.html"], "og:image"); !strings.Contains(got, "/assets/share-300.") {
		t.Errorf("the site's image: og:image %q", got)
	}

	var ld []map[string]any
	if err := json.Unmarshal([]byte(structuredData(page)[0]), &ld); err != nil {
		t.Fatal(err)
	}
	article, crumbs := ld[0], ld[1]
	if article["@type"] != "NewsArticle" || article["headline"] != "后大街社区" || article["datePublished"] != "2016-11-28T00:00:00Z" ||
		article["author"].(map[string]any)["name"] != "张昊" || len(article["publisher"].([]any)) != 3 {
		t.Errorf("NewsArticle: %v", article)
	}
	items := crumbs["itemListElement"].([]any)
	if crumbs["@type"] != "BreadcrumbList" || len(items) != 3 || items[1].(map[string]any)["name"] != "镇海区" {
		t.Errorf("BreadcrumbList: %v", crumbs)
	}
	if ld := structuredData(files["districts/index.html"]); len(ld) != 1 || !strings.Contains(ld[0], `"BreadcrumbList"`) || strings.Contains(ld[0], "NewsArticle") {
		t.Errorf("the districts page: %q", ld)
	}
	if meta(files["404.html"], "og:title") != "" {
		t.Error("the 404 page, served at any address, has a share card")
	}

	// Without a host there is nothing absolute to share.
	out, _ = mustBuild(t, site, Options{BaseURL: "/"})
	page = readTree(t, out)["communities/houdajie/index.html"]
	if meta(page, "og:image") != "" || meta(page, "og:url") != "" || len(structuredData(page)) != 0 {
		t.Error("a site without a host has absolute addresses in its share card")
	}
}

func TestShareImageProblems(t *testing.T) {
	t.Parallel()
	cases := []struct{ image, want string }{
		{"nowhere.jpg", `content/communities/x.md:7: image "nowhere.jpg" is not a file in assets/`},
		{"/assets/favicon.svg", `content/communities/x.md:7: image "favicon.svg" is not a JPEG or PNG; give a JPEG or PNG`},
	}
	for _, c := range cases {
		site := repoSite(t)
		put(site, "content/communities/x.md", communityFile("image: "+c.image+"\n"))
		_, _, err := buildInto(t, site, Options{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("image: %s: got %v, want %s", c.image, err, c.want)
		}
	}
}

// TestFeedDatesAndIDs: entries date from front matter, else from the last
// commit of their file, else the site's; ids stay when the site moves.
func TestFeedDatesAndIDs(t *testing.T) {
	t.Parallel()
	site := repoSite(t)
	libang := string(site["content/communities/libang.md"].Data)
	put(site, "content/communities/libang.md", strings.Replace(libang, "weight: 2\n", "weight: 2\ndate: 2016-11-20\n", 1))
	commit := time.Date(2016, 11, 25, 9, 30, 0, 0, time.FixedZone("CST", 8*3600))
	dates := map[string]time.Time{"content/communities/houdajie.md": commit, "content/communities/libang.md": commit}
	type entry struct {
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Link    struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Content string `xml:"content"`
	}
	feed := func(base string) map[string]entry {
		out, _ := mustBuild(t, site, Options{BaseURL: base, FileDates: func() map[string]time.Time { return dates }})
		var f struct {
			ID      string  `xml:"id"`
			Entries []entry `xml:"entry"`
		}
		if err := xml.Unmarshal([]byte(readTree(t, out)["feed.xml"]), &f); err != nil {
			t.Fatal(err)
		}
		byID := map[string]entry{f.ID: {}}
		for _, e := range f.Entries {
			byID[e.ID] = e
		}
		return byID
	}
	here, there := feed(""), feed("https://news.example.com/2016/")
	for id := range here {
		if _, ok := there[id]; !ok {
			t.Errorf("id %s changed when the site moved", id)
		}
	}
	cases := []struct{ id, updated string }{
		{"tag:example.org,2016:communities/libang", "2016-11-20T00:00:00Z"},        // front matter
		{"tag:example.org,2016:communities/houdajie", "2016-11-25T09:30:00+08:00"}, // last commit
		{"tag:example.org,2016:communities/lingxiao", "1970-01-01T00:00:00Z"},      // nothing better
	}
	for _, c := range cases {
		e, ok := here[c.id]
		if !ok || e.Updated != c.updated || !strings.Contains(e.Content, `<a href="https://example.org/pinzhi/`) {
			t.Errorf("%s: %+v, want updated %s and a link in its content", c.id, e, c.updated)
		}
	}
	if _, ok := here["tag:example.org,2016:feed"]; !ok {
		t.Error("the feed's own id is not a tag: URI")
	}
}
