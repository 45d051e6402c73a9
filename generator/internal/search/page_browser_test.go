package search_test

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/chromedp/chromedp"

	"pinzhi/bench/corpus"
	"pinzhi/generator"
	"pinzhi/generator/browsertest"
	"pinzhi/generator/internal/search"
)

// repoRoot is the repository, whose layouts and assets the search page
// is built with, and whose testdata/site is the fixture publication.
const repoRoot = "../../.."

// copySite copies the fixture publication (testdata/site's content, the
// repository's layouts and assets) into a temporary folder.
func copySite(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	for _, from := range []string{"testdata/site/content", "layouts", "assets"} {
		if out, err := exec.Command("cp", "-r", filepath.Join(repoRoot, from), dir).CombinedOutput(); err != nil {
			t.Fatalf("%s", out)
		}
	}
	return dir
}

// builtUnder builds the site in dir for a host that serves it under
// /sub/, serves public/ there, and returns the site's URL.
func builtUnder(t testing.TB, dir string) string {
	t.Helper()
	host := browsertest.NewStaticHost(t, "/sub/")
	if _, err := generator.Build(generator.Options{SrcDir: dir, Out: filepath.Join(dir, "public"), BaseURL: host.URL}); err != nil {
		t.Fatalf("build: %v", err)
	}
	host.Serve(t, filepath.Join(dir, "public"))
	return host.URL
}

// searchDoc is one document of the index, as its blocks store it, with
// the text of its page: text is the head and that text, a line between.
type searchDoc struct{ path, head, page, aliases, text string }

// indexedDocs reads every document of the site's search index from the
// built files: what the oracle below searches.
func indexedDocs(t testing.TB, public string) []searchDoc {
	t.Helper()
	manifests, _ := filepath.Glob(filepath.Join(public, "assets/search/index.*.json"))
	if len(manifests) != 1 {
		t.Fatalf("want one search manifest, found %q", manifests)
	}
	var m struct{ Blocks []string }
	readJSON(t, manifests[0], &m)
	var docs []searchDoc
	for n, hash := range m.Blocks {
		b := fmt.Sprintf("b%d.%s.json", n, hash)
		var block [][]any // path, head, district, label, aliases
		readJSON(t, filepath.Join(public, "assets/search", b), &block)
		for _, d := range block {
			path, text := d[0].(string), ""
			if !strings.Contains(path, "#") { // a brand entry has no page of its own
				page, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(path), "index.html"))
				if err != nil {
					t.Fatal(err)
				}
				text = search.PageText(page)
			}
			aliases := ""
			if len(d) > 4 {
				aliases = d[4].(string)
			}
			docs = append(docs, searchDoc{path: path, head: d[1].(string), page: text, aliases: aliases, text: d[1].(string) + "\n" + text})
		}
	}
	return docs
}

func readJSON(t testing.TB, file string, v any) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}

// holding is the oracle: the paths of the documents that hold every word
// of q in their head, their page's text or their aliases, each read on
// its own, folded and without what is ignorable (see Fold, Ignorable),
// in index order.
func holding(docs []searchDoc, q string) []string {
	var words []string
	for _, w := range strings.FieldsFunc(q, search.IsSeparator) {
		if w = squeezed(w); w != "" {
			words = append(words, w)
		}
	}
	var out []string
	for _, d := range docs {
		head, page, aliases := squeezed(d.head), squeezed(d.page), squeezed(d.aliases)
		holds := func(w string) bool {
			return strings.Contains(head, w) || strings.Contains(page, w) || strings.Contains(aliases, w)
		}
		if len(words) > 0 && !slices.ContainsFunc(words, func(w string) bool { return !holds(w) }) {
			out = append(out, d.path)
		}
	}
	return out
}

// squeezed folds s and leaves out what is ignorable, as the index reads it.
func squeezed(s string) string {
	var b strings.Builder
	for _, r := range s {
		if f := search.Fold(r); !search.Ignorable(f) {
			b.WriteRune(f)
		}
	}
	return b.String()
}

