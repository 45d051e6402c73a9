package main

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// bigSite adds n communities to a copy of the publication, so that a build
// takes long enough to be killed in the middle. version changes every page.
func bigSite(t *testing.T, dir string, n int, version string) {
	t.Helper()
	for i := range n {
		text := fmt.Sprintf("---\ntitle: 测试%d社区\ndistrict: 海曙区\nleader:\n  name: 张三\nquote: 第%s版\n---\n\n%s\n",
			i, version, strings.Repeat("品质社区是人们对获得感和幸福感的向往和追求。"+version+"\n\n", 20))
		name := filepath.Join(dir, "content/communities", fmt.Sprintf("t%05d.md", i))
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[rel] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestKilledBuild kills "pinzhi build" at moments spread over a build:
// public/ must then be the old site or the new one, whole, and the next
// build must finish the new one from whatever the killed one left.
func TestKilledBuild(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("builds a site of 800 pages many times")
	}
	dir := copySite(t)
	out := filepath.Join(dir, "public")
	build := func() {
		t.Helper()
		if _, stderr, code := pinzhi(t, dir, "build"); code != 0 {
			t.Fatal(stderr)
		}
	}
	bigSite(t, dir, 800, "一")
	build()
	oldSite := tree(t, out)
	bigSite(t, dir, 800, "二")
	start := time.Now()
	build()
	took := time.Since(start)
	newSite := tree(t, out)
	if maps.Equal(oldSite, newSite) {
		t.Fatal("the two versions build the same site")
	}
	killedOld, killedNew := 0, 0
	for i := range 10 {
		bigSite(t, dir, 800, "一")
		build()
		bigSite(t, dir, 800, "二")
		cmd := exec.Command(binary, "build")
		cmd.Dir = dir
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(took * time.Duration(i) / 10)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		switch now := tree(t, out); {
		case maps.Equal(now, oldSite):
			killedOld++
		case maps.Equal(now, newSite):
			killedNew++
		default:
			t.Fatalf("killed after %v: public/ is neither the old site nor the new one", took*time.Duration(i)/10)
		}
		build()
		if !maps.Equal(tree(t, out), newSite) {
			t.Fatalf("the build after a kill did not give the new site")
		}
	}
	t.Logf("a build takes %v; killed builds left the old site %d times, the new one %d times", took, killedOld, killedNew)
	if killedOld == 0 {
		t.Error("no build was killed before it swapped: the test proves nothing")
	}
}
