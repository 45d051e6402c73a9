package main

import (
	"bufio"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"pinzhi/generator/browsertest"
)

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// serveProcess is a running "pinzhi serve".
type serveProcess struct {
	cmd  *exec.Cmd
	url  string // of the site's home page
	done chan error
	mu   sync.Mutex
	out  strings.Builder // what it printed after it started serving
}

// printed returns what the server printed since it started serving.
func (p *serveProcess) printed() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.String()
}

// startServe runs "pinzhi serve" on dir, with more flags if given, and
// returns once it serves.
func startServe(t *testing.T, dir, port string, flags ...string) *serveProcess {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"serve", "--src", dir, "--port", port}, flags...)...)
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8") // the log is read in English
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &serveProcess{cmd: cmd}
	t.Cleanup(func() { p.stop(t) })
	lines := bufio.NewScanner(stdout)
	for lines.Scan() {
		if _, url, ok := strings.Cut(lines.Text(), " at "); ok && strings.HasPrefix(lines.Text(), "serving ") {
			go func() {
				for lines.Scan() {
					p.mu.Lock()
					p.out.WriteString(lines.Text() + "\n")
					p.mu.Unlock()
				}
			}()
			p.url = strings.Fields(url)[0]
			return p
		}
	}
	t.Fatal("pinzhi serve stopped before serving")
	return nil
}

// stop presses Ctrl-C and wants a clean exit.
func (p *serveProcess) stop(t *testing.T) {
	if p.done != nil {
		return
	}
	p.done = make(chan error, 1)
	p.cmd.Process.Signal(os.Interrupt)
	go func() { p.done <- p.cmd.Wait() }()
	select {
	case err := <-p.done:
		if err != nil {
			t.Errorf("pinzhi serve did not stop cleanly on Ctrl-C: %v", err)
		}
	case <-time.After(10 * time.Second):
		p.cmd.Process.Kill()
		t.Error("pinzhi serve did not stop on Ctrl-C")
	}
}

// TestBrowserLiveReload opens a community page in Chromium, edits its
// Markdown and waits for the page to show the edit by itself; then breaks
// the front matter, waits for the error overlay, fixes it and waits for
// the page to come back.
func TestBrowserLiveReload(t *testing.T) {
	if testing.Short() {
		t.Skip("drives pinzhi serve and Chromium")
	}
	ctx := browsertest.Tab(t, 390, 844)
	dir := copySite(t)
	port := strconv.Itoa(freePort(t))
	server := startServe(t, dir, port)
	site := server.url
	file := filepath.Join(dir, "content/communities/houdajie.md")
	original, _ := os.ReadFile(file)
	if err := chromedp.Do(ctx, chromedp.Navigate(site+"communities/houdajie/")); err != nil {
		t.Fatal(err)
	}
	if h1, err := chromedp.Run(ctx, chromedp.Text("h1")); err != nil || h1 != "后大街社区" {
		t.Fatalf("h1 %q: %v", h1, err)
	}

	os.WriteFile(file, []byte(strings.Replace(string(original), "三大品牌", "三大特色品牌", 1)), 0o644)
	if err := browsertest.WaitFor(ctx, `document.body.innerText.includes("三大特色品牌")`); err != nil {
		t.Fatalf("the page did not show the edit: %v", err)
	}

	os.WriteFile(file, []byte(strings.Replace(string(original), "district: 镇海区", "district: [镇海区", 1)), 0o644)
	if err := browsertest.WaitFor(ctx, `!!document.getElementById("pinzhi-error")`); err != nil {
		t.Fatalf("no error overlay: %v", err)
	}
	overlay, err := chromedp.Run(ctx, chromedp.Text("#pinzhi-error"))
	if err != nil || !strings.Contains(overlay, "content/communities/houdajie.md:3: YAML") {
		t.Errorf("the overlay does not name the file and line: %q %v", overlay, err)
	}
	// A panel a person reads, not a console block: a heading that says
	// what happened, a problem an item, what to do on a line of its own.
	panel := `(() => { const o = document.getElementById("pinzhi-error");
		return [o.querySelector("h2").textContent, String(o.querySelectorAll("li").length),
			(o.querySelector("li div") || {}).textContent || "", getComputedStyle(o).fontFamily].join("|") })()`
	if got, err := chromedp.Run(ctx, chromedp.Evaluate[string](panel)); err != nil || !strings.HasPrefix(got, "网站有 1 处错误") ||
		!strings.Contains(got, "|1|→ fix the YAML") || strings.Contains(strings.Split(got, "|")[3], "monospace") {
		t.Errorf("the overlay is not a readable panel: %q %v", got, err)
	}
	browsertest.Screenshot(t, ctx, "overlay")

	os.WriteFile(file, original, 0o644)
	if err := browsertest.WaitFor(ctx, `!document.getElementById("pinzhi-error") && document.body.innerText.includes("三大品牌")`); err != nil {
		t.Fatalf("the page did not come back after the fix: %v", err)
	}
	if h1, err := chromedp.Run(ctx, chromedp.Text("h1")); err != nil || h1 != "后大街社区" {
		t.Fatalf("h1 after the fix %q: %v", h1, err)
	}

	// A stylesheet edit swaps the stylesheet in place: the page is not
	// reloaded, so a value set in it survives.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.notReloaded = true`)); err != nil {
		t.Fatal(err)
	}
	css := filepath.Join(dir, "assets/site.css")
	style, _ := os.ReadFile(css)
	os.WriteFile(css, append(style, []byte("\nh1 { color: rgb(0, 80, 179); }\n")...), 0o644)
	if err := browsertest.WaitFor(ctx, `getComputedStyle(document.querySelector("h1")).color === "rgb(0, 80, 179)" && window.notReloaded === true`); err != nil {
		t.Fatalf("the stylesheet was not swapped without a reload: %v", err)
	}

	// After the server restarts, the page reconnects, sees a new server
	// and reloads; later edits reach it again.
	server.stop(t)
	startServe(t, dir, port)
	if err := browsertest.WaitFor(ctx, `window.notReloaded === undefined`); err != nil {
		t.Fatalf("the page did not reconnect to the restarted server: %v", err)
	}
	os.WriteFile(file, []byte(strings.Replace(string(original), "三大品牌", "三大重启品牌", 1)), 0o644)
	if err := browsertest.WaitFor(ctx, `document.body.innerText.includes("三大重启品牌")`); err != nil {
		t.Fatalf("an edit after the restart did not reach the page: %v", err)
	}
}

