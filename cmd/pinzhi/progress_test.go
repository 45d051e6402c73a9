package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"pinzhi/generator"
)

// TestProgressLine: a terminal sees a long build's progress on one line,
// rewritten in place and rubbed out at the end; a short build, or
// anything but a terminal, sees nothing.
func TestProgressLine(t *testing.T) {
	step := generator.Progress{Phase: "render", Done: 2500, Total: 10000}
	for _, c := range []struct {
		name     string
		terminal bool
		ran      time.Duration
		want     string
	}{
		{"a long build on a terminal", true, 3 * time.Second, "\r\033[Kwriting 2500 of 10000 files (25%)\r\033[K"},
		{"a short build on a terminal", true, time.Second, ""},
		{"a long build in a log", false, 3 * time.Second, ""},
	} {
		var b bytes.Buffer
		p := &progressLine{w: &b, on: c.terminal, after: progressAfter, start: time.Now().Add(-c.ran)}
		p.show(step)
		p.clear()
		if got := b.String(); got != c.want {
			t.Errorf("%s: wrote %q, want %q", c.name, got, c.want)
		}
	}
}

// TestProgressLineTenTimesASecond: a deploy tells the line of every
// file; the terminal sees at most one line in progressEvery, and the last.
func TestProgressLineTenTimesASecond(t *testing.T) {
	var b bytes.Buffer
	p := &progressLine{w: &b, on: true, after: 0, start: time.Now()}
	for done := 1; done <= 1000; done++ {
		p.show(generator.Progress{Phase: "deploy", Done: done, Total: 1000})
	}
	lines := strings.Split(b.String(), "\r\033[K")[1:]
	if len(lines) != 2 || lines[0] != "deploying 1 of 1000 files (0%)" || lines[1] != "deploying 1000 of 1000 files (100%)" {
		t.Errorf("wrote %q, want the first and the last", lines)
	}
}

// TestBuildQuietInLogs: the real binary, with its output going to a file
// as in CI, writes no progress, however long the build.
func TestBuildQuietInLogs(t *testing.T) {
	_, stderr, code := pinzhi(t, copySite(t), "build")
	if code != 0 || strings.ContainsAny(stderr, "\r\033") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// TestDevNullIsNoTerminal: /dev/null is a character device, not a
// terminal; a build sent there prints no progress line.
func TestDevNullIsNoTerminal(t *testing.T) {
	f, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	if isTerminal(f) {
		t.Error("/dev/null is taken for a terminal")
	}
}