// ignorable reports whether the index leaves r out.
func ignorable(r rune) bool { return search.Ignorable(search.Fold(r)) }

// TestBrowserSearchCount checks, on a site of many pages, that the count
// the search page shows is exact exactly when it says so: "约" appears
// when, and only when, the pages of some candidates are not read yet,
// and a count without it is the oracle's. The queries: a word of two
// characters (exact from the index alone), longer phrases on many pages
// and on few, and more one-character words than are looked up (12).
func TestBrowserSearchCount(t *testing.T) {
	if testing.Short() {
		t.Skip("drives the search page in Chromium on a site of many pages")
	}
	dir := corpusSite(t, 300)
	site := builtUnder(t, dir)
	docs := indexedDocs(t, filepath.Join(dir, "public"))
	ctx := browsertest.Tab(t, 390, 844)
	rare := rarePhrase(docs)
	queries := []string{"社区", "志愿服务", "品质社区建设", rare, manyWords(docs)}
	seen := map[bool]int{}
	for _, q := range queries {
		got := statusOf(t, ctx, site, q)
		oracle := len(holding(docs, q))
		approx := strings.Contains(got.Status, "约")
		seen[approx]++
		switch {
		case !approx && !strings.Contains(got.Status, fmt.Sprintf("找到 %d 个结果", oracle)):
			t.Errorf("%q: the page says %q, want an exact count of %d", q, got.Status, oracle)
		case approx && got.PagesRead >= got.Count:
			t.Errorf("%q: the page says %q after reading %d pages: a count it could tell exactly", q, got.Status, got.PagesRead)
		case approx && !strings.Contains(got.Status, "约"):
			t.Errorf("%q: the page says %q", q, got.Status)
		}
		if q == "社区" && approx {
			t.Errorf("%q: a two-character word is counted from the index alone, exactly: %q", q, got.Status)
		}
	}
	if seen[true] == 0 || seen[false] == 0 {
		t.Errorf("of %d queries, %d had an approximate count: want some of each", len(queries), seen[true])
	}
}

type statusShown struct {
	Status    string `json:"status"`
	Count     int    `json:"count"`
	PagesRead int    `json:"pagesRead"`
}

