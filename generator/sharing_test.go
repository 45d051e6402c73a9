package generator

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
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
	put(site, "assets/logo.png", jpegOf(t, 240, 60))
	put(site, model.IndexFile, strings.Replace(siteText(t), "reporter: 张昊\n",
		"reporter: 张昊\nimage: share.png\ndate: 2016-11-28\npublisher:\n  name: 宁波日报\n  url: https://daily.example.org/\n  logo: logo.png\n", 1))
	houdajie := string(site["content/communities/houdajie.md"].Data)
	put(site, "content/communities/houdajie.md", strings.Replace(houdajie, "weight: 1\n", "weight: 1\nimage: /assets/houdajie.jpg\n", 1))
	out, _ := mustBuild(t, site, Options{})
	files := readTree(t, out)

	page := files["communities/houdajie/index.html"]
	for key, want := range map[string]string{
		"og:type": "article", "og:title": "后大街社区 · 宁波市“十佳品质社区”推荐评议", "og:locale": "zh_CN", "og:site_name": "宁波市“十佳品质社区”推荐评议",
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
		article["author"].(map[string]any)["name"] != "张昊" || len(article["sponsor"].([]any)) != 3 || len(article["image"].([]any)) != 1 {
		t.Errorf("NewsArticle: %v", article)
	}
	publisher, _ := article["publisher"].(map[string]any)
	logo, _ := publisher["logo"].(map[string]any)
	if publisher["name"] != "宁波日报" || !regexp.MustCompile(`^https://example.org/pinzhi/assets/logo-240\.[0-9a-f]{10}\.(png|jpg)$`).MatchString(fmt.Sprint(logo["url"])) {
		t.Errorf("the publisher: %v", publisher)
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

// TestDates: a page is published on its own date, else the edition's;
// its file's last commit is only when it was updated; with no date
// anywhere nothing shows one (no 1970) and the build warns once.
func TestDates(t *testing.T) {
	t.Parallel()
	commit := time.Date(2016, 12, 5, 9, 30, 0, 0, time.FixedZone("CST", 8*3600))
	inGit := func() map[string]time.Time {
		return map[string]time.Time{"content/communities/houdajie.md": commit, "content/communities/libang.md": commit}
	}
	type dates struct{ published, updated string } // as the feed writes them
	cases := []struct {
		name      string
		siteDate  string
		fileDates func() map[string]time.Time
		want      map[string]dates // by community
		warned    bool
	}{
		{"no date, outside git", "", nil, map[string]dates{
			"houdajie": {}, "libang": {"2016-11-20T00:00:00Z", "2016-11-20T00:00:00Z"}, "lingxiao": {}}, true},
		{"no date, in git", "", inGit, map[string]dates{
			"houdajie": {"", "2016-12-05T09:30:00+08:00"}, "libang": {"2016-11-20T00:00:00Z", "2016-12-05T09:30:00+08:00"}, "lingxiao": {}}, true},
		{"the edition's date, in git", "2016-11-28", inGit, map[string]dates{
			"houdajie": {"2016-11-28T00:00:00Z", "2016-12-05T09:30:00+08:00"},
			"libang":   {"2016-11-20T00:00:00Z", "2016-12-05T09:30:00+08:00"},
			"lingxiao": {"2016-11-28T00:00:00Z", "2016-11-28T00:00:00Z"}}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			site := repoSite(t)
			if c.siteDate != "" {
				put(site, model.IndexFile, strings.Replace(siteText(t), "reporter: 张昊\n", "reporter: 张昊\ndate: "+c.siteDate+"\n", 1))
			}
			libang := string(site["content/communities/libang.md"].Data)
			put(site, "content/communities/libang.md", strings.Replace(libang, "weight: 2\n", "weight: 2\ndate: 2016-11-20\n", 1))
			out, report := mustBuild(t, site, Options{FileDates: c.fileDates})
			files := readTree(t, out)
			entries := feedEntries(t, files["feed.xml"])
			for slug, want := range c.want {
				e := entries["tag:example.org,2016:communities/"+slug]
				if e.Published != want.published || e.Updated != want.updated {
					t.Errorf("%s: feed published %q updated %q, want %+v", slug, e.Published, e.Updated, want)
				}
				page := files["communities/"+slug+"/index.html"]
				var ld []map[string]any
				if err := json.Unmarshal([]byte(structuredData(page)[0]), &ld); err != nil {
					t.Fatal(err)
				}
				if got, _ := ld[0]["datePublished"].(string); got != want.published {
					t.Errorf("%s: datePublished %q, want %q", slug, got, want.published)
				}
				if got, _ := ld[0]["dateModified"].(string); got != want.updated {
					t.Errorf("%s: dateModified %q, want %q", slug, got, want.updated)
				}
				shown := regexp.MustCompile(`<time datetime=([^>]*)>([^<]*)</time>`).FindStringSubmatch(page)
				if (shown != nil) != (want.published != "") || shown != nil && (shown[1] != want.published || shown[2] == "") {
					t.Errorf("%s: shows %q, want the date %q", slug, shown, want.published)
				}
			}
			for name, text := range files {
				if strings.Contains(text, "1970") || strings.Contains(text, "0001-01-01") {
					t.Errorf("%s makes up a date", name)
				}
			}
			warnings := 0
			for _, w := range report.Warnings {
				if strings.Contains(w.Message, "no date") {
					warnings++
				}
			}
			if want := map[bool]int{true: 1, false: 0}[c.warned]; warnings != want {
				t.Errorf("%d warnings of no date, want %d: %v", warnings, want, report.Warnings)
			}
		})
	}
}

type feedEntry struct {
	ID        string `xml:"id"`
	Published string `xml:"published"`
	Updated   string `xml:"updated"`
	Link      struct {
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Content struct {
		Type string `xml:"type,attr"`
		Text string `xml:",chardata"`
	} `xml:"content"`
}

// feedEntries reads a feed's entries by id, the feed's own under "".
func feedEntries(t *testing.T, feed string) map[string]feedEntry {
	t.Helper()
	var f struct {
		ID      string      `xml:"id"`
		Entries []feedEntry `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(feed), &f); err != nil {
		t.Fatal(err)
	}
	byID := map[string]feedEntry{"": {ID: f.ID}}
	for _, e := range f.Entries {
		byID[e.ID] = e
	}
	return byID
}

// TestFeed: entries carry the whole article; their ids stay when the
// site moves.
func TestFeed(t *testing.T) {
	t.Parallel()
	site := repoSite(t)
	// An article over 64 KB is in the feed by its summary: one worker
	// renders the feed's 50 entries within the render bound.
	put(site, "content/communities/long.md", communityFile("slug: long\nweight: 3\nsummary: 长文的摘要。\n")+strings.Repeat("很长的正文。\n\n", 8000))
	feed := func(base string) map[string]feedEntry {
		out, _ := mustBuild(t, site, Options{BaseURL: base})
		return feedEntries(t, readTree(t, out)["feed.xml"])
	}
	here, there := feed(""), feed("https://news.example.com/2016/")
	for id := range here {
		if _, ok := there[id]; !ok {
			t.Errorf("id %q changed when the site moved", id)
		}
	}
	if here[""].ID != "tag:example.org,2016:feed" {
		t.Errorf("the feed's own id %q is not a tag: URI", here[""].ID)
	}
	libang := here["tag:example.org,2016:communities/libang"]
	for _, want := range []string{
		"力邦社区为来自全国20个省市自治区", // the first paragraph of its body
		"<p>蔡荣华说，自2002年9月",  // its last paragraph, as HTML
		`<a href="https://example.org/pinzhi/communities/libang/">`,
	} {
		if libang.Content.Type != "html" || !strings.Contains(libang.Content.Text, want) {
			t.Errorf("libang's entry (%s) lacks %q:\n%s", libang.Content.Type, want, libang.Content.Text)
		}
	}
	if long := here["tag:example.org,2016:communities/long"].Content.Text; !strings.Contains(long, "<p>长文的摘要。</p>") || strings.Contains(long, "很长的正文") {
		t.Errorf("the long article's entry holds %d bytes, want its summary alone", len(long))
	}
	if lingxiao := here["tag:example.org,2016:communities/lingxiao"]; !strings.Contains(lingxiao.Content.Text, "<blockquote><p>“世上最远的距离") {
		t.Errorf("lingxiao's entry lacks its leader's words:\n%s", lingxiao.Content.Text)
	}
}
