package generator

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestCheckBundledSite(t *testing.T) {
	t.Parallel()
	report, err := Check(Options{Src: repoSite(t)}, CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(report.Problems) > 0 || report.Pages < 20 || report.Links < 100 {
		t.Errorf("the bundled publication: %d pages, %d links, problems:\n%v", report.Pages, report.Links, report.Problems)
	}
}

// TestCheck builds a site with every kind of broken link once and wants
// each reported at the line that wrote it, and nothing else.
func TestCheck(t *testing.T) {
	t.Parallel()
	remote := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/ok" {
			http.NotFound(w, r)
		}
	}))
	defer remote.Close()
	site := repoSite(t)
	put(site, badFile, communityFile("")+strings.Join([]string{
		"## 治理经验", // line 10
		"",
		"[好锚](#治理经验) [相对](../houdajie/) [锚](/communities/houdajie/#top)",
		"",
		"[错锚](#治理经檿)",
		"",
		"[无页](/communities/houdajei/)",
		"",
		"[他页锚](/communities/houdajie/#没有)",
		"",
		"![](/assets/site.css) ![说明](/assets/site.css)",
		"",
		"[站外好](" + remote.URL + "/ok) [站外坏](" + remote.URL + "/gone#x)",
		"",
		"[相对坏](../../../outside/) [邮件](mailto:a@b.c) [电话](tel:123)",
	}, "\n"))
	brands := string(site["content/brands.md"].Data)
	brands = strings.Replace(brands, "- 学弄社区", "- 镇海区后大街社区“测试”品牌\n- 后大桥社区“近似”品牌\n- 学弄社区", 1)
	put(site, "content/brands.md", brands)

	cache := filepath.Join(t.TempDir(), "links.json")
	report, err := Check(Options{Src: site}, CheckOptions{External: true, CacheFile: cache, RetryWait: time.Millisecond, Allow: netip.Addr.IsLoopback})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		badFile + ":14: link to #治理经檿 leads to /communities/bad/, which has no #治理经檿; change #治理经檿 to #治理经验, which the page has",
		badFile + ":16: link to /communities/houdajei/ leads to no page; did you mean /communities/houdajie/?",
		badFile + ":18: link to /communities/houdajie/#没有 leads to /communities/houdajie/, which has no #没有; remove #没有",
		badFile + ":20: image /assets/site.css has no alt text",
		badFile + ":22: link to " + remote.URL + "/gone#x 404 Not Found",
		badFile + ":24: link to ../../../outside/ leads outside the site, whose addresses start with /pinzhi/",
		"content/brands.md:7: brand entry names 后大街社区 as 镇海区后大街社区, so it does not link to its page",
		"content/brands.md:8: warning: brand entry names 后大桥社区: is it 后大街社区, which has a page?",
	}
	for _, w := range want {
		if !hasLine(report.Problems, w) {
			t.Errorf("no problem starts with\n  %s\ngot:\n%v", w, report.Problems)
		}
	}
	if len(report.Problems) != len(want) {
		t.Errorf("%d problems, want %d:\n%v", len(report.Problems), len(want), report.Problems)
	}
	if !report.Broken() || report.External != 2 {
		t.Errorf("broken %v, %d external addresses", report.Broken(), report.External)
	}
	if hasLine(report.Warnings, badFile+":16:") {
		t.Errorf("the build's warning for line 16 is repeated:\n%v", report.Warnings)
	}
}