// TestBrowserOnTheNetwork serves on every address, as an editor does to
// preview on a phone, opens the address pinzhi printed for the network in
// a phone-sized Chromium, and waits for an edit to reach it.
func TestBrowserOnTheNetwork(t *testing.T) {
	if testing.Short() {
		t.Skip("drives pinzhi serve and Chromium")
	}
	ctx := browsertest.Tab(t, 390, 844)
	dir := copySite(t)
	server := startServe(t, dir, strconv.Itoa(freePort(t)), "--bind", "0.0.0.0")
	var lan string
	deadline := time.Now().Add(5 * time.Second)
	for lan == "" && time.Now().Before(deadline) {
		if _, after, ok := strings.Cut(server.printed(), "on the network (a phone on the same Wi-Fi):\n"); ok {
			lan = strings.TrimSpace(strings.SplitN(after, "\n", 2)[0])
		}
		time.Sleep(20 * time.Millisecond)
	}
	if lan == "" {
		t.Skipf("this machine has no network address besides loopback; printed:\n%s", server.printed())
	}
	if strings.Contains(lan, "127.0.0.1") || strings.Contains(lan, "localhost") {
		t.Fatalf("the network address is loopback: %s", lan)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(lan+"communities/houdajie/")); err != nil {
		t.Fatal(err)
	}
	if h1, err := chromedp.Run(ctx, chromedp.Text("h1")); err != nil || h1 != "后大街社区" {
		t.Fatalf("at %s: h1 %q: %v", lan, h1, err)
	}
	file := filepath.Join(dir, "content/communities/houdajie.md")
	original, _ := os.ReadFile(file)
	os.WriteFile(file, []byte(strings.Replace(string(original), "三大品牌", "三大手机品牌", 1)), 0o644)
	if err := browsertest.WaitFor(ctx, `document.body.innerText.includes("三大手机品牌")`); err != nil {
		t.Fatalf("the page opened at %s did not show the edit: %v", lan, err)
	}
}

// TestBrowserHostileNames names content files with a carriage return
// that spells an event of its own and with a terminal escape sequence,
// while a page is open in Chromium: the page shows the error overlay,
// with the names escaped, and is never reloaded; serve's log carries no
// control character.
func TestBrowserHostileNames(t *testing.T) {
	if testing.Short() {
		t.Skip("drives pinzhi serve and Chromium")
	}
	ctx := browsertest.Tab(t, 390, 844)
	dir := copySite(t)
	server := startServe(t, dir, strconv.Itoa(freePort(t)))
	if err := chromedp.Do(ctx, chromedp.Navigate(server.url+"communities/houdajie/")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.notReloaded = true`)); err != nil {
		t.Fatal(err)
	}
	page := []byte("---\ntitle: 无区社区\n---\n") // no district: an error naming the file
	os.WriteFile(filepath.Join(dir, "content/communities", "x\revent: reload\r\r.md"), page, 0o644)
	if err := browsertest.WaitFor(ctx, `!!document.getElementById("pinzhi-error")`); err != nil {
		t.Fatalf("no error overlay: %v", err)
	}
	time.Sleep(500 * time.Millisecond) // long enough for reloads to show
	overlay, err := chromedp.Run(ctx, chromedp.Text("#pinzhi-error"))
	if err != nil || !strings.Contains(overlay, `content/communities/x\revent: reload\r\r.md`) {
		t.Errorf("the overlay does not show the name escaped: %q %v", overlay, err)
	}
	if still, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.notReloaded === true`)); err != nil || !still {
		t.Errorf("the page was reloaded by a name: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "content/communities", "\x1b]0;pwned\a\x1b[2J.md"), page, 0o644)
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(server.printed(), "pwned") && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	log := server.printed()
	if !strings.Contains(log, `\x1b]0;pwned\a\x1b[2J.md`) || strings.ContainsAny(log, "\x1b\a\r") {
		t.Errorf("serve's log shows the name raw or not at all:\n%q", log)
	}
}
