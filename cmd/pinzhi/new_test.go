package main

import (
	"os"
	"path/filepath"
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
			[]string{"wrote content/communities/zhangchun.md", "address: https://example.org/pinzhi/communities/zhangchun/",
				"slug:    zhangchun, the title's pinyin; read 长 zhang (or chang): if that is wrong, run again with --slug"}, "", "content/communities/zhangchun.md"},
		{"community with slug first", []string{"new", "--slug", "changchun", "community", "长春社区", "--district", "yinzhou", "--leader", "黄菊芬"}, 0,
			[]string{"wrote content/communities/changchun.md"}, "", "content/communities/changchun.md"},
		{"page", []string{"new", "page", "about", "关于本专题"}, 0,
			[]string{"wrote content/about.md", "address: https://example.org/pinzhi/about/"}, "", "content/about.md"},
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
