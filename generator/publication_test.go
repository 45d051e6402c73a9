package generator

import (
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// These tests read the bundled publication's output the way a reader
// would, checking what the golden files cannot say on their own.

var (
	h1Pattern   = regexp.MustCompile(`<h1[ >]`)
	linkPattern = regexp.MustCompile(`(?:href|src)=("[^"]*"|[^ >]+)`)
)

func TestPublicationPages(t *testing.T) {
	t.Parallel()
	out, report := mustBuild(t, repoSite(t), Options{})
	files := readTree(t, out)
	communities := map[string]string{
		"houdajie": "后大街社区", "libang": "力邦社区", "dandinghe": "丹顶鹤社区", "lingxiao": "凌霄社区",
		"dushisenlin": "都市森林社区", "beianqinsen": "北岸琴森社区", "xinchengshi": "新城市社区",
		"zongpuqiao": "总浦桥社区", "shuianxinjing": "水岸心境社区",
	}
	for slug, title := range communities {
		page, ok := files["communities/"+slug+"/index.html"]
		if !ok {
			t.Errorf("no page for %s", title)
			continue
		}
		if n := len(h1Pattern.FindAllString(page, -1)); n != 1 || !strings.Contains(page, "<h1>"+title+"</h1>") {
			t.Errorf("%s: want one <h1>%s</h1>, found %d h1", slug, title, n)
		}
		if !strings.Contains(page, "<html lang=zh-CN>") {
			t.Errorf("%s: no lang=zh-CN", slug)
		}
	}
	if got := strings.Count(files["index.html"], `class=card>`); got != len(communities) {
		t.Errorf("home shows %d cards, want %d", got, len(communities))
	}
	if strings.Contains(files["communities/libang/index.html"], "class=pull-quote") {
		t.Error("力邦社区 has no quote in the seed, but its page shows one")
	}
	if !strings.Contains(files["communities/houdajie/index.html"], "class=pull-quote") {
		t.Error("后大街社区's quote is not shown")
	}
	for name, data := range files {
		if strings.Contains(data, "__pinzhi") || strings.Contains(data, "reload.js") {
			t.Errorf("%s carries the dev server's reload script: build output must not", name)
		}
	}
	// The seed's photo is not available: its caption is left out until
	// the editor gives the picture, and the build says so.
	if strings.Contains(files["index.html"], "刘波 摄") || strings.Contains(files["index.html"], "<figure") {
		t.Error("the home page shows the photo's caption with no picture")
	}
	if !slices.ContainsFunc(report.Warnings, func(p Problem) bool {
		return p.Path == "content/_index.md" && p.Line > 0 && strings.Contains(p.Message, "caption but no src")
	}) {
		t.Errorf("no warning of the caption without a picture among %v", report.Warnings)
	}
}

func TestPublicationBrandList(t *testing.T) {
	t.Parallel()
	out, _ := mustBuild(t, repoSite(t), Options{})
	page := readTree(t, out)["brands/index.html"]
	if got := strings.Count(page, "<li id=brand-"); got != 100 {
		t.Errorf("brand list has %d entries, want 100", got)
	}
	linked := regexp.MustCompile(`<span class=brand-community><a href=/pinzhi/communities/(\w+)/>`).FindAllStringSubmatch(page, -1)
	var slugs []string
	for _, m := range linked {
		slugs = append(slugs, m[1])
	}
	slices.Sort(slugs)
	want := []string{"dandinghe", "houdajie", "libang", "lingxiao", "shuianxinjing", "zongpuqiao"}
	if !slices.Equal(slugs, want) {
		t.Errorf("linked entries go to %v, want %v", slugs, want)
	}
	if got := strings.Count(page, "<span class=brand-community>阳光社区</span>"); got != 2 {
		t.Errorf("阳光社区 should stay listed twice, found %d", got)
	}
}

// TestPublicationLinks follows every link of every page: each internal one
// must stay under the base path and reach a file of the output.
func TestPublicationLinks(t *testing.T) {
	t.Parallel()
	out, _ := mustBuild(t, repoSite(t), Options{})
	files := readTree(t, out)
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, m := range linkPattern.FindAllStringSubmatch(data, -1) {
			link := strings.Trim(m[1], `"`)
			u, err := url.Parse(link)
			if err != nil {
				t.Errorf("%s: bad link %q", name, link)
				continue
			}
			if u.Host != "" || strings.HasPrefix(link, "#") {
				continue // canonical links and anchors
			}
			if !strings.HasPrefix(u.Path, "/pinzhi/") {
				t.Errorf("%s: link %q leaves the base path /pinzhi/", name, link)
				continue
			}
			target := strings.TrimPrefix(u.Path, "/pinzhi/")
			if target == "" || strings.HasSuffix(target, "/") {
				target = path.Join(target, "index.html")
			}
			if _, ok := files[target]; !ok {
				t.Errorf("%s: link %q leads to no file", name, link)
			}
		}
	}
}
