package main

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"pinzhi/generator/browsertest"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// binary is the pinzhi command, built once for these end-to-end tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "pinzhi-bin")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "pinzhi")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		panic(string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// copySite copies the fixture publication (testdata/site's content, the
// repository's layouts and assets) into a temporary folder.
func copySite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, from := range []string{"../../testdata/site/content", "../../layouts", "../../assets"} {
		if out, err := exec.Command("cp", "-r", from, dir).CombinedOutput(); err != nil {
			t.Fatalf("%s", out)
		}
	}
	return dir
}

func pinzhi(t testing.TB, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	return pinzhiIn(t, dir, []string{"LC_ALL=C.UTF-8"}, args...)
}

// pinzhiIn runs the binary as pinzhi does, with env added to the
// environment (the tests' own locale is English: LC_ALL=C.UTF-8).
func pinzhiIn(t testing.TB, dir string, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return o.String(), e.String(), ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return o.String(), e.String(), 0
}

func TestExitStatus(t *testing.T) {
	t.Parallel()
	dir := copySite(t)
	cases := []struct {
		name   string
		args   []string
		code   int
		stderr string
		stdout string
	}{
		{"build", []string{"build"}, 0, "built 61 files into public", ""},
		{"build with phases", []string{"build", "-v"}, 0, "  render ", ""},
		{"build with flags", []string{"build", "--src", ".", "--out", "elsewhere", "--base-url", "https://x.org/a/", "--drafts"}, 0, "into elsewhere", ""},
		{"unknown command", []string{"bild"}, 2, `unknown command "bild"`, ""},
		{"no command", nil, 2, "Usage:", ""},
		{"unknown flag", []string{"build", "--nope"}, 2, "flag provided but not defined: -nope", ""},
		{"stray argument", []string{"build", "site"}, 2, `unexpected argument "site"`, ""},
		{"help", []string{"--help"}, 0, "", "Usage:"},
		{"build help", []string{"build", "--help"}, 0, "-base-url", ""},
		{"version", []string{"version"}, 0, "", "pinzhi "},
		{"missing site", []string{"build", "--src", "nowhere"}, 1, "content: folder not found", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			stdout, stderr, code := pinzhi(t, dir, c.args...)
			if code != c.code || !strings.Contains(stderr, c.stderr) || !strings.Contains(stdout, c.stdout) {
				t.Errorf("exit %d, want %d; stdout wants %q, stderr %q\nstdout: %s\nstderr: %s", code, c.code, c.stdout, c.stderr, stdout, stderr)
			}
		})
	}
}

// TestBuildFailureKeepsPublic runs the real binary on a broken site: exit
// status 1, one line per problem, public/ as it was.
func TestBuildFailureKeepsPublic(t *testing.T) {
	t.Parallel()
	dir := copySite(t)
	if _, stderr, code := pinzhi(t, dir, "build"); code != 0 {
		t.Fatal(stderr)
	}
	index := filepath.Join(dir, "public/index.html")
	before, _ := os.ReadFile(index)
	bad := "---\ntitle: 坏社区\ndistrict: 镇海\nleader: 张三\n---\n"
	os.WriteFile(filepath.Join(dir, "content/communities/bad.md"), []byte(bad), 0o644)
	_, stderr, code := pinzhi(t, dir, "build")
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	for _, want := range []string{
		`content/communities/bad.md:3: district "镇海" is not one of the configured districts; did you mean "镇海区"?`,
		"content/communities/bad.md:4: leader must be a group of key: value lines, but it is text",
		"build failed: 2 problems; the output folder was not changed",
	} {
		if !strings.Contains(stderr, want+"") {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	after, _ := os.ReadFile(index)
	if !bytes.Equal(before, after) {
		t.Error("public/index.html changed")
	}
}

// builtUnder builds the site in dir with the real binary for a host that
// serves it under /sub/, serves public/ there, and returns the site's URL.
func builtUnder(t testing.TB, dir string) string {
	t.Helper()
	host := browsertest.NewStaticHost(t, "/sub/")
	if _, stderr, code := pinzhi(t, dir, "build", "--base-url", host.URL); code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	host.Serve(t, filepath.Join(dir, "public"))
	return host.URL
}

// builtPages returns the site path of every page built into dir's
// public/: "", "communities/houdajie/", "404.html".
func builtPages(t testing.TB, dir string) []string {
	t.Helper()
	public := filepath.Join(dir, "public")
	var pages []string
	err := filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(public, p)
			pages = append(pages, strings.TrimSuffix(filepath.ToSlash(rel), "index.html"))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// view sets the tab's width (a phone's below 600 px) and colour scheme.
func view(t testing.TB, ctx context.Context, width int64, scheme string) {
	t.Helper()
	metrics := emulation.SetDeviceMetricsOverrideParams{Width: width, Height: 844, DeviceScaleFactor: 1, Mobile: width < 600}
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, metrics); err != nil {
		t.Fatal(err)
	}
	media := emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, media); err != nil {
		t.Fatal(err)
	}
}

// TestMessagesInEditorsLanguage: pinzhi speaks Chinese when the locale
// says so (LC_ALL, else LC_MESSAGES, else LANG), English otherwise.
func TestMessagesInEditorsLanguage(t *testing.T) {
	t.Parallel()
	dir := copySite(t)
	libang := filepath.Join(dir, "content/communities/libang.md")
	text, _ := os.ReadFile(libang)
	os.WriteFile(libang, []byte(strings.Replace(string(text), "district: 奉化区", "district: 奉华区", 1)), 0o644)
	cases := []struct {
		name string
		env  []string
		want []string
	}{
		{"LANG Chinese", []string{"LC_ALL=", "LC_MESSAGES=", "LANG=zh_CN.UTF-8"}, []string{
			`content/communities/libang.md:3: 区县 "奉华区" 不在 content/_index.md 列出的区县里; 是不是 "奉化区"？区县列在 content/_index.md 里`,
			"content/_index.md: 警告：没有日期", "检查失败：1 个问题"}},
		{"LC_MESSAGES Chinese", []string{"LC_ALL=", "LC_MESSAGES=zh_TW.UTF-8", "LANG=en_US.UTF-8"}, []string{"检查失败：1 个问题"}},
		{"LC_ALL English over LANG", []string{"LC_ALL=en_US.UTF-8", "LANG=zh_CN.UTF-8"}, []string{
			`content/communities/libang.md:3: district "奉华区" is not one of the configured districts`, "check failed: 1 problem"}},
		{"no locale", []string{"LC_ALL=", "LC_MESSAGES=", "LANG="}, []string{"check failed: 1 problem"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			stdout, stderr, code := pinzhiIn(t, dir, c.env, "check")
			for _, want := range c.want {
				if code != 1 || !strings.Contains(stdout+stderr, want) {
					t.Errorf("exit %d; want %q in\n%s%s", code, want, stdout, stderr)
				}
			}
		})
	}
	os.WriteFile(libang, text, 0o644)
	stdout, _, code := pinzhiIn(t, dir, []string{"LC_ALL=zh_CN.UTF-8"}, "new", "community", "长春社区", "--district", "鄞州区", "--leader", "黄菊芬")
	if code != 0 || !strings.Contains(stdout, "已写入 content/communities/zhangchun.md，这是草稿") || !strings.Contains(stdout, "标题的拼音") {
		t.Errorf("pinzhi new in Chinese: exit %d\n%s", code, stdout)
	}
}
