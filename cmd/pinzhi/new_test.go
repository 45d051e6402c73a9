package main

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestNew(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr string
		file   string // written, when code is 0
	}{
		{"community", []string{"new", "community", "长春社区", "--district", "鄞州区", "--leader", "黄菊芬", "--role", "党委书记"}, 0,
			[]string{"wrote content/communities/zhangchun.md, a draft: ", "address: /pinzhi/communities/zhangchun/ on the site, whose address baseURL",
				"slug:    zhangchun, the title's pinyin; read 长 zhang (or chang): if that is wrong, run again with --slug"}, "", "content/communities/zhangchun.md"},
		{"community with slug first", []string{"new", "--slug", "changchun", "community", "长春社区", "--district", "yinzhou", "--leader", "黄菊芬"}, 0,
			[]string{"wrote content/communities/changchun.md"}, "", "content/communities/changchun.md"},
		{"page", []string{"new", "page", "about", "关于本专题"}, 0,
			[]string{"wrote content/about.md, a draft", "address: /pinzhi/about/ on the site"}, "", "content/about.md"},
		{"existing", []string{"new", "community", "丹顶鹤社区", "--district", "鄞州区"}, 1, nil,
			"pinzhi new: content/communities/dandinghe.md already exists; nothing was written", ""},
		{"collision", []string{"new", "page", "districts", "区"}, 1, nil,
			"pinzhi new: the site would not build with the new file; nothing was written", ""},
		{"page with community flags", []string{"new", "page", "about", "关于", "--district", "海曙区"}, 2, nil, "are for communities", ""},
		{"no kind", []string{"new"}, 2, nil, "Usage:\n  pinzhi new community TITLE", ""},
		{"help", []string{"new", "--help"}, 0, nil, "-district", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := copySite(t)
			stdout, stderr, code := pinzhi(t, dir, c.args...)
			if code != c.code || !strings.Contains(stderr, c.stderr) {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, c.code, stdout, stderr)
			}
			for _, want := range c.stdout {
				if !strings.Contains(stdout, want) {
					t.Errorf("stdout lacks %q:\n%s", want, stdout)
				}
			}
			if c.file == "" {
				return
			}
			if _, err := os.Stat(filepath.Join(dir, c.file)); err != nil {
				t.Error(err)
			}
			if _, stderr, code := pinzhi(t, dir, "build"); code != 0 {
				t.Errorf("the site does not build with the new file:\n%s", stderr)
			}
		})
	}
}

// TestDrafts: what pinzhi new writes is a draft until its editor says
// otherwise: serve shows it, marked; build leaves it out; once published,
// check says its body is still the placeholder.
func TestDrafts(t *testing.T) {
	dir := copySite(t)
	if _, stderr, code := pinzhi(t, dir, "new", "community", "长春社区", "--district", "鄞州区", "--leader", "黄菊芬"); code != 0 {
		t.Fatal(stderr)
	}
	const page = "communities/zhangchun/index.html"
	if _, stderr, code := pinzhi(t, dir, "build"); code != 0 || strings.Contains(stderr, "placeholder") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", page)); !os.IsNotExist(err) {
		t.Errorf("pinzhi build published the draft: %v", err)
	}

	server := startServe(t, dir, strconv.Itoa(freePort(t)))
	for address, want := range map[string]string{
		server.url + "communities/zhangchun/": "<strong>草稿</strong>",
		server.url:                            "长春社区</a> <span class=draft-tag>草稿</span>",
	} {
		resp, err := http.Get(address)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !strings.Contains(string(body), want) {
			t.Errorf("pinzhi serve's %s lacks %q", address, want)
		}
	}
	server.stop(t)

	file := filepath.Join(dir, "content/communities/zhangchun.md")
	text, _ := os.ReadFile(file)
	os.WriteFile(file, []byte(strings.Replace(string(text), "draft: true\n", "", 1)), 0o644)
	_, stderr, code := pinzhi(t, dir, "check")
	want := "content/communities/zhangchun.md:11: warning: the body is still pinzhi new's placeholder"
	if code != 0 || !strings.Contains(stderr, want) {
		t.Errorf("check of the published page: exit %d, want %q in\n%s", code, want, stderr)
	}
}
