package generator

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

const goldenDir = "testdata/golden"

// TestGolden builds the bundled publication and compares every file of
// the output with testdata/golden. After an intended change, run
//
//	go test ./generator -run TestGolden -update
//
// and read the diff of testdata/golden before committing it.
func TestGolden(t *testing.T) {
	t.Parallel()
	out, _ := mustBuild(t, repoSite(t), Options{})
	got := readTree(t, out)
	if *update {
		if err := os.RemoveAll(goldenDir); err != nil {
			t.Fatal(err)
		}
		for name, data := range got {
			p := filepath.Join(goldenDir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	if diff := diffTrees(readTree(t, goldenDir), got); diff != "" {
		t.Errorf("output differs from %s (run with -update if the change is intended):\n%s", goldenDir, diff)
	}
}

// TestDeterministic builds the publication twice, with different numbers
// of workers, and wants the same bytes.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	site := repoSite(t)
	a, _ := mustBuild(t, site, Options{Workers: 1})
	b, _ := mustBuild(t, site, Options{Workers: 8})
	if diff := diffTrees(readTree(t, a), readTree(t, b)); diff != "" {
		t.Errorf("two builds differ:\n%s", diff)
	}
}
