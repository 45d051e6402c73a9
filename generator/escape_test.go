package generator

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"

	"pinzhi/generator/internal/model"
)

// TestEscaping puts markup where editors type text, in every field that
// pages, the feed and the sitemap show, and wants it shown as text.
func TestEscaping(t *testing.T) {
	t.Parallel()
	const evil = `<script>alert("x")</script>`
	site := repoSite(t)
	put(site, model.IndexFile, strings.Replace(strings.Replace(siteText(t),
		"name: 海曙区", "name: '海曙区"+evil+"'", 1),
		"title: 宁波市“十佳品质社区”推荐评议", "title: '站"+evil+"'", 1))
	put(site, badFile, "---\ntitle: '社区"+evil+"'\ndistrict: haishu\nleader:\n  name: '张"+evil+"'\n  role: 书记\nquote: '话"+evil+"'\nsummary: '要"+evil+"'\n---\n正文 "+evil+"\n")
	put(site, "content/communities/shuianxinjing.md", strings.Replace(string(site["content/communities/shuianxinjing.md"].Data), "海曙区", "haishu", 1))
	out, _ := mustBuild(t, site, Options{})
	files := readTree(t, out)
	for name, data := range files {
		if strings.HasSuffix(name, ".html") && hasInlineScript(data) {
			t.Errorf("%s has a <script> element of its own", name)
		}
		for _, ld := range structuredData(data) {
			var v any
			if err := json.Unmarshal([]byte(ld), &v); err != nil || strings.Contains(ld, "<") {
				t.Errorf("%s: JSON-LD that is not JSON or holds a <: %v\n%s", name, err, ld)
			}
		}
	}
	if ld := structuredData(files["communities/bad/index.html"]); len(ld) == 0 || !strings.Contains(ld[0], `社区\u003cscript\u003e`) {
		t.Errorf("the bad community's JSON-LD does not carry its title as text: %q", ld)
	}
	for _, name := range []string{"index.html", "communities/bad/index.html", "districts/haishu/index.html", "districts/index.html", "404.html", "search/index.html"} {
		if !textContains(files[name], "&lt;script>") {
			t.Errorf("%s does not show the markup as text", name)
		}
	}
	if !strings.Contains(files["feed.xml"], `社区&lt;script&gt;alert("x")&lt;/script&gt;`) {
		t.Errorf("feed does not escape the title")
	}
}

// hasInlineScript reports whether an HTML document has a <script> tag
// that runs code written in the page: the layouts load scripts from files
// (the search page's) and write data (JSON-LD), so any other is one that
// text smuggled in.
func hasInlineScript(doc string) bool {
	l := html.NewLexer(parse.NewInputString(doc))
	inScript, harmless := false, false
	for {
		tt, _ := l.Next()
		switch {
		case tt == html.ErrorToken:
			return false
		case tt == html.StartTagToken:
			if inScript && !harmless {
				return true
			}
			inScript, harmless = string(l.Text()) == "script", false
		case tt == html.AttributeToken && inScript:
			key, val := string(l.AttrKey()), strings.Trim(string(l.AttrVal()), `"'`)
			harmless = harmless || key == "src" || key == "type" && val == "application/ld+json"
		case tt == html.StartTagCloseToken && inScript:
			if !harmless {
				return true
			}
			inScript = false
		}
	}
}

// structuredData returns the text of each JSON-LD script of a document.
func structuredData(doc string) []string {
	var out []string
	for rest := doc; ; {
		_, after, found := strings.Cut(rest, "<script type=application/ld+json>")
		if !found {
			return out
		}
		ld, tail, _ := strings.Cut(after, "</script>")
		out, rest = append(out, ld), tail
	}
}

// textContains reports whether the text between an HTML document's tags,
// undecoded, contains sub.
func textContains(doc, sub string) bool {
	l := html.NewLexer(parse.NewInputString(doc))
	for {
		tt, data := l.Next()
		switch {
		case tt == html.ErrorToken:
			return false
		case tt == html.TextToken && strings.Contains(string(data), sub):
			return true
		}
	}
}

func TestSitemapEscapesURLs(t *testing.T) {
	t.Parallel()
	site := repoSite(t)
	put(site, "content/communities/x.md", communityFile("slug: 测试&社区\n"))
	_, _, err := buildInto(t, site, Options{})
	if err == nil || !strings.Contains(err.Error(), `contains "&"`) {
		t.Fatalf("an & in a slug should be refused, got %v", err)
	}
	put(site, "content/communities/x.md", communityFile("slug: 测试社区\n"))
	out, _ := mustBuild(t, site, Options{})
	sitemap := readTree(t, out)["sitemap.xml"]
	if !strings.Contains(sitemap, "<loc>https://example.org/pinzhi/communities/%E6%B5%8B%E8%AF%95%E7%A4%BE%E5%8C%BA/</loc>") {
		t.Errorf("sitemap does not percent-encode the Chinese slug:\n%s", sitemap)
	}
}

// TestBaseURLFlag builds for another host and path and wants every link
// under it, and nothing left of the base URL in _index.md.
func TestBaseURLFlag(t *testing.T) {
	t.Parallel()
	out, _ := mustBuild(t, repoSite(t), Options{BaseURL: "https://news.example.com/2016/pinzhi"})
	for name, data := range readTree(t, out) {
		// The feed's ids are tag: URIs, which stay when the site moves.
		data = strings.ReplaceAll(data, "tag:example.org,2016:", "")
		if strings.Contains(data, "example.org") || strings.Contains(data, `href=/pinzhi/`) {
			t.Errorf("%s still links to the base URL of _index.md", name)
		}
		if strings.HasSuffix(name, ".html") && !strings.Contains(data, "href=/2016/pinzhi/assets/favicon.") {
			t.Errorf("%s does not load its icon from the new base path", name)
		}
	}
	out, report := mustBuild(t, repoSite(t), Options{BaseURL: "/"})
	files := readTree(t, out)
	if _, ok := files["feed.xml"]; ok {
		t.Error("a site without a host got a feed with relative addresses")
	}
	if !hasLine(report.Warnings, model.IndexFile+`: warning: baseURL "/" names no host`) || !strings.Contains(files["index.html"], "href=/communities/houdajie/") {
		t.Errorf("root build: warnings %v", report.Warnings)
	}
}