// statusOf opens the search page for q and returns, once its first page of
// results is shown, its status line, the count in it, and how many pages
// of the site it read.
func statusOf(t *testing.T, ctx context.Context, site, q string) statusShown {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(site+"search/?q="+url.QueryEscape(q))); err != nil {
		t.Fatal(err)
	}
	arg, _ := json.Marshal(q)
	if err := browsertest.WaitFor(ctx, `document.documentElement.dataset.searched === `+string(arg)); err != nil {
		t.Fatalf("%q: %v", q, err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[statusShown](`(() => {
		const status = document.getElementById("search-status").textContent;
		const pages = performance.getEntriesByType("resource").filter((e) => !e.name.includes("/assets/"));
		return { status, count: Number((status.match(/\d+/) || [0])[0]), pagesRead: pages.length };
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// rarePhrase returns four characters of a page's text that a few pages
// hold: a count the page can tell exactly by reading them.
func rarePhrase(docs []searchDoc) string {
	for _, d := range docs {
		text := []rune(d.text)
		for at := 0; at+4 <= len(text); at += 7 {
			q := string(text[at : at+4])
			if strings.ContainsFunc(q, unicode.IsSpace) || strings.ToLower(q) != q {
				continue
			}
			if n := len(holding(docs, q)); n >= 2 && n <= 4 {
				return q
			}
		}
	}
	panic("no phrase of four characters is on two to four pages")
}

// apart returns a word of three characters whose two pairs are both on
// some page, though the word is on none: a query the index alone would
// take for found.
func apart(docs []searchDoc) (word, page string) {
	for _, d := range docs {
		text := []rune(squeezed(d.page))
		for i := 0; i+1 < len(text); i++ {
			for j := 0; j+1 < len(text); j++ {
				if text[i+1] != text[j] {
					continue
				}
				w := string([]rune{text[i], text[j], text[j+1]})
				if len(holding(docs, w)) == 0 {
					return w, d.path
				}
			}
		}
	}
	panic("every word of three characters whose pairs are on one page is on a page")
}

// corpusSite writes the bench corpus of n pages into a new folder, with
// this repository's layouts and assets, and returns the folder.
func corpusSite(t testing.TB, n int) string {
	t.Helper()
	dir := t.TempDir()
	paras, err := corpus.Paragraphs(os.DirFS(filepath.Join(repoRoot, "testdata/site")))
	if err != nil {
		t.Fatal(err)
	}
	if err := corpus.Write(dir, corpus.Files(corpus.Pages(n, paras), paras)); err != nil {
		t.Fatal(err)
	}
	for _, sub := range []string{"layouts", "assets"} {
		if out, err := exec.Command("cp", "-r", filepath.Join(repoRoot, sub), dir).CombinedOutput(); err != nil {
			t.Fatalf("%s", out)
		}
	}
	return dir
}

// manyWords returns thirteen one-character words: the twelve characters
// most documents hold, and one that rules out some of the documents
// holding those twelve but not all.
func manyWords(docs []searchDoc) string {
	held := map[rune]int{}
	for _, d := range docs {
		for _, r := range strings.ToLower(d.text) {
			held[r]++ // a rough count: characters more often on a page count more
		}
	}
	chars := slices.Collect(maps.Keys(held))
	slices.SortFunc(chars, func(a, b rune) int { return cmp.Or(held[b]-held[a], int(a-b)) })
	var common []string
	for _, r := range chars {
		if !unicode.IsSpace(r) && len(common) < 12 {
			common = append(common, string(r))
		}
	}
	twelve := strings.Join(common, " ")
	all := len(holding(docs, twelve))
	for _, r := range chars {
		if q := twelve + " " + string(r); !unicode.IsSpace(r) && !slices.Contains(common, string(r)) {
			if n := len(holding(docs, q)); n > 0 && n < all {
				return q
			}
		}
	}
	panic("no character rules out some of the documents holding " + twelve)
}

type queryResult struct {
	Paths []string `json:"paths"`
	Count int      `json:"count"`
	Exact bool     `json:"exact"`
}

func query(t *testing.T, ctx context.Context, q string) queryResult {
	t.Helper()
	arg, _ := json.Marshal(q)
	r, err := chromedp.Run(ctx, chromedp.Evaluate[queryResult]("window.pinzhiSearch.query("+string(arg)+")",
		chromedp.EvalAsValue, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("query %q: %v", q, err)
	}
	return r
}

// TestBrowserSearch builds the bundled site for a host that serves it
// under a subpath, opens its search page in a phone-sized Chromium, types
// queries as a reader does and checks the results; then it asks the page's
// query function a table of queries and many substrings of the site's own
// text, against an oracle that reads every indexed text.
func TestBrowserSearch(t *testing.T) {
	if testing.Short() {
		t.Skip("drives the search page in Chromium")
	}
	ctx := browsertest.Tab(t, 390, 844)
	dir := copySite(t)
	site := builtUnder(t, dir)
	docs := indexedDocs(t, filepath.Join(dir, "public"))

	// Nothing is loaded until the reader searches.
	if err := chromedp.Do(ctx, chromedp.Navigate(site+"search/")); err != nil {
		t.Fatal(err)
	}
	if err := browsertest.WaitFor(ctx, `!!window.pinzhiSearch`); err != nil {
		t.Fatal(err)
	}
	loaded := `performance.getEntriesByType("resource").map(e => e.name).filter(n => n.includes("/assets/search/"))`
	if early, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](loaded)); err != nil || len(early) > 0 {
		t.Errorf("the search page loaded %q before any search (%v)", early, err)
	}

	t.Run("typing", func(t *testing.T) { typing(t, ctx, site) })
	t.Run("nothing found", func(t *testing.T) { nothingFound(t, ctx, site) })
	// The page the back button returned to in typing has run one query.
	t.Run("first query downloads", func(t *testing.T) {
		var names []string
		names, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`performance.getEntriesByType("resource").map(e => e.name)`))
		if err != nil {
			t.Fatal(err)
		}
		total := downloaded(t, filepath.Join(dir, "public"), site, names)
		if total > 60<<10 {
			t.Errorf("the first query downloaded %d bytes gzipped, want at most 60 KB", total)
		}
		t.Logf("the first query downloaded %.1f KB gzipped", float64(total)/1024)
	})

	table := []struct {
		query string
		want  string // a path among the results, or "" for none
		first bool   // want is the first result
	}{
		{"众筹", "brands/#brand-82", false},      // a brand entry, linked to its anchor
		{"众筹", "communities/houdajie/", false}, // and the page that tells of it
		{"外来务工", "communities/libang/", false}, // inside a longer phrase
		{"来务", "communities/libang/", false},   // across the words 外来 and 务工
		{"LOGO", "communities/dushisenlin/", false},
		{"logo", "communities/dushisenlin/", false}, // letter case folded
		{"ＬＯＧＯ", "communities/dushisenlin/", false}, // full-width forms folded
		{"3579", "communities/dushisenlin/", false}, // digits
		{"３５７９", "communities/dushisenlin/", false}, // full-width digits
		{"吴民丽", "communities/houdajie/", true},      // the leader's name ranks first
		{"党委书记", "communities/houdajie/", true},     // a role, first in reading order
		{"奉化 外来", "communities/libang/", true},      // several words must all occur
		{"鹤", "communities/dandinghe/", true},       // a single character
		{"众筹 力邦", "", false},                        // no page holds both
		{"火星社区", "", false},                         // nowhere on the site
		{"同心少年警校", "brands/#brand-19", false},
		// As readers type: without the quotation marks, in traditional
		// characters, in pinyin with or without spaces.
		{"居民众筹自治工程", "brands/#brand-82", false},
		{"居民众筹自治工程", "communities/houdajie/", false},
		{"地球补丁环保公益行动", "brands/#brand-1", true},
		{"後大街", "communities/houdajie/", true},
		{"houdajie", "communities/houdajie/", true},
		{"hou da jie", "communities/houdajie/", true},
		{"HouDaJie", "communities/houdajie/", true},
		{"wuminli", "communities/houdajie/", true},
	}
	// A word whose pairs are on a page, but not together, is not found:
	// the page is read before it is shown.
	word, page := apart(docs)
	table = append(table, struct {
		query string
		want  string
		first bool
	}{word, "", false})
	t.Logf("%q: its pairs are on %s, the word nowhere", word, page)
	for _, c := range table {
		got := query(t, ctx, c.query)
		oracle := holding(docs, fullToHalf(c.query))
		gotSorted := slices.Sorted(slices.Values(got.Paths))
		if !slices.Equal(gotSorted, slices.Sorted(slices.Values(oracle))) || got.Count != len(oracle) || !got.Exact {
			t.Errorf("%q: found %q (count %d, exact %v), want %q", c.query, got.Paths, got.Count, got.Exact, oracle)
		}
		switch {
		case c.want == "" && len(got.Paths) > 0:
			t.Errorf("%q: found %q, want nothing", c.query, got.Paths)
		case c.want != "" && !slices.Contains(got.Paths, c.want):
			t.Errorf("%q: found %q, want %s among them", c.query, got.Paths, c.want)
		case c.first && got.Paths[0] != c.want:
			t.Errorf("%q: found %q, want %s first", c.query, got.Paths, c.want)
		}
	}

	// Every substring of what a page shows finds it: substrings of one to
	// six characters cut anywhere in the site's texts, words or not.
	r := rand.New(rand.NewPCG(12, 13))
	for range 150 {
		d := docs[r.IntN(len(docs))]
		text := []rune(d.text)
		n := 1 + r.IntN(6)
		if len(text) < n {
			continue
		}
		at := r.IntN(len(text) - n + 1)
		q := string(text[at : at+n])
		if strings.ContainsFunc(q, unicode.IsSpace) || strings.ToLower(q) != q {
			continue
		}
		got := query(t, ctx, q)
		oracle := holding(docs, q)
		if !slices.Equal(slices.Sorted(slices.Values(got.Paths)), slices.Sorted(slices.Values(oracle))) {
			t.Errorf("%q (from %s): found %q, want %q", q, d.path, got.Paths, oracle)
		}
	}

	// A query of 120,000 characters (a pasted page, or an address made to
	// hang the page) is read up to its first 200: the first 200 here are
	// words of a page, the rest a word found nowhere. It finds its pages
	// by no more than 12 grams.
	longest := slices.MaxFunc(docs, func(a, b searchDoc) int { return len(a.text) - len(b.text) })
	head := string([]rune(strings.Join(strings.Fields(longest.text), " "))[:200])
	long := head + strings.Repeat(" 火星来客", 24000)
	got, want := query(t, ctx, long), query(t, ctx, head)
	if !slices.Contains(want.Paths, longest.path) || !slices.Equal(got.Paths, want.Paths) || got.Count != want.Count {
		t.Errorf("a query of 120,000 characters found %q (%d), want what its first 200 find: %q (%d), %s among them", got.Paths, got.Count, want.Paths, want.Count, longest.path)
	}
	arg, _ := json.Marshal(long)
	grams := `window.pinzhiSearch.lookedUp(window.pinzhiSearch.words(` + string(arg) + `)).length`
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](grams)); err != nil || n > 12 {
		t.Errorf("a long query was looked up by %d grams (%v), want at most 12", n, err)
	}
	// The page says what it looked for as it read it, not the whole paste.
	nowhere, _ := json.Marshal(strings.Repeat("火星来客", 30000))
	submit := `(() => { const f = document.querySelector("form[data-search-index]"); f.querySelector("input[name=q]").value = ` + string(nowhere) + `; f.requestSubmit(); return true })()`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](submit)); err != nil {
		t.Fatal(err)
	}
	if err := browsertest.WaitFor(ctx, `document.getElementById("search-status").textContent.includes("没有找到")`); err != nil {
		t.Fatal(err)
	}
	if status, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("search-status").textContent`)); err != nil || len([]rune(status)) > 220 {
		t.Errorf("a query found nowhere was written out in %d characters (%v), want its first 200 and a few", len([]rune(status)), err)
	}
}

