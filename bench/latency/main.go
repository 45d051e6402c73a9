// Command latency measures how long a preview server takes to serve an
// edit: it starts the server, then again and again appends a marked
// paragraph to one Markdown file (or changes its quote, with -edit quote)
// and polls the page's URL until the marker is in it. It prints the median, the 90th percentile and the server's
// peak memory.
//
//	go run ./bench/latency -file CORPUS/content/communities/c005000.md \
//	    -url http://127.0.0.1:1500/communities/c005000/ -- pinzhi serve --src CORPUS --port 1500
package main

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	file := flag.String("file", "", "the Markdown `file` to edit")
	url := flag.String("url", "", "the `URL` of its page")
	n := flag.Int("n", 30, "how many edits")
	gap := flag.Duration("gap", 400*time.Millisecond, "pause between edits, so that they are not batched together")
	verbose := flag.Bool("v", false, "print every edit's time")
	what := flag.String("edit", "body", "what each edit changes: body (a paragraph added) or quote (the front matter's quote)")
	flag.Parse()
	if *file == "" || *url == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: latency -file F -url U [-n 30] -- server command...")
		os.Exit(2)
	}
	original, err := os.ReadFile(*file)
	check(err)
	defer os.WriteFile(*file, original, 0o644)

	cmd := exec.Command(flag.Arg(0), flag.Args()[1:]...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	check(cmd.Start())
	defer syscall.Kill(-cmd.Process.Pid, syscall.SIGINT)
	start := time.Now()
	waitFor(*url, func(body string) bool { return body != "" }, 10*time.Minute)
	fmt.Printf("%s: first page served after %v\n", flag.Arg(0), time.Since(start).Round(time.Millisecond))

	var times []time.Duration
	for i := range *n {
		time.Sleep(*gap)
		marker := fmt.Sprintf("延迟测试%d-%d", time.Now().UnixNano(), i)
		edited := string(original) + "\n\n" + marker + "\n"
		if *what == "quote" {
			edited = strings.Replace(string(original), `quote: "`, `quote: "`+marker, 1)
		}
		t0 := time.Now()
		check(os.WriteFile(*file, []byte(edited), 0o644))
		waitFor(*url, func(body string) bool { return strings.Contains(body, marker) }, time.Minute)
		times = append(times, time.Since(t0))
		if *verbose {
			fmt.Printf("edit %d: %v\n", i, times[len(times)-1].Round(100*time.Microsecond))
		}
	}
	slices.Sort(times)
	fmt.Printf("edits: %d  median %v  p90 %v  min %v  max %v  peak memory %s\n", len(times),
		times[len(times)/2].Round(100*time.Microsecond), times[len(times)*9/10].Round(100*time.Microsecond),
		times[0].Round(100*time.Microsecond), times[len(times)-1].Round(100*time.Microsecond), peakMemory(cmd.Process.Pid))
}

// waitFor polls url until ok holds for its body.
func waitFor(url string, ok func(string) bool, limit time.Duration) {
	deadline := time.Now().Add(limit)
	client := &http.Client{Timeout: 10 * time.Second}
	for time.Now().Before(deadline) {
		if res, err := client.Get(url); err == nil {
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode == 200 && ok(string(body)) {
				return
			}
		}
		time.Sleep(time.Millisecond)
	}
	fmt.Fprintln(os.Stderr, "latency: gave up waiting for", url)
	os.Exit(1)
}

// peakMemory reads the process's peak resident set from /proc.
func peakMemory(pid int) string {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return "unknown"
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "latency:", err)
		os.Exit(1)
	}
}
