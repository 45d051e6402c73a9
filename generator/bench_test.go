package generator

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Benchmarks of whole builds on synthetic corpora (see writeCorpus):
//
//	go test ./generator -run '^$' -bench . -benchmem
//
// They read from and write to disk, as the command does.

func benchmarkBuild(b *testing.B, n int) {
	src := corpusDir(b, n)
	out := filepath.Join(b.TempDir(), "public")
	opts := Options{SrcDir: src, Out: out, BaseURL: "http://example.org/"}
	for range 2 { // the third build onwards writes into the site before last
		if _, err := Build(opts); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := Build(opts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBuild1k(b *testing.B)  { benchmarkBuild(b, 1000) }
func BenchmarkBuild10k(b *testing.B) { benchmarkBuild(b, 10000) }

// BenchmarkBuildFresh10k builds into a folder that does not exist yet,
// every time, as a deploy from a clean clone does.
func BenchmarkBuildFresh10k(b *testing.B) {
	src := corpusDir(b, 10000)
	parent := b.TempDir()
	opts := Options{SrcDir: src, BaseURL: "http://example.org/"}
	i := 0
	for b.Loop() {
		i++
		opts.Out = filepath.Join(parent, "public"+strconv.Itoa(i))
		if _, err := Build(opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUpdate10k edits one community's body at 10,000 pages and brings
// the output up to date, as watch mode does after a save.
func BenchmarkUpdate10k(b *testing.B) {
	benchmarkUpdate(b, "三大品牌", "三大特色")
}

// BenchmarkUpdateFrontMatter10k edits one community's quote: the home page,
// the district pages, the brand list, the feed and the sitemap follow.
func BenchmarkUpdateFrontMatter10k(b *testing.B) {
	benchmarkUpdate(b, "quote: \"", "quote: \"改")
}

func benchmarkUpdate(b *testing.B, old, new string) {
	src := corpusDir(b, 10000)
	name := "content/communities/c005000.md"
	file := filepath.Join(src, name)
	original, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { os.WriteFile(file, original, 0o644) })
	edited := string(original) + "\n\n三大品牌\n"
	builder := NewBuilder(Options{SrcDir: src, Out: filepath.Join(b.TempDir(), "public"), BaseURL: "http://example.org/"})
	if err := builder.Hold(); err != nil { // as pinzhi serve does
		b.Fatal(err)
	}
	defer builder.Close()
	if _, err := builder.Build(); err != nil {
		b.Fatal(err)
	}
	versions := []string{edited, strings.Replace(edited, old, new, 1)}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		i++
		if err := os.WriteFile(file, []byte(versions[i%2]), 0o644); err != nil {
			b.Fatal(err)
		}
		report, err := builder.Update([]string{name})
		if err != nil || len(report.Written) == 0 {
			b.Fatalf("update wrote %v: %v", report, err)
		}
	}
}

// BenchmarkBuildPublication builds the bundled publication into the folder
// of the run before, as an editor's repeated builds do.
func BenchmarkBuildPublication(b *testing.B) {
	site := repoSite(b)
	out := filepath.Join(b.TempDir(), "public")
	for b.Loop() {
		if _, err := Build(Options{Src: site, Out: out}); err != nil {
			b.Fatal(err)
		}
	}
}