// typing types a query into the search box, checks the results shown, the
// address, the district filter and the back button.
func typing(t *testing.T, ctx context.Context, site string) {
	if err := chromedp.Do(ctx, chromedp.SendKeys("#search-q", "众筹")); err != nil {
		t.Fatal(err)
	}
	if err := browsertest.WaitFor(ctx, `document.documentElement.dataset.searched === "众筹"`); err != nil {
		t.Fatalf("no results after typing: %v", err)
	}
	type shown struct {
		Status  string   `json:"status"`
		Links   []string `json:"links"`
		Marks   []string `json:"marks"`
		Address string   `json:"address"`
	}
	const look = `({
		status: document.getElementById("search-status").textContent,
		links: [...document.querySelectorAll("#search-results li > a")].map(a => a.getAttribute("href")),
		marks: [...document.querySelectorAll("#search-results mark")].map(m => m.textContent),
		address: location.pathname + location.search,
	})`
	got, err := chromedp.Run(ctx, chromedp.Evaluate[shown](look))
	if err != nil {
		t.Fatal(err)
	}
	browsertest.Screenshot(t, ctx, "search")
	if !strings.Contains(got.Status, "找到 2 个结果") || !slices.Contains(got.Links, "/sub/brands/#brand-82") ||
		!slices.Contains(got.Links, "/sub/communities/houdajie/") || len(got.Marks) < 2 || got.Marks[0] != "众筹" {
		t.Errorf("after typing 众筹: %+v", got)
	}
	if got.Address != "/sub/search/?q=%E4%BC%97%E7%AD%B9" {
		t.Errorf("the address does not hold the query: %s", got.Address)
	}

	// The district filter keeps the results of one district.
	filter := `(() => { const s = document.getElementById("search-district"); s.value = "fenghua"; s.dispatchEvent(new Event("change")); return true })()`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](filter)); err != nil {
		t.Fatal(err)
	}
	if err := browsertest.WaitFor(ctx, `location.search.includes("district=fenghua") && document.getElementById("search-status").textContent.includes("没有找到")`); err != nil {
		t.Errorf("the district filter: %v", err)
	}

	// Results that come in after the page is shown push nothing the reader
	// sees: no layout shift (Lighthouse counted 0.13 when they pushed the
	// footer down).
	if err := chromedp.Do(ctx, chromedp.Navigate(site+"search/?q=%E7%A4%BE%E5%8C%BA")); err != nil {
		t.Fatal(err)
	}
	if err := browsertest.WaitFor(ctx, `document.documentElement.dataset.searched === "社区"`); err != nil {
		t.Fatalf("the results of 社区: %v", err)
	}
	// A snippet comes from the page, which shows its title again as its
	// heading: the snippet is a line of the page's own, not the title.
	type snippets struct{ Shown, Titles int }
	const titles = `(() => {
		const items = [...document.querySelectorAll("#search-results li")];
		const snippet = (li) => (li.querySelector(".result-snippet") || {}).textContent;
		return { shown: items.filter(snippet).length, titles: items.filter((li) => snippet(li) === li.querySelector("a").textContent).length };
	})()`
	if got, err := chromedp.Run(ctx, chromedp.Evaluate[snippets](titles)); err != nil || got.Shown < 5 || got.Titles > 0 {
		t.Errorf("社区: %d results with snippets, %d of them the title again (%v)", got.Shown, got.Titles, err)
	}
	shift := `new Promise((done) => {
		new PerformanceObserver((list) => done(list.getEntries().filter((e) => !e.hadRecentInput).reduce((sum, e) => sum + e.value, 0)))
			.observe({ type: "layout-shift", buffered: true });
		setTimeout(() => done(0), 500); // no shift, no entries
	})`
	if cls, err := chromedp.Run(ctx, chromedp.Evaluate[float64](shift, chromedp.EvalAwaitPromise)); err != nil || cls > 0.01 {
		t.Errorf("the results shifted the page by %.3f (%v)", cls, err)
	}

	// A query shows its first screen of results as soon as their texts are
	// read, then the rest of its page after them; "more" adds a page
	// after those shown.
	if err := chromedp.Do(ctx, chromedp.Navigate(site+"search/")); err != nil {
		t.Fatal(err)
	}
	if err := browsertest.WaitFor(ctx, `!!window.pinzhiSearch && document.readyState === "complete"`); err != nil {
		t.Fatal(err)
	}
	type stages struct{ Screen, Page, More []string }
	const progress = `(async () => {` + markSeen + `
		const root = document.documentElement, form = document.querySelector("form[data-search-index]");
		const links = () => [...document.querySelectorAll("#search-results li > a")].map((a) => a.getAttribute("href"));
		const screen = markSeen("answered", "社区", links), page = markSeen("searched", "社区", links);
		form.querySelector("input[name=q]").value = "社区";
		form.requestSubmit();
		const out = { screen: await screen, page: await page };
		delete root.dataset.searched;
		const more = markSeen("searched", "社区", links);
		document.getElementById("search-more").click();
		out.more = await more;
		return out;
	})()`
	st, err := chromedp.Run(ctx, chromedp.Evaluate[stages](progress, chromedp.EvalAwaitPromise))
	switch {
	case err != nil:
		t.Errorf("社区 in stages: %v", err)
	case len(st.Screen) != 5 || len(st.Page) != 5 || len(st.More) != 10:
		t.Errorf("社区 showed %d results, then %d, then %d after more; want 5, 5, 10", len(st.Screen), len(st.Page), len(st.More))
	case !slices.Equal(st.Screen, st.Page[:5]) || !slices.Equal(st.Page, st.More[:5]):
		t.Errorf("社区's results changed order as more came: %q, then %q, then %q", st.Screen, st.Page, st.More)
	}

	// A keystroke starts loading the shards at once, not after the pause
	// (150 ms) that starts the search.
	if err := chromedp.Do(ctx, chromedp.Navigate(site+"search/")); err != nil {
		t.Fatal(err)
	}
	if err := browsertest.WaitFor(ctx, `!!window.pinzhiSearch && document.readyState === "complete"`); err != nil {
		t.Fatal(err)
	}
	typed := `(() => {
		const input = document.getElementById("search-q");
		input.value = "众筹";
		window.typedAt = performance.now();
		input.dispatchEvent(new Event("input"));
		return true;
	})()`
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](typed)); err != nil {
		t.Fatal(err)
	}
	firstShard := `performance.getEntriesByType("resource").filter((e) => e.name.includes("/assets/search/s")).map((e) => e.startTime - window.typedAt)[0]`
	if err := browsertest.WaitFor(ctx, firstShard+` !== undefined`); err != nil {
		t.Fatal(err)
	}
	if after, err := chromedp.Run(ctx, chromedp.Evaluate[float64](firstShard)); err != nil || after > 100 {
		t.Errorf("the first shard was asked for %.0f ms after the keystroke (%v), want before the pause ends", after, err)
	}

	// A shared address opens with its results; the back button returns to
	// them from a result.
	if err := chromedp.Do(ctx, chromedp.Navigate(site+"search/?q=%E5%A4%96%E6%9D%A5%E5%8A%A1%E5%B7%A5")); err != nil {
		t.Fatal(err)
	}
	if err := browsertest.WaitFor(ctx, `document.documentElement.dataset.searched === "外来务工"`); err != nil {
		t.Fatalf("a shared address: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(`#search-results li > a`)); err != nil {
		t.Fatal(err)
	}
	if err := browsertest.WaitFor(ctx, `location.pathname === "/sub/communities/libang/"`); err != nil {
		t.Fatalf("the first result: %v", err)
	}
	// history.back, not chromedp.NavigateBack: a page restored from the
	// back-forward cache fires no load event to wait for.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`history.back(), true`)); err != nil {
		t.Fatal(err)
	}
	if err := browsertest.WaitFor(ctx, `document.getElementById("search-q").value === "外来务工" && document.querySelectorAll("#search-results li").length > 0`); err != nil {
		t.Errorf("back from a result: %v", err)
	}
}

