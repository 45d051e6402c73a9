package generator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// TestRepeatedBuilds builds into one output folder again and again while
// the source changes; the staging folder is the site before last, so the
// steps add and remove pages across two builds. After every build the
// output must equal a build into an empty folder.
func TestRepeatedBuilds(t *testing.T) {
	t.Parallel()
	site := repoSite(t)
	out := filepath.Join(t.TempDir(), "public")
	steps := []func(fstest.MapFS){
		func(fstest.MapFS) {},
		func(s fstest.MapFS) { put(s, "content/communities/x.md", communityFile("")) },
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
	// Beside the site, only hidden files: nothing a host or git should see.
	beside, _ := os.ReadDir(filepath.Dir(out))
	for _, e := range beside {
		if e.Name() != "public" && !strings.HasPrefix(e.Name(), ".public.") {
			t.Errorf("a build left %s beside public/", e.Name())
		}
	}
}

// TestUntrustedStaging damages the staging folder the way a killed build
// or a person would; the next build must not carry anything over, and
// must not delete what pinzhi did not write.
func TestUntrustedStaging(t *testing.T) {
	t.Parallel()
	site := repoSite(t)
	for name, damage := range map[string]func(staging string) (kept string){
		"list removed": func(staging string) string {
			os.Remove(filepath.Join(filepath.Dir(staging), ".public.next.files"))
			os.WriteFile(filepath.Join(staging, "stray.html"), []byte("x"), 0o644)
			return filepath.Join(staging, "stray.html")
		},
		"list of another folder": func(staging string) string {
			os.Rename(staging, staging+"-moved")
			os.Mkdir(staging, 0o755)
			os.WriteFile(filepath.Join(staging, "stray.html"), []byte("x"), 0o644)
			return filepath.Join(staging, "stray.html")
		},
		"staging is a file": func(staging string) string {
			os.RemoveAll(staging)
			os.WriteFile(staging, []byte("x"), 0o644)
			return staging
		},
		"a temporary file left by a killed build": func(staging string) string {
			os.WriteFile(filepath.Join(staging, ".index.html.pinzhi-0123456789ab"), []byte("half"), 0o644)
			// The build that left it said, in the list, that it was writing.
			list := filepath.Join(filepath.Dir(staging), ".public.next.files")
			data, _ := os.ReadFile(list)
			header, rest, _ := strings.Cut(string(data), "\n")
			os.WriteFile(list, []byte(strings.Replace(header, " build", " writing build", 1)+"\n"+rest), 0o644)
			return ""
		},
		"a folder deleted, a file emptied": func(staging string) string {
			os.RemoveAll(filepath.Join(staging, "districts"))
			os.WriteFile(filepath.Join(staging, "index.html"), nil, 0o644)
			return ""
		},
	} {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			for range 2 {
				if _, err := Build(Options{Src: site, Out: out}); err != nil {
					t.Fatal(err)
				}
			}
			kept := damage(filepath.Join(filepath.Dir(out), ".public.next"))
			for range 2 {
				if _, err := Build(Options{Src: site, Out: out}); err != nil {
					t.Fatal(err)
				}
				clean, _ := mustBuild(t, site, Options{})
				if diff := diffTrees(readTree(t, clean), readTree(t, out)); diff != "" {
					t.Fatalf("output differs from a clean build:\n%s", diff)
				}
			}
			if data, err := os.ReadFile(kept); kept != "" && (err != nil || string(data) != "x") {
				t.Errorf("%s, which pinzhi did not write, is gone or changed: %v", kept, err)
			}
		})
	}
}

// TestOpenFilesKeepTheirBytes holds a file of the served site open while
// two more builds change it: the second writes into the folder that held
// it, and must not change the bytes a reader (a web server) is sending.
func TestOpenFilesKeepTheirBytes(t *testing.T) {
	t.Parallel()
	const page = "communities/houdajie/index.html"
	const name = "content/communities/houdajie.md"
	site := repoSite(t)
	original := string(site[name].Data)
	out := filepath.Join(t.TempDir(), "public")
	build := func(text string) {
		put(site, name, text)
		if _, err := Build(Options{Src: site, Out: out}); err != nil {
			t.Fatal(err)
		}
	}
	build(original)
	f, err := os.Open(filepath.Join(out, page))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want, _ := os.ReadFile(filepath.Join(out, page))
	build(original + "\n第二版。\n")
	build(original + "\n第三版。\n")
	got := make([]byte, len(want)+100)
	n, _ := f.ReadAt(got, 0)
	if string(got[:n]) != string(want) {
		t.Errorf("an open file of the old site changed under its reader")
	}
	if now, _ := os.ReadFile(filepath.Join(out, page)); !contains(now, "第三版") {
		t.Errorf("the last build is not served")
	}
}

func TestOutputInNewFolders(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "a", "b", "public")
	if _, err := Build(Options{Src: repoSite(t), Out: out}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Error(err)
	}
}
