package generator

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// TestRepeatedBuilds builds into one output folder again and again while
// the source changes; the staging folder is the site before last, so the
// steps add and remove pages across two builds. After every build the
// output must equal a build into an empty folder.
func TestRepeatedBuilds(t *testing.T) {
	site := repoSite(t)
	out := filepath.Join(t.TempDir(), "public")
	steps := []func(fstest.MapFS){
		func(fstest.MapFS) {},
		func(s fstest.MapFS) { put(s, "content/communities/x.md", community("")) },
		func(s fstest.MapFS) { delete(s, "content/communities/lingxiao.md") },
		func(s fstest.MapFS) { put(s, "content/x/index.md", "---\ntitle: 页\n---\n") },
		func(s fstest.MapFS) {
			delete(s, "content/x/index.md")
			put(s, "content/x.md", "---\ntitle: 页\n---\n")
		},
		func(s fstest.MapFS) { delete(s, "content/communities/x.md") },
		func(s fstest.MapFS) {},
	}
	for i, step := range steps {
		step(site)
		if _, err := Build(Options{Src: site, Out: out}); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		clean, _ := mustBuild(t, site, Options{})
		if diff := diffTrees(readTree(t, clean), readTree(t, out)); diff != "" {
			t.Fatalf("step %d: output differs from a clean build:\n%s", i, diff)
		}
	}
	if _, trusted := readList(folders{out}.staging()); !trusted {
		t.Error("the staging folder's list is not trusted after a successful build")
	}
}

// TestUntrustedStaging damages the staging folder the way a killed build
// or a person would; the next build must not carry anything over.
func TestUntrustedStaging(t *testing.T) {
	site := repoSite(t)
	for name, damage := range map[string]func(staging string){
		"list removed": func(staging string) {
			os.Remove(listFile(staging))
			os.WriteFile(filepath.Join(staging, "stray.html"), []byte("x"), 0o644)
		},
		"list of another folder": func(staging string) {
			os.WriteFile(filepath.Join(staging, "stray.html"), []byte("x"), 0o644)
			os.Rename(staging, staging+"-moved")
			os.Mkdir(staging, 0o755)
			os.WriteFile(filepath.Join(staging, "stray.html"), []byte("x"), 0o644)
		},
		"staging is a file": func(staging string) {
			os.RemoveAll(staging)
			os.WriteFile(staging, []byte("x"), 0o644)
		},
	} {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			for range 2 {
				if _, err := Build(Options{Src: site, Out: out}); err != nil {
					t.Fatal(err)
				}
			}
			damage(folders{out}.staging())
			if _, err := Build(Options{Src: site, Out: out}); err != nil {
				t.Fatal(err)
			}
			clean, _ := mustBuild(t, site, Options{})
			if diff := diffTrees(readTree(t, clean), readTree(t, out)); diff != "" {
				t.Fatalf("output differs from a clean build:\n%s", diff)
			}
		})
	}
}