// markSeen, in the page, returns a promise of then()'s value once the
// search page marks q shown at stage key, called as the mark is set:
// "answered" when the first screen of results is painted, "searched" when
// the whole page and its count are.
const markSeen = `const markSeen = (key, q, then) => new Promise((resolve) => {
	const root = document.documentElement;
	const observer = new MutationObserver(() => root.dataset[key] === q && (observer.disconnect(), resolve(then())));
	observer.observe(root, { attributes: true });
});`

// fullToHalf writes full-width ASCII forms as ASCII, as the oracle's
// queries need.
func fullToHalf(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0xFF01 && r <= 0xFF5E {
			return r - 0xFEE0
		}
		return r
	}, s)
}

// downloaded sums the gzipped sizes of the built files among the loaded
// addresses (the search page's script and index files, and the pages of
// the results): what a first query costs a reader on a host that
// compresses, as every host in the README does.
func downloaded(t testing.TB, public, site string, names []string) int {
	total := 0
	for _, n := range downloadedBy(t, public, site, names) {
		total += n
	}
	return total
}

// downloadedBy is downloaded by kind of file: the script, the index's
// shards and blocks, and the pages of the results.
func downloadedBy(t testing.TB, public, site string, names []string) map[string]int {
	by := map[string]int{}
	for _, name := range names {
		rel, ok := strings.CutPrefix(name, site)
		if !ok {
			continue
		}
		if rel == "" || strings.HasSuffix(rel, "/") {
			rel += "index.html"
		}
		data, err := os.ReadFile(filepath.Join(public, rel))
		if err != nil {
			t.Fatal(err)
		}
		kind := "pages"
		switch base := path.Base(rel); {
		case strings.HasSuffix(rel, ".js"):
			kind = "script"
		case strings.HasPrefix(rel, "assets/search/"):
			kind = base[:1] // s, b or d
		}
		by[kind] += browsertest.GzipSize(data)
	}
	return by
}

