package model

import (
	"net/url"
	"strings"
	"testing"

	"pinzhi/generator/internal/source"
)

func TestSplitBrand(t *testing.T) {
	cases := []struct {
		entry, community, brand string
		ok                      bool
	}{
		{"学弄社区“地球补丁”环保公益行动", "学弄社区", "“地球补丁”环保公益行动", true},
		{"泉水社区志愿服务“时间积分银行”", "泉水社区", "志愿服务“时间积分银行”", true},
		{"青少年宫路社区“侨界之家”", "青少年宫路社区", "“侨界之家”", true},
		{"社区“无名”", "", "", false},
		{"东江“E线工作法”", "", "", false},
		{"学弄社区", "学弄社区", "", true},
		{"A社区B社区C", "A社区", "B社区C", true},
	}
	for _, c := range cases {
		community, brand, ok := splitBrand(c.entry)
		if community != c.community || brand != c.brand || ok != c.ok {
			t.Errorf("SplitBrand(%q) = %q, %q, %v; want %q, %q, %v", c.entry, community, brand, ok, c.community, c.brand, c.ok)
		}
	}
}

func TestSlugs(t *testing.T) {
	for _, c := range []struct{ slug, problem string }{
		{"houdajie", ""}, {"后大街", ""}, {"a-b_c.d", ""}, {"", "is empty: a slug needs"},
		{"a/b", "contains a slash"}, {`a\b`, "contains a slash"}, {"..", "starts with a dot"},
		{".x", "starts with a dot"}, {"a b", "contains a space"}, {"a%20", `contains "%"`},
		{"a?", `contains "?"`}, {"<x>", `contains "<"`}, {strings.Repeat("a", 201), "is longer than 200"},
	} {
		if got := SlugProblem(c.slug).String(); !strings.HasPrefix(got, c.problem) || (c.problem == "") != (got == "") {
			t.Errorf("SlugProblem(%q) = %q, want %q", c.slug, got, c.problem)
		}
	}
	for name, want := range map[string]string{
		"houdajie": "houdajie", "My Community": "my-community", "测试 社区": "测试-社区",
		"a  --  b": "a-b", "Hello, World!": "hello-world", ".hidden": "hidden", "???": "",
	} {
		if got := slugFromName(name); got != want {
			t.Errorf("SlugFromName(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestBaseURL(t *testing.T) {
	for _, c := range []struct {
		raw, want, problem string
	}{
		{"https://example.org/pinzhi", "https://example.org/pinzhi/", ""},
		{"https://example.org", "https://example.org/", ""},
		{"/pinzhi/", "/pinzhi/", "names no host"},
		{"", "/", "no baseURL"},
		{"example.org/pinzhi", "/", "must start with https://"},
		{"ftp://example.org/", "/", "must start with https://"},
		{"https://example.org/?a=1", "/", "must not have a query"},
		{"https://example.org/?", "/", "must not have a query"},
		{"https://editor:password@staging.example.com/p/", "/", "carries a user name or password"},
		{"https://editor@staging.example.com/p/", "/", "carries a user name or password"},
		{"http://:secret@example.org/", "/", "carries a user name or password"},
		{"https://例子.中国/pinzhi/", "https://xn--fsqu00a.xn--fiqs8s/pinzhi/", ""},
		{"https://NEWS.Example.com:443/p/", "https://news.example.com/p/", ""},
		{"http://news.example.com:80/p/", "http://news.example.com/p/", ""},
		{"http://news.example.com:8080/p/", "http://news.example.com:8080/p/", ""},
		{"https://news.example.com/a/../p/", "/", "has . or .. segments"},
		{"https://news.example.com/./p/", "/", "has . or .. segments"},
		{"https://news.example.com/p/..", "/", "has . or .. segments"},
		{"https://xn--a.example/", "/", "not a valid name"},
	} {
		var probs source.List
		got := checkBaseURL(c.raw, IndexFile, 3, &probs)
		if got != c.want {
			t.Errorf("CheckBaseURL(%q) = %q, want %q", c.raw, got, c.want)
		}
		msg := probs.Problems.Error()
		if c.problem != "" && !strings.Contains(msg, c.problem) || c.problem == "" && msg != "" {
			t.Errorf("CheckBaseURL(%q): problems %q, want %q", c.raw, msg, c.problem)
		}
		if strings.Contains(msg, "editor:") || strings.Contains(msg, "secret") {
			t.Errorf("CheckBaseURL(%q) printed the password: %q", c.raw, msg)
		}
	}
}

func TestURLScheme(t *testing.T) {
	s := NewURLs("https://example.org/pinzhi/")
	for p, want := range map[string]string{"": "/pinzhi/", "communities/a/": "/pinzhi/communities/a/", "/brands/": "/pinzhi/brands/"} {
		if got := s.Rel(p); got != want {
			t.Errorf("rel(%q) = %q, want %q", p, got, want)
		}
	}
	if got := s.Abs("communities/后大街/"); got != "https://example.org/pinzhi/communities/%E5%90%8E%E5%A4%A7%E8%A1%97/" {
		t.Errorf("abs = %q", got)
	}
}

// FuzzSplitBrand splits arbitrary entries: the community's name must end
// with its only 社区, and the two parts must give back the entry.
// Seeds: testdata/fuzz/FuzzSplitBrand.
func FuzzSplitBrand(f *testing.F) {
	for _, seed := range []string{"学弄社区“地球补丁”环保公益行动", "社区", "A社区 B", "无", "社区社区", "x社\xe5"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, entry string) {
		community, brand, ok := splitBrand(entry)
		if !ok {
			if i := strings.Index(entry, CommunityMarker); i > 0 {
				t.Fatalf("%q has a community but was not split", entry)
			}
			return
		}
		if !strings.HasSuffix(community, CommunityMarker) || strings.Count(community, CommunityMarker) != 1 || community == CommunityMarker {
			t.Fatalf("community %q of %q", community, entry)
		}
		if rest := strings.TrimPrefix(entry, community); strings.TrimSpace(rest) != brand {
			t.Fatalf("%q split into %q and %q", entry, community, brand)
		}
	})
}

func TestPlaceholderHost(t *testing.T) {
	cases := map[string]bool{
		"https://example.org/pinzhi/": true, "https://www.example.com/": true, "http://localhost:1313/": true,
		"http://127.0.0.1:8080/": true, "http://[::1]/": true, "https://site.test/": true, "http://printer.local/": true,
		"https://news.nbdaily.cn/pinzhi/": false, "https://example.org.cn/": false, "https://myexample.org/": false, "http://10.0.0.5/": false,
	}
	for raw, want := range cases {
		u, err := url.Parse(raw)
		if err != nil {
			t.Fatal(err)
		}
		if got := PlaceholderHost(u); got != want {
			t.Errorf("PlaceholderHost(%s) = %v, want %v", raw, got, want)
		}
	}
}