func TestCheckLayoutLinks(t *testing.T) {
	t.Parallel()
	site := repoSite(t)
	base := string(site["layouts/base.html"].Data)
	put(site, "layouts/base.html", strings.Replace(base, "</body>", `<a href="{{url "nowhere/"}}">x</a><img src="{{asset "site.css"}}"></body>`, 1))
	report, err := Check(Options{Src: site}, CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{
		"layouts/: on 21 pages, e.g. /pinzhi/: link to /pinzhi/nowhere/ leads to no page",
		"layouts/: on 21 pages, e.g. /pinzhi/: image /pinzhi/assets/site.",
	} {
		if !hasLine(report.Problems, w) {
			t.Errorf("no problem starts with\n  %s\ngot:\n%v", w, report.Problems)
		}
	}
}

// TestCheckReportsEverything: one check finds every problem at once: an
// unknown district, a share image that is not there and the broken links
// of other pages, which a failed build would not have reached.
func TestCheckReportsEverything(t *testing.T) {
	t.Parallel()
	site := repoSite(t)
	put(site, badFile, communityFile("")+"\n[坏链](/communities/nowhere/)\n")
	put(site, badFile, strings.Replace(string(site[badFile].Data), "district: 海曙区", "district: 海署区", 1))
	put(site, "content/communities/pic.md", communityFile("slug: pic\nimage: missing.jpg\n"))
	put(site, "content/about.md", "---\ntitle: 关于\n---\n\n[坏链](/communities/houdajei/) [到坏页](/communities/bad/)\n")
	report, err := Check(Options{Src: site}, CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"content/about.md:5: link to /communities/houdajei/ leads to no page",
		badFile + `:3: district "海署区" is not one of the configured districts; did you mean "海曙区"?`,
		`content/communities/pic.md:8: image "missing.jpg" is not a file in assets/`,
	}
	for _, w := range want {
		if !hasLine(report.Problems, w) {
			t.Errorf("no problem starts with\n  %s\ngot:\n%v", w, report.Problems)
		}
	}
	// The page of a file with errors is not written, but it is the
	// site's: links to it are not broken.
	if errs, _ := report.Problems.Split(); len(errs) != len(want) {
		t.Errorf("%d problems, want %d:\n%v", len(errs), len(want), errs)
	}
	if !report.Broken() {
		t.Error("a check with errors is not broken")
	}

	put(site, badFile, "---\ntitle: x\n---\n")
	report, err = Check(Options{Src: site}, CheckOptions{})
	if err != nil || !hasLine(report.Problems, badFile+":4: district is missing") {
		t.Errorf("got %v, %v", report, err)
	}
}

// TestCheckOwnHost: the site's own host is recognised however it is
// written (letter case, default port), links under the site's path are
// checked as its pages, the same host outside that path is an outside
// address, and links that run code or open the reader's files are
// reported.
func TestCheckOwnHost(t *testing.T) {
	t.Parallel()
	site := repoSite(t)
	put(site, badFile, communityFile("")+strings.Join([]string{
		"[报社首页](https://news.example.com/)", // line 10
		"",
		"[大写](https://NEWS.example.com/2016/pinzhi/communities/nosuch/)",
		"",
		"[端口](https://news.example.com:443/2016/pinzhi/communities/nosuch2/)",
		"",
		"[好](https://News.Example.com/2016/pinzhi/communities/houdajie/)",
		"",
		"[脚本](javascript:alert(1)) [文件](file:///etc/passwd)",
	}, "\n"))
	report, err := Check(Options{Src: site, BaseURL: "https://news.example.com/2016/pinzhi/"}, CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		badFile + ":12: link to https://NEWS.example.com/2016/pinzhi/communities/nosuch/ leads to no page",
		badFile + ":14: link to https://news.example.com:443/2016/pinzhi/communities/nosuch2/ leads to no page",
		badFile + ":18: link to file:///etc/passwd leads nowhere: pages never carry file: links",
		badFile + ":18: link to javascript:alert(1) leads nowhere: pages never carry javascript: links",
	}
	for _, w := range want {
		if !hasLine(report.Problems, w) {
			t.Errorf("no problem starts with\n  %s\ngot:\n%v", w, report.Problems)
		}
	}
	if len(report.Problems) != len(want) || report.External != 1 {
		t.Errorf("%d problems (want %d), %d outside addresses (want 1, the paper's front page):\n%v", len(report.Problems), len(want), report.External, report.Problems)
	}
	if hasLine(report.Warnings, badFile+":18:") {
		t.Errorf("the build's warning for line 18 is repeated:\n%v", report.Warnings)
	}
	_, built := mustBuild(t, site, Options{BaseURL: "https://news.example.com/2016/pinzhi/"})
	if !hasLine(built.Warnings, badFile+":18: warning: link to javascript:alert(1) leads nowhere") {
		t.Errorf("the build does not warn of the javascript: link:\n%v", built.Warnings)
	}
}

// TestCheckPrivateAddress: --external asks no address of this machine or
// its network, and reports a link to one as a problem of its page.
func TestCheckPrivateAddress(t *testing.T) {
	t.Parallel()
	var asked atomic.Int32
	local := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { asked.Add(1) }))
	defer local.Close()
	site := repoSite(t)
	put(site, badFile, communityFile("")+"[内网]("+local.URL+"/admin) [元数据](http://169.254.169.254/latest/meta-data/)\n")
	report, err := Check(Options{Src: site}, CheckOptions{External: true, RetryWait: time.Millisecond,
		Dial: func(ctx context.Context, network, addr string) (net.Conn, error) {
			t.Errorf("dialled %s", addr)
			return nil, errors.New("not connected")
		}})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{
		badFile + ":10: link to " + local.URL + "/admin leads to a private or local address, which no reader can reach",
		badFile + ":10: link to http://169.254.169.254/latest/meta-data/ leads to a private or local address",
	} {
		if !hasLine(report.Problems, w) {
			t.Errorf("no problem starts with\n  %s\ngot:\n%v", w, report.Problems)
		}
	}
	if n := asked.Load(); n != 0 {
		t.Errorf("the local server got %d requests", n)
	}
}