// nothingFound checks what the page offers when nothing holds the query:
// the nearest titles, the districts and the brand list; and that the
// status never says "约" before an exact count.
func nothingFound(t *testing.T, ctx context.Context, site string) {
	type page struct {
		Statuses []string `json:"statuses"`
		None     bool     `json:"none"`
		Near     []string `json:"near"`
		Browse   []string `json:"browse"`
		Snippets []string `json:"snippets"` // each result's snippet, marks in [ ]
	}
	// ask submits q and returns what the page showed, every status it wrote
	// on the way included.
	ask := func(q string) page {
		arg, _ := json.Marshal(q)
		script := `(async () => {` + markSeen + `
			const statuses = [], status = document.getElementById("search-status");
			const watch = new MutationObserver(() => statuses.push(status.textContent));
			watch.observe(status, { childList: true, characterData: true, subtree: true });
			const form = document.querySelector("form[data-search-index]");
			const done = markSeen("searched", ` + string(arg) + `, () => true);
			form.querySelector("input[name=q]").value = ` + string(arg) + `;
			form.requestSubmit();
			await done;
			watch.disconnect();
			const none = document.getElementById("search-none");
			return {
				statuses, none: !none.hidden,
				near: none.hidden || document.getElementById("search-near").hidden ? [] :
					[...document.querySelectorAll("#search-near a")].map((a) => a.getAttribute("href")),
				browse: none.hidden ? [] : [...none.querySelectorAll("p:not(#search-near) a")].map((a) => a.textContent),
				snippets: [...document.querySelectorAll("#search-results .result-snippet")].map((p) =>
					[...p.childNodes].map((n) => n.nodeName === "MARK" ? "[" + n.textContent + "]" : n.textContent).join("")),
			};
		})()`
		got, err := chromedp.Run(ctx, chromedp.Evaluate[page](script, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return got
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(site+"search/")); err != nil {
		t.Fatal(err)
	}
	if err := browsertest.WaitFor(ctx, `!!window.pinzhiSearch && document.readyState === "complete"`); err != nil {
		t.Fatal(err)
	}

	got := ask("后大衔社区") // a character mistyped
	if !got.None || !slices.Contains(got.Near, "/sub/communities/houdajie/") || !slices.Contains(got.Browse, "镇海区") ||
		!slices.Contains(got.Browse, "“百佳社区文明创建工作品牌”榜单发布") {
		t.Errorf("后大衔社区: %+v; want 后大街社区 offered, with the districts and the brand list", got)
	}
	browsertest.Screenshot(t, ctx, "search-nothing-found")
	if got := ask("㐀㐁"); !got.None || len(got.Near) > 0 || len(got.Browse) < 2 {
		t.Errorf("㐀㐁: %+v; want the districts and the brand list, and no title, since none shares a character", got)
	}
	got = ask("居民众筹自治工程")
	if got.None || len(got.Snippets) == 0 || !strings.Contains(strings.Join(got.Snippets, " "), "[居民众筹自治”工程]") {
		t.Errorf("居民众筹自治工程: %+v; want its match marked across the quotation mark", got)
	}
	for _, q := range []string{"居民众筹自治工程", "党委书记", "自治工程", "社区服务"} {
		got := ask(q)
		for i, st := range got.Statuses {
			if strings.Contains(st, "约") && i+1 < len(got.Statuses) && !strings.Contains(got.Statuses[len(got.Statuses)-1], "约") {
				t.Errorf("%s: the status said %q before it settled on %q", q, st, got.Statuses[len(got.Statuses)-1])
			}
		}
		for _, sn := range got.Snippets {
			if !strings.Contains(sn, "[") && q != "wuminli" {
				t.Errorf("%s: a result's snippet marks nothing: %q", q, sn)
			}
		}
	}
}
