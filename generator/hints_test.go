package generator

import (
	"strings"
	"testing"

	"pinzhi/generator/internal/model"
)

// TestHintsUseEditorsValues: a hint speaks of the editor's own file, in
// words or with the editor's own values, never with another page's
// (an editor may copy "write it as title: 后大街社区" into every file).
func TestHintsUseEditorsValues(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, file, text string
		want             string // the problem and its hint, from the line on
		never            []string
	}{
		{"empty title", "content/communities/x.md", "---\ntitle:\ndistrict: 海曙区\nleader: {name: 张三}\n---\n",
			"content/communities/x.md:2: title is empty; write the community's name (as the brand list gives it) after title:", []string{"后大街"}},
		{"no leader's name", "content/communities/x.md", "---\ntitle: 新社区\ndistrict: 海曙区\nleader: {role: 书记}\n---\n",
			"content/communities/x.md:4: leader.name is missing; add a line name: followed by the leader's name", []string{"吴民丽"}},
		{"unsafe slug", "content/communities/x.md", communityFile("slug: Xin Qiao\n"),
			`content/communities/x.md:7: slug "Xin Qiao" contains a space, which is not safe in a URL; use letters, digits, '-' and '_' only, e.g. slug: xin-qiao`, []string{"houdajie"}},
		{"base URL without scheme", model.IndexFile, "baseURL: news.nbdaily.cn/pinzhi/", "content/_index.md:7: baseURL \"news.nbdaily.cn/pinzhi/\" must start with https:// or http://" +
			" and name a host, or be a path starting with /; write it as baseURL: https://news.nbdaily.cn/pinzhi/", []string{"example.org"}},
		{"caption without src", "", "", "content/_index.md:16: warning: photo has a caption but no src; put the picture in assets/ and write its file name after src:",
			[]string{"award.jpg"}},
		{"two communities of one title", "content/communities/houdajie2.md",
			"---\ntitle: 后大街社区\ndistrict: 海曙区\nleader: {name: 张三}\n---\n",
			"content/brands.md:*: brand entry names 后大街社区, but content/communities/houdajie.md and content/communities/houdajie2.md both have that title, " +
				"so it links to neither; give the communities different titles, e.g. with their districts: 镇海区后大街社区 and 海曙区后大街社区", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			site := repoSite(t)
			switch c.file {
			case "":
			case model.IndexFile:
				put(site, model.IndexFile, strings.Replace(siteText(t), "baseURL: https://example.org/pinzhi/", c.text, 1))
			default:
				put(site, c.file, c.text)
			}
			report, err := Check(Options{Src: site}, CheckOptions{})
			var all Problems
			if err != nil {
				all = problemsOf(t, err)
			} else {
				all = append(report.Problems, report.Warnings...)
			}
			if !hasLine(all, c.want) {
				t.Fatalf("no problem reads\n  %s\ngot:\n%v", c.want, all)
			}
			for _, p := range all {
				for _, other := range c.never {
					if strings.Contains(p.Hint, other) {
						t.Errorf("a hint names %s, which is not the editor's: %v", other, p)
					}
				}
			}
		})
	}
}
