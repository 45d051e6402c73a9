package generator

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pinzhi/bench/corpus"
)

// corpusDir returns a folder holding the benchmarks' corpus of n pages
// (package corpus, with the repository's layouts and assets), made once
// per test binary run and shared by the benchmarks.
func corpusDir(b testing.TB, n int) string {
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("pinzhi-corpus-%d-%d", n, os.Getpid()))
	if _, err := os.Stat(filepath.Join(dir, "content")); err == nil {
		return dir
	}
	paras, err := corpus.Paragraphs(os.DirFS("../testdata/site"))
	if err != nil {
		b.Fatal(err)
	}
	files := corpus.Files(corpus.Pages(n, paras), paras)
	for name, f := range repoSite(b) {
		if !strings.HasPrefix(name, "content/") { // layouts and assets

			files[name] = string(f.Data)
		}
	}
	if err := corpus.Write(dir, files); err != nil {
		b.Fatal(err)
	}
	return dir
}
