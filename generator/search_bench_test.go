package generator

import (
	"os"
	"path/filepath"
	"testing"

	"pinzhi/generator/browsertest"
	"pinzhi/generator/internal/search"
)

// searchCorpusDocs builds the benchmarks' corpus of n pages once and
// returns what the search index holds of it: the documents, their pages'
// texts as read from the built pages, and the districts.
func searchCorpusDocs(b *testing.B, n int) ([]search.Doc, [][]byte, [][2]string) {
	out := filepath.Join(b.TempDir(), "public")
	builder := NewBuilder(Options{SrcDir: corpusDir(b, n), Out: out, BaseURL: "http://example.org/"})
	if _, err := builder.Build(); err != nil {
		b.Fatal(err)
	}
	m := builder.last.model
	docs := searchDocs(m)
	texts := make([][]byte, len(docs))
	for i, d := range docs {
		if isEntry(d) {
			continue
		}
		page, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(d.Path), "index.html"))
		if err != nil {
			b.Fatal(err)
		}
		texts[i] = search.AppendPageText(nil, page)
	}
	var districts [][2]string
	for _, d := range m.Site.Districts {
		districts = append(districts, [2]string{d.Slug, d.Name})
	}
	return docs, texts, districts
}

// filled returns an index of the documents, filled as a build fills it.
func filled(docs []search.Doc, texts [][]byte) *search.Index {
	x := search.New(docs, false)
	c := x.Collector()
	for i, t := range texts {
		c.Add(i, t)
	}
	c.Fill()
	return x
}

// BenchmarkSearchIndex10k makes the search index of 10,000 pages from
// their texts, as a build does while rendering them, and reports its
// size: files, megabytes, and megabytes compressed as hosts send them.
//
//	go test ./generator -run '^$' -bench SearchIndex
func BenchmarkSearchIndex10k(b *testing.B) {
	docs, texts, districts := searchCorpusDocs(b, 10000)
	var files, size, gz int
	for b.Loop() {
		x := filled(docs, texts)
		files, size = 0, 0
		if _, err := x.Encode(districts, true, func(f search.File) error {
			files++
			size += len(f.Data)
			return nil
		}); err != nil {
			b.Fatal(err)
		}
	}
	filled(docs, texts).Encode(districts, true, func(f search.File) error { gz += browsertest.GzipSize(f.Data); return nil })
	b.ReportMetric(float64(files), "files")
	b.ReportMetric(float64(size)/1e6, "MB")
	b.ReportMetric(float64(gz)/1e6, "MB-gzip")
}
