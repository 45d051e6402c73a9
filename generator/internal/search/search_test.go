package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestText(t *testing.T) {
	cases := []struct{ html, want string }{
		{"<p>第一段</p><p>第二段</p>", "第一段\n第二段"},
		{"<p>后大街社区\n是文化型社区</p>", "后大街社区 是文化型社区"},
		{"<ul><li>组织化引导<li>人性化服务</ul>", "组织化引导\n人性化服务"},
		{"<p><strong>加粗</strong>文字<a href=/x>链接</a>。</p>", "加粗文字链接。"},
		{"<p>A &amp; B &lt;c&gt; &#20013;</p>", "A & B <c> 中"},
		{`<p><img src=a.jpg alt="颁奖现场">图注</p>`, "颁奖现场图注"},
		{"<script>var a = 1</script><style>p{}</style><p>正文</p>", "正文"},
		{"<h2 id=x>治理经验</h2><table><tr><td>甲<td>乙</table>", "治理经验\n甲\n乙"},
		{"  <p>  前后  空格  </p>  ", "前后 空格"},
	}
	for _, c := range cases {
		if got := Text([]byte(c.html)); got != c.want {
			t.Errorf("Text(%q) = %q, want %q", c.html, got, c.want)
		}
	}
}

func TestPageText(t *testing.T) {
	cases := []struct{ html, want string }{
		{"<p>外</p><div data-search><h1>标题</h1><p>正文</div><p>外面", "标题\n正文"},
		{"<div data-search>甲<div>乙</div>丙</div>丁", "甲\n乙\n丙"},
		{"<section data-search>一</section>不<section data-search>二</section>", "一\n二"},
		{`<DIV class=x DATA-SEARCH="">文<b>字</b></DIV>`, "文字"},
		{"<div data-search-ignore>不</div><div data-searched>不</div>", ""},
		{`<div data-search><script>var a = "</div>"</script>文</div>不`, "文"},
		{`<style>[data-search]{}</style><div data-search>文</div>`, "文"},
		{"<div data-search><div data-search>内</div>外</div>不", "内\n外"},
		{"<article data-search>a<br/>b<img alt='图 注'>c</article>", "a\nb图 注c"},
		{"<p>文</p>", ""},
	}
	for _, c := range cases {
		if got := PageText([]byte(c.html)); got != c.want {
			t.Errorf("PageText(%q) = %q, want %q", c.html, got, c.want)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[rune]rune{'Ａ': 'a', 'ｚ': 'z', '３': '3', '！': '!', 'L': 'l', '　': ' ', '社': '社', 'Ä': 'ä', 'İ': 'İ', 'Σ': 'σ'} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

// gramsOf is what the index must hold, computed the simplest way: every
// one and two characters of the head, the text and the aliases of each
// document, each folded and without its ignorable characters.
func gramsOf(docs []Doc, texts []string) map[string][]int {
	want := map[string][]int{}
	add := func(key string, id int) {
		if ids := want[key]; len(ids) == 0 || ids[len(ids)-1] != id {
			want[key] = append(ids, id)
		}
	}
	for id, d := range docs {
		for _, part := range []struct {
			text, mark string
		}{{d.Head, ""}, {texts[id], ""}, {d.Aliases, ""}, {d.Head, "\x01"}, {d.Aliases, "\x01"}} {
			var rs []rune
			for _, r := range part.text {
				if f := Fold(r); !Ignorable(f) {
					rs = append(rs, f)
				}
			}
			for i := range rs {
				add(part.mark+string(rs[i]), id)
				if i > 0 {
					add(part.mark+string(rs[i-1:i+1]), id)
				}
			}
		}
	}
	return want
}

var alphabet = []rune("社区品质居民众筹自治工程後LOGO3579ａＢ 　\n“”，。")

func randomText(r *rand.Rand, n int) string {
	rs := make([]rune, n)
	for i := range rs {
		rs[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(rs)
}

// randomDocs returns n documents and the texts of their pages.
func randomDocs(r *rand.Rand, n int) ([]Doc, []string) {
	docs, texts := make([]Doc, n), make([]string, n)
	for i := range docs {
		docs[i] = Doc{Path: fmt.Sprintf("p%d/", i), Head: randomText(r, 1+r.IntN(8)), District: r.IntN(3) - 1}
		if r.IntN(2) == 0 {
			docs[i].Aliases = "houdajie\nwu minli"
		}
		texts[i] = randomText(r, r.IntN(60))
	}
	return docs, texts
}

// collected returns an index of the documents filled by a Collector,
// which is given the texts in a random order, as render workers finish
// pages; the documents whose text is "" are left for Fill to add, as
// brand entries are.
func collected(r *rand.Rand, docs []Doc, texts []string, keep bool) *Index {
	x := New(docs, keep)
	c := x.Collector()
	for _, i := range r.Perm(len(docs)) {
		if texts[i] != "" {
			c.Add(i, []byte(texts[i]))
		}
	}
	c.Fill()
	return x
}

func sortedMap(m map[string][]int) map[string][]int {
	for k := range m {
		slices.Sort(m[k])
	}
	return m
}

// TestIndexGrams compares the index with the simplest computation of it,
// after a whole build and after documents change one by one.
func TestIndexGrams(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 20 {
		docs, texts := randomDocs(r, 1+r.IntN(1000)) // dense grams become bitmaps past n/32
		x := collected(r, docs, texts, true)
		if got, want := sortedMap(x.Grams()), gramsOf(docs, texts); !maps.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("round %d: the index differs from the documents' grams", round)
		}
		for range 30 {
			i := r.IntN(len(docs))
			d, text := randomDocs(r, 1)
			docs[i], texts[i] = d[0], text[0]
			docs[i].Path = fmt.Sprintf("p%d/", i)
			x.Set(i, docs[i], texts[i])
		}
		if got, want := sortedMap(x.Grams()), gramsOf(docs, texts); !maps.EqualFunc(got, want, slices.Equal) {
			t.Fatalf("round %d: after changes, the index differs from the documents' grams", round)
		}
	}
}

// TestKeptGrams checks that an index kept for updates holds each
// document's grams as the text has them, and one that is not kept holds
// none.
func TestKeptGrams(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	docs, texts := randomDocs(r, 500)
	x := collected(r, docs, texts, true)
	for i := range docs {
		if got, want := x.kept[i].grams(), docGrams(nil, &docs[i], texts[i]); !slices.Equal(got, want) {
			t.Fatalf("document %d keeps %d grams, has %d", i, len(got), len(want))
		}
	}
	if y := collected(r, docs, texts, false); y.kept != nil {
		t.Error("an index not to be updated keeps its documents' grams")
	}
}

// encodeAll returns every file Encode writes, by name, and the names it
// returns.
func encodeAll(t *testing.T, x *Index, all bool) (map[string][]byte, []string) {
	t.Helper()
	files := map[string][]byte{}
	names, err := x.Encode([][2]string{{"haishu", "海曙区"}, {"jiangbei", "江北区"}}, all, func(f File) error {
		files[f.Name] = f.Data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files, names
}

// TestEncode decodes the files of an index as search.js does and finds
// the documents and their grams; an index kept up to date writes the same
// files as a new one, and only those that changed.
func TestEncode(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	docs, texts := randomDocs(r, 3000)
	docs[5].Label = "百佳品牌"
	x := collected(r, docs, texts, true)
	files, names := encodeAll(t, x, true)
	if len(files) != len(names) {
		t.Fatalf("%d files written, %d named", len(files), len(names))
	}
	var manifest struct {
		Docs        int
		Block       int
		Districts   [][2]string
		District    string
		Shards      []string
		Blocks      []string
		Traditional string
	}
	if err := json.Unmarshal(files[names[0]], &manifest); err != nil {
		t.Fatal(err)
	}
	// The manifest carries the pairs of OpenCC's table whose simplified
	// character the site has: 後后 (the texts have 後, folded to 后), not
	// 發发.
	if !strings.Contains(manifest.Traditional, "後后") || strings.Contains(manifest.Traditional, "發发") || len([]rune(manifest.Traditional))%2 != 0 {
		t.Errorf("the manifest's table is %q", manifest.Traditional)
	}
	if manifest.Docs != len(docs) || len(manifest.Shards) < 2 || len(manifest.Blocks) < 2 {
		t.Fatalf("manifest: %d docs, %d shards, %d blocks", manifest.Docs, len(manifest.Shards), len(manifest.Blocks))
	}
	decoded := map[string][]int{}
	for s, hash := range manifest.Shards {
		name := fmt.Sprintf("s%d.%s.json", s, hash)
		var shard map[string]string
		if err := json.Unmarshal(files[name], &shard); err != nil {
			t.Fatal(err)
		}
		for key, vlq := range shard {
			if g := gramOf(key); g.hash()%uint32(len(manifest.Shards)) != uint32(s) {
				t.Errorf("gram %q is in shard %d", key, s)
			}
			decoded[key] = decodeIDs(t, vlq)
		}
	}
	if !maps.EqualFunc(decoded, gramsOf(docs, texts), slices.Equal) {
		t.Error("the shards' postings differ from the documents' grams")
	}
	for i, d := range docs {
		var block [][]any
		b := i / manifest.Block
		if err := json.Unmarshal(files[fmt.Sprintf("b%d.%s.json", b, manifest.Blocks[b])], &block); err != nil {
			t.Fatal(err)
		}
		want := []any{d.Path, d.Head, float64(d.District)}
		if d.Label != "" || d.Aliases != "" {
			want = append(want, d.Label)
		}
		if d.Aliases != "" {
			want = append(want, d.Aliases)
		}
		if got := block[i%manifest.Block]; !slices.Equal(got, want) {
			t.Fatalf("document %d reads %q, want %q", i, got, want)
		}
	}
	var district string
	if err := json.Unmarshal(files[manifest.District], &district); err != nil {
		t.Fatal(err)
	}
	if districts := decodeNumbers(t, district); len(districts) != len(docs) || districts[7] != docs[7].District+1 {
		t.Errorf("districts %v…", districts[:8])
	}
	if !bytes.Equal(x.Manifest(), files[names[0]]) {
		t.Error("Manifest differs from the manifest file")
	}

	// One document changes: few files change, and they are those a new
	// index of the same documents writes.
	texts[1234] += "新的一句话"
	x.Set(1234, docs[1234], texts[1234])
	changed, names2 := encodeAll(t, x, false)
	all, freshNames := encodeAll(t, collected(r, docs, texts, false), true)
	if !slices.Equal(names2, freshNames) {
		t.Fatal("the updated index names other files than a new one")
	}
	for name, data := range changed {
		if string(all[name]) != string(data) {
			t.Errorf("%s differs from a new index's", name)
		}
	}
	if len(changed) == 0 || len(changed) > len(names2)/2 {
		t.Errorf("one document changed %d of %d files", len(changed), len(names2))
	}
}

func gramOf(key string) gram {
	rs := []rune(key)
	var mark gram
	if rs[0] == 1 {
		mark, rs = headGram, rs[1:]
	}
	if len(rs) == 2 {
		return mark | twoChars(rs[0], rs[1])
	}
	return mark | unigram(rs[0])
}

func decodeNumbers(t *testing.T, s string) []int {
	var out []int
	n, shift := 0, 0
	for _, c := range s {
		v := strings.IndexRune(vlqDigits, c)
		if v < 0 {
			t.Fatalf("%q is not a digit", c)
		}
		n += (v & 31) << shift
		if v&32 != 0 {
			shift += 5
			continue
		}
		out = append(out, n)
		n, shift = 0, 0
	}
	return out
}

func decodeIDs(t *testing.T, s string) []int {
	var ids []int
	if bitmap, ok := strings.CutPrefix(s, "~"); ok {
		for i, c := range bitmap {
			v := strings.IndexRune(vlqDigits, c)
			for bit := range 6 {
				if v&(1<<bit) != 0 {
					ids = append(ids, 6*i+bit)
				}
			}
		}
		return ids
	}
	next := 0
	for _, gap := range decodeNumbers(t, s) {
		next += gap
		ids = append(ids, next)
		next++
	}
	return ids
}

func TestJSONString(t *testing.T) {
	for _, s := range []string{"", "社区", "a\"b\\c\nd\te\x01", "\u2028\u2029", "“引号”", "\xe2\x80"} {
		var got string
		if err := json.Unmarshal(appendJSONString(nil, s), &got); err != nil {
			t.Errorf("%q: %v", s, err)
		}
		if utf8.ValidString(s) && got != s { // what is not UTF-8 need only parse
			t.Errorf("%q came back as %q", s, got)
		}
	}
}
