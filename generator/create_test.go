package generator

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"pinzhi/generator/internal/model"
)

func TestPinyinSlug(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		title, slug string
		guesses     []string // the characters read one way of several
	}{
		{"丹顶鹤社区", "dandinghe", nil},
		{"北岸琴森社区", "beianqinsen", nil},
		{"长春社区", "zhangchun", []string{"长"}},
		{"CBD社区", "cbd", nil},
		{"3号楼社区", "3haolou", []string{"号"}},
		{"A区·北苑社区", "aqu-beiyuan", []string{"区", "苑"}},
		{" 社区 ", "", nil},
		{"社区服务社区", "shequfuwu", []string{"区", "服"}},
		{"长长长社区", "zhangzhangzhang", []string{"长"}}, // each character once, however often it stands
	} {
		slug, guesses := model.PinyinSlug(c.title)
		var chars []string
		for _, g := range guesses {
			chars = append(chars, g.Char)
		}
		if slug != c.slug || !slices.Equal(chars, c.guesses) {
			t.Errorf("model.PinyinSlug(%q) = %q, guesses %v; want %q, %v", c.title, slug, chars, c.slug, c.guesses)
		}
	}
}

// siteOnDisk writes the bundled publication, with extra files, into a
// temporary folder.
func siteOnDisk(t *testing.T, extra map[string]string) string {
	t.Helper()
	site := repoSite(t)
	for name, text := range extra {
		put(site, name, text)
	}
	dir := t.TempDir()
	writeSite(t, dir, site)
	return dir
}

var day = time.Date(2016, 11, 28, 9, 0, 0, 0, time.UTC)

func TestCreateCommunity(t *testing.T) {
	t.Parallel()
	dir := siteOnDisk(t, nil)
	created, err := CreateCommunity(dir, NewCommunity{Title: "长春社区", District: "yinzhou", Leader: "yes", Role: "*党委书记", Date: day})
	if err != nil {
		t.Fatal(err)
	}
	want := "---\ntitle: 长春社区\ndistrict: 鄞州区\nleader:\n  name: \"yes\"\n  role: '*党委书记'\nquote:\nsummary:\nweight: 10\ndate: 2016-11-28\ndraft: true\n---\n\n" + placeholderBody
	if got := readFile(t, dir, "content/communities/zhangchun.md"); got != want {
		t.Errorf("the file is\n%s\nwant\n%s", got, want)
	}
	if created.File != "content/communities/zhangchun.md" || created.Address != "/pinzhi/communities/zhangchun/" || !created.NoAddress ||
		!created.Pinyin || len(created.Guesses) != 1 || created.Guesses[0].Char != "长" || !slices.Contains(created.Guesses[0].Others, "chang") {
		t.Errorf("created %+v", created)
	}
	assertDraft(t, dir, "communities/zhangchun/index.html", "<h1>长春社区</h1>", "yes", "*党委书记", "（在这里写正文。）")
}

// assertDraft checks that a new page is a draft: a build with drafts (a
// preview) shows it, with what it must show and the mark of a draft, and
// a build leaves it out.
func assertDraft(t *testing.T, dir, page string, shows ...string) {
	t.Helper()
	out, _ := mustBuild(t, os.DirFS(dir), Options{Drafts: true})
	text := readFile(t, out, page)
	for _, s := range append(shows, `<p class=draft-mark role=note><strong>草稿</strong>`) {
		if !strings.Contains(text, s) {
			t.Errorf("%s lacks %q", page, s)
		}
	}
	out, _ = mustBuild(t, os.DirFS(dir), Options{})
	if _, err := os.Stat(filepath.Join(out, page)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a build without drafts wrote %s: %v", page, err)
	}
}

func TestCreateCommunityWithoutLeader(t *testing.T) {
	t.Parallel()
	dir := siteOnDisk(t, nil)
	created, err := CreateCommunity(dir, NewCommunity{Title: "桥社区", District: "海曙区", Slug: "qiao-2"})
	if err != nil {
		t.Fatal(err)
	}
	if created.Pinyin || !slices.Equal(created.Missing, []string{"content/communities/qiao-2.md:5: the leader's name"}) {
		t.Errorf("created %+v", created)
	}
	_, _, err = buildInto(t, os.DirFS(dir), Options{})
	if !hasLine(problemsOf(t, err), "content/communities/qiao-2.md:5: leader.name is empty") {
		t.Errorf("the build did not ask for the leader's name where pinzhi new said: %v", err)
	}
}

