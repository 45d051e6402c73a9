package generator

import (
	"path/filepath"
	"testing"

	"pinzhi/generator/browsertest"
	"pinzhi/generator/internal/search"
)

// searchCorpusDocs builds the benchmarks' corpus of n pages once and
// returns what the search index holds of it.
func searchCorpusDocs(b *testing.B, n int) ([]search.Doc, [][2]string) {
	builder := NewBuilder(Options{SrcDir: corpusDir(b, n), Out: filepath.Join(b.TempDir(), "public"), BaseURL: "http://example.org/"})
	if _, err := builder.Build(); err != nil {
		b.Fatal(err)
	}
	st := builder.last
	docs := searchDocs(st.model, func(p string) string {
		if r := st.records[p]; r != nil {
			return r.SearchText
		}
		return ""
	})
	var districts [][2]string
	for _, d := range st.model.Site.Districts {
		districts = append(districts, [2]string{d.Slug, d.Name})
	}
	return docs, districts
}

// BenchmarkSearchIndex10k makes the search index of 10,000 pages from
// their texts, as a build does after rendering them, and reports its
// size: files, megabytes, and megabytes compressed as hosts send them.
//
//	go test ./generator -run '^$' -bench SearchIndex
func BenchmarkSearchIndex10k(b *testing.B) {
	docs, districts := searchCorpusDocs(b, 10000)
	var files, size, gz int
	for b.Loop() {
		x := search.New(len(docs))
		x.Fill(docs)
		files, size = 0, 0
		if _, err := x.Encode(districts, true, func(f search.File) error {
			files++
			size += len(f.Data)
			return nil
		}); err != nil {
			b.Fatal(err)
		}
	}
	x := search.New(len(docs))
	x.Fill(docs)
	x.Encode(districts, true, func(f search.File) error { gz += browsertest.GzipSize(f.Data); return nil })
	b.ReportMetric(float64(files), "files")
	b.ReportMetric(float64(size)/1e6, "MB")
	b.ReportMetric(float64(gz)/1e6, "MB-gzip")
}
