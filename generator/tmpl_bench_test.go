package generator

import (
	"bytes"
	"testing"
)

func BenchmarkCommunityTemplate(b *testing.B) {
	bl := NewBuilder(Options{Src: repoSite(b), Out: b.TempDir()})
	bl.loadAll()
	st, _ := bl.prepare()
	var page *Page
	for _, p := range st.pages {
		if p.kind == "community" {
			page = p
			break
		}
	}
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		data := *page.data
		if err := bl.layouts["community"].tmpl.Execute(&buf, &data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCommunityMinify(b *testing.B) {
	bl := NewBuilder(Options{Src: repoSite(b), Out: b.TempDir()})
	bl.loadAll()
	st, _ := bl.prepare()
	page := st.pages[1]
	var buf, small bytes.Buffer
	data := *page.data
	bl.layouts["community"].tmpl.Execute(&buf, &data)
	src := buf.Bytes()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		small.Reset()
		bl.min.Minify("text/html", &small, bytes.NewReader(src))
	}
}
