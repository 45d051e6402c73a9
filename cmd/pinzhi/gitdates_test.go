package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseGitDates(t *testing.T) {
	out := "\x002016-11-28T10:00:00+08:00\n\ncontent/communities/a.md\ncontent/_index.md\n" +
		"\x002016-11-20T10:00:00+08:00\n\ncontent/communities/a.md\ncontent/communities/b.md\n" +
		"\x00not a date\n\ncontent/communities/c.md\n"
	got := parseGitDates([]byte(out))
	newer := time.Date(2016, 11, 28, 10, 0, 0, 0, time.FixedZone("", 8*3600))
	older := newer.AddDate(0, 0, -8)
	cases := []struct {
		file string
		want time.Time
	}{
		{"content/communities/a.md", newer}, // the newest commit naming it
		{"content/_index.md", newer},
		{"content/communities/b.md", older},
		{"content/communities/c.md", time.Time{}}, // a commit without a date names nothing
	}
	for _, c := range cases {
		if d := got[c.file]; !d.Equal(c.want) {
			t.Errorf("%s: %v, want %v", c.file, d, c.want)
		}
	}
}

// TestFeedDatesFromGit builds the site in a git repository with the real
// binary: an entry without a date in its front matter has its file's last
// commit's, the same at every build of that commit.
func TestDatesFromGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := copySite(t)
	git := func(date string, args ...string) {
		cmd := exec.Command("git", append([]string{"-c", "user.name=编辑", "-c", "user.email=editor@example.org"}, args...)...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %s", args, out)
		}
	}
	git("", "init", "-q")
	git("2016-11-20T08:00:00+08:00", "add", ".")
	git("2016-11-20T08:00:00+08:00", "commit", "-q", "-m", "稿件")
	houdajie := filepath.Join(dir, "content/communities/houdajie.md")
	text, _ := os.ReadFile(houdajie)
	os.WriteFile(houdajie, append(text, "\n补记一段。\n"...), 0o644)
	git("2016-11-28T21:15:00+08:00", "commit", "-q", "-am", "补记")

	for range 2 {
		if _, stderr, code := pinzhi(t, dir, "build"); code != 0 {
			t.Fatal(stderr)
		}
		feed, _ := os.ReadFile(filepath.Join(dir, "public/feed.xml"))
		for _, want := range []string{
			"<id>tag:example.org,2016:communities/houdajie</id><updated>2016-11-28T21:15:00+08:00</updated>",
			"<id>tag:example.org,2016:communities/libang</id><updated>2016-11-20T08:00:00+08:00</updated>",
		} {
			if !strings.Contains(string(feed), want) {
				t.Errorf("the feed lacks %s:\n%.600s", want, feed)
			}
		}
		// A commit is not a publication: without the edition's date
		// nothing is published.
		if strings.Contains(string(feed), "<published>") {
			t.Errorf("a commit's date is written as published:\n%.600s", feed)
		}
	}

	index := filepath.Join(dir, "content/_index.md")
	text, _ = os.ReadFile(index)
	os.WriteFile(index, []byte(strings.Replace(string(text), "reporter: 张昊\n", "reporter: 张昊\ndate: 2016-11-18\n", 1)), 0o644)
	git("2016-11-29T09:00:00+08:00", "commit", "-q", "-am", "刊期")
	_, stderr, code := pinzhi(t, dir, "build")
	if code != 0 || strings.Contains(stderr, "no date") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	feed, _ := os.ReadFile(filepath.Join(dir, "public/feed.xml"))
	page, _ := os.ReadFile(filepath.Join(dir, "public/communities/houdajie/index.html"))
	for file, want := range map[string]string{
		"feed.xml": "<id>tag:example.org,2016:communities/houdajie</id><published>2016-11-18T00:00:00Z</published><updated>2016-11-28T21:15:00+08:00</updated>",
		"houdajie": "<time datetime=2016-11-18T00:00:00Z>2016年11月18日</time>",
	} {
		if text := map[string][]byte{"feed.xml": feed, "houdajie": page}[file]; !strings.Contains(string(text), want) {
			t.Errorf("%s lacks %s", file, want)
		}
	}
}
