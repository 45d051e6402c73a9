package generator

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// fixtureRoots says where each folder of the test site comes from: the
// fixture's content (testdata/site, never the live content/, which
// editors change) and the repository's own layouts and assets.
var fixtureRoots = map[string]string{"content": "../testdata/site", "layouts": "..", "assets": ".."}

// repoSite returns the fixture publication as an in-memory file system
// that a test may change.
func repoSite(t testing.TB) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, dir := range []string{"content", "layouts", "assets"} {
		root := os.DirFS(fixtureRoots[dir])
		err := fs.WalkDir(root, dir, func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(root, name)
			fsys[name] = &fstest.MapFile{Data: data, Mode: 0o644}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return fsys
}

// put writes a file of the in-memory site.
func put(fsys fstest.MapFS, name, text string) {
	fsys[name] = &fstest.MapFile{Data: []byte(text), Mode: 0o644}
}

// community is a valid community file with the given front matter lines
// added; later keys win, so a test can override any of them.
func communityFile(extra string) string {
	return "---\ntitle: 测试社区\ndistrict: 海曙区\nleader:\n  name: 张三\n  role: 党委书记\n" + extra + "---\n\n正文。\n"
}

// buildInto builds fsys into a fresh folder and returns it.
func buildInto(t testing.TB, fsys fs.FS, opts Options) (string, *Report, error) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	opts.Src, opts.Out = fsys, out

	r, err := Build(opts)
	return out, r, err
}

// mustBuild builds fsys and fails the test on any error.
func mustBuild(t testing.TB, fsys fs.FS, opts Options) (string, *Report) {
	t.Helper()
	out, r, err := buildInto(t, fsys, opts)
	if err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	return out, r
}

// readTree returns every file under dir, by slash path.
func readTree(t testing.TB, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// diffTrees describes how two trees differ, or returns "".
func diffTrees(want, got map[string]string) string {
	var b strings.Builder
	for name, w := range want {
		g, ok := got[name]
		switch {
		case !ok:
			b.WriteString("missing: " + name + "\n")
		case g != w:
			b.WriteString("differs: " + name + "\n  want: " + excerpt(w, g) + "\n  got:  " + excerpt(g, w) + "\n")
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			b.WriteString("extra: " + name + "\n")
		}
	}
	return b.String()
}

// excerpt shows a around where it first differs from b.
func excerpt(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	start, end := max(0, i-60), min(len(a), i+60)
	return "…" + a[start:end] + "…"
}

// problemsOf returns the Problems of a failed build, failing the test when
// the error is of another kind.
func problemsOf(t testing.TB, err error) Problems {
	t.Helper()
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("want Problems, got %T: %v", err, err)
	}
	return ps
}

func contains(s []byte, sub string) bool { return bytes.Contains(s, []byte(sub)) }
