package generator

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// writeCorpus writes a synthetic site of n communities to dir, the way
// ../shared/bench/gencorpus.py does: Chinese paragraphs drawn from the
// bundled publication, ten districts, a heading, a list and a link to the
// previous page in each body, and a brand list of n entries. Layouts and
// assets are the repository's.
func writeCorpus(t testing.TB, dir string, n int) {
	t.Helper()
	site := repoSite(t)
	paras := corpusParagraphs(site)
	rnd := rand.New(rand.NewPCG(20161128, 1))
	districts := []string{"海曙区", "江北区", "镇海区", "北仑区", "鄞州区", "奉化区", "余姚市", "慈溪市", "宁海县", "象山县"}
	roles := []string{"党委书记", "党总支书记", "党支部书记", "社区主任", "党总支副书记"}
	const names = "东南西北中新老金银丽锦绣和平安康福寿春秋泉水山海湖桥梅兰竹菊"
	runes := []rune(names)
	pick := func(k int) string {
		var b strings.Builder
		for range k {
			b.WriteRune(runes[rnd.IntN(len(runes))])
		}
		return b.String()
	}
	var brands strings.Builder
	brands.WriteString("---\ntitle: 百佳社区文明创建工作品牌\n---\n\n" + paras[1] + "\n\n")
	prevTitle := ""
	for i := range n {
		title := fmt.Sprintf("%s%d社区", pick(2), i)
		var body strings.Builder
		for k := range 4 + rnd.IntN(4) {
			if k == 1 {
				body.WriteString("## 治理经验\n\n")
			}
			if k == 3 {
				body.WriteString("- **组织化引导**，自治化管理\n- 人性化服务\n- 系统化教育\n\n")
			}
			body.WriteString(paras[rnd.IntN(len(paras))] + "\n\n")
		}
		if i > 0 {
			fmt.Fprintf(&body, "另见[%s](/communities/c%06d/)。\n", prevTitle, i-1)
		}
		quote := []rune(paras[rnd.IntN(len(paras))])
		text := fmt.Sprintf("---\ntitle: %s\ndistrict: %s\nleader:\n  name: 王%s\n  role: %s\nquote: %q\nweight: %d\n---\n\n%s",
			title, districts[i%len(districts)], pick(1), roles[rnd.IntN(len(roles))], string(quote[:min(80, len(quote))]), i+1, body.String())
		put(site, fmt.Sprintf("content/communities/c%06d.md", i), text)
		fmt.Fprintf(&brands, "- %s“%s服务站”\n", title, pick(2))
		prevTitle = title
	}
	for name := range site {
		if strings.HasPrefix(name, "content/communities/") && !strings.HasPrefix(filepath.Base(name), "c0") {
			delete(site, name) // the bundled communities: the corpus has its own
		}
	}
	put(site, brandsFile, brands.String())
	writeSite(t, dir, site)
}

// corpusParagraphs returns the long paragraphs of the bundled publication.
func corpusParagraphs(site fstest.MapFS) []string {
	var paras []string
	for _, name := range sortedKeys(site) {
		if !strings.HasPrefix(name, "content/") {
			continue
		}
		for _, p := range strings.Split(string(site[name].Data), "\n") {
			if len([]rune(p)) >= 40 && !strings.HasPrefix(p, "-") && !strings.Contains(p, ":") {
				paras = append(paras, p)
			}
		}
	}
	return paras
}

// corpusDir returns a folder holding a corpus of n pages, made once per
// test binary run and shared by the benchmarks.
func corpusDir(b testing.TB, n int) string {
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("pinzhi-corpus-%d-%d", n, os.Getpid()))
	if _, err := os.Stat(filepath.Join(dir, "content")); err != nil {
		writeCorpus(b, dir, n)
	}
	return dir
}
