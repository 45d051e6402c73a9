package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// gitDatesLater starts reading the dates from git and returns a function
// that waits for them: a build reads the site meanwhile.
func gitDatesLater(src string) func() map[string]time.Time {
	done := make(chan map[string]time.Time, 1)
	go func() { done <- gitDates(src) }()
	return sync.OnceValue(func() map[string]time.Time { return <-done })
}

// gitDates returns the date of the last commit of every file of the site
// in src, by slash path under src, when src is in a git repository and git
// is installed; else nil. One git log reads them all: the newest commit
// naming a file is its last. The dates are those of commits, so the same
// commit always gives the same site.
func gitDates(src string) map[string]time.Time {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", "-C", src, "log", "--format=%x00%cI", "--name-only", "--relative", "--no-renames", "--", "content")
	pipe, err := cmd.StdoutPipe()
	if err != nil || cmd.Start() != nil {
		return nil
	}
	// A long history is read only so far: the newest commits come first,
	// so the files named in what was read have their dates, and the others
	// the site's.
	out, _ := io.ReadAll(io.LimitReader(pipe, maxGitLog))
	cmd.Process.Kill()
	if cmd.Wait(); len(out) == 0 {
		return nil
	}
	return parseGitDates(out)
}

// maxGitLog bounds what is read of git log: some hundred thousand commits.
const maxGitLog = 32 << 20

// parseGitDates reads git log's output: a NUL and a date a commit, then
// the names of its files, newest commit first.
func parseGitDates(out []byte) map[string]time.Time {
	dates := map[string]time.Time{}
	var date time.Time
	lines := bufio.NewScanner(bytes.NewReader(out))
	lines.Buffer(nil, 1<<20)
	for lines.Scan() {
		line := lines.Text()
		if d, ok := strings.CutPrefix(line, "\x00"); ok {
			date, _ = time.Parse(time.RFC3339, d)
			continue
		}
		name := filepath.ToSlash(strings.TrimSpace(line))
		if _, seen := dates[name]; name != "" && !seen && !date.IsZero() {
			dates[name] = date
		}
	}
	return dates
}