func TestCreateCommunityRefuses(t *testing.T) {
	t.Parallel()
	taken := "---\ntitle: 占用\ndistrict: 海曙区\nleader: {name: 张三}\nslug: zhanyong\n---\n"
	cases := []struct {
		name string
		c    NewCommunity
		want string
	}{
		{"existing file", NewCommunity{Title: "丹顶鹤社区", District: "鄞州区"}, "content/communities/dandinghe.md already exists; nothing was written (choose another slug with --slug"},
		{"slug of another file", NewCommunity{Title: "占用社区", District: "鄞州区"}, "its page /communities/zhanyong/ is also the page of"},
		{"case of another slug", NewCommunity{Title: "后大街社区", District: "海曙区", Slug: "HouDaJie"}, "is communities/houdajie/index.html of content/communities/houdajie.md but for letter case"},
		{"device name", NewCommunity{Title: "CON社区", District: "海曙区"}, `"con" is a name Windows keeps for a device`},
		{"unsafe slug", NewCommunity{Title: "新社区", District: "海曙区", Slug: "a b"}, `slug "a b" contains a space, which is not safe in a URL`},
		{"unknown district", NewCommunity{Title: "新社区", District: "鄞州"}, `--district "鄞州" is not one of the configured districts; did you mean "鄞州区"?`},
		{"no district", NewCommunity{Title: "新社区"}, "give the community's district with --district"},
		{"no title", NewCommunity{District: "海曙区"}, "the community needs a title"},
		{"two lines", NewCommunity{Title: "新社区\ntitle: x", District: "海曙区"}, "--title must be one line"},
		{"no slug from title", NewCommunity{Title: "——社区", District: "海曙区"}, "no slug can be made from the title"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := siteOnDisk(t, map[string]string{"content/communities/other.md": taken})
			before := readTree(t, dir)
			_, err := CreateCommunity(dir, c.c)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want %q", err, c.want)
			}
			if d := diffTrees(before, readTree(t, dir)); d != "" {
				t.Errorf("the site changed:\n%s", d)
			}
		})
	}
}

func TestCreatePage(t *testing.T) {
	t.Parallel()
	cases := []struct {
		path, file, address, err string
	}{
		{"about", "content/about.md", "/pinzhi/about/", ""},
		{"/help/editors-guide.md", "content/help/editors-guide.md", "/pinzhi/help/editors-guide/", ""},
		{"关于", "content/关于.md", "/pinzhi/关于/", ""},
		{"districts", "", "", "its page would be /districts/, but /districts/ belongs to the generator"},
		{"communities/x", "", "", "files in content/communities/ are communities"},
		{"a/../b", "", "", `".." starts with a dot`},
		{"taken", "", "", "content/taken.md already exists; nothing was written (choose another path"},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			dir := siteOnDisk(t, map[string]string{"content/taken.md": "---\ntitle: 已有\n---\n"})
			before := readTree(t, dir)
			created, err := CreatePage(dir, c.path, "关于本专题")
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Errorf("got %v, want %q", err, c.err)
				}
				if d := diffTrees(before, readTree(t, dir)); d != "" {
					t.Errorf("the site changed:\n%s", d)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if created.File != c.file || created.Address != c.address {
				t.Errorf("created %+v", created)
			}
			assertDraft(t, dir, strings.TrimSuffix(strings.TrimPrefix(c.file, "content/"), ".md")+"/index.html", "<h1>关于本专题</h1>")
		})
	}
}

func readFile(t *testing.T, dir, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestCreateConcurrently runs pinzhi new's calls at once, as two editors'
// terminals would: of two pages whose names a case-folding host makes
// one, one is written and the other refused; communities written at once
// each get a weight of their own; and the site builds afterwards.
func TestCreateConcurrently(t *testing.T) {
	t.Parallel()
	dir := siteOnDisk(t, nil)
	type result struct {
		c   *Created
		err error
	}
	const n = 6
	results := make(chan result, 2*n)
	var start sync.WaitGroup
	start.Add(1)
	for i := range n {
		go func() {
			start.Wait()
			name := "about1"
			if i%2 == 1 {
				name = "About1"
			}
			c, err := CreatePage(dir, name, "关于")
			results <- result{c, err}
		}()
		go func() {
			start.Wait()
			c, err := CreateCommunity(dir, NewCommunity{Title: "并发社区", District: "yinzhou", Leader: "张三",
				Slug: "bingfa" + strconv.Itoa(i)})
			results <- result{c, err}
		}()
	}
	start.Done()
	pages, weights := 0, map[string]bool{}
	for range 2 * n {
		r := <-results
		switch {
		case r.err != nil:
		case strings.HasPrefix(r.c.Slug, "bingfa"):
			w := frontMatterLine(t, readFile(t, dir, r.c.File), "weight")
			if weights[w] {
				t.Errorf("two communities written at once both have weight %s", w)
			}
			weights[w] = true
		default:
			pages++
		}
	}
	if pages != 1 || len(weights) != n {
		t.Errorf("%d of the pages about1 and About1 were written (want 1), %d of %d communities", pages, len(weights), n)
	}
	if _, err := Build(Options{SrcDir: dir, Out: filepath.Join(t.TempDir(), "public")}); err != nil {
		t.Errorf("the site does not build after pinzhi new ran concurrently: %v", err)
	}
}

func frontMatterLine(t *testing.T, text, key string) string {
	t.Helper()
	for line := range strings.Lines(text) {
		if v, ok := strings.CutPrefix(line, key+": "); ok {
			return strings.TrimSpace(v)
		}
	}
	t.Fatalf("no %s in\n%s", key, text)
	return ""
}

// TestCreateContentFIFO: pinzhi new on a site whose content/ is a FIFO
// says so at once instead of waiting to lock it.
func TestCreateContentFIFO(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "content"), 0o644); err != nil {
		t.Skip(err)
	}
	done := make(chan error, 1)
	go func() { _, err := CreatePage(dir, "about", "关于"); done <- err }()
	select {
	case err := <-done:
		if err == nil {
			t.Error("a page was written into a FIFO's place")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("pinzhi new waited on a FIFO standing for content/")
	}
}
