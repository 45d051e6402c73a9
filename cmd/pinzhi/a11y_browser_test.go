package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"pinzhi/generator/browsertest"
)

// axeScript finds axe-core, which CI installs from the npm registry (see
// .ci/run) and names in PINZHI_AXE; without it the test skips, or fails
// where PINZHI_REQUIRE_BROWSER=1 says every browser test must run.
func axeScript(t *testing.T) string {
	path := os.Getenv("PINZHI_AXE")
	data, err := os.ReadFile(path)
	if path == "" || err != nil {
		msg := "axe-core not found: npm install axe-core in a folder outside the repository and set PINZHI_AXE to its axe.min.js"
		if os.Getenv("PINZHI_REQUIRE_BROWSER") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return string(data)
}

// axeRules are the rules every page must pass: WCAG 2.2 A and AA, and
// axe's best practices.
const axeRules = `{runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}}`

// TestAccessibility runs axe-core in Chromium on every page of the
// bundled site, at a phone's width and a desktop's, in light and dark
// mode, with a search's results shown on the search page: no violations.
func TestAccessibility(t *testing.T) {
	if testing.Short() {
		t.Skip("runs axe-core on every page state in Chromium")
	}
	axe := axeScript(t)
	ctx := browsertest.Tab(t, 390, 844)
	dir := copySite(t)
	site := builtUnder(t, dir)
	pages := builtPages(t, dir)
	if len(pages) < 20 {
		t.Fatalf("only %d pages", len(pages))
	}
	pages = append(pages, "search/?q=%E7%A4%BE%E5%8C%BA") // 社区: a page of results
	views := []struct {
		name   string
		width  int64
		scheme string
	}{{"phone", 390, "light"}, {"desktop", 1280, "light"}, {"phone, dark", 390, "dark"}, {"desktop, dark", 1280, "dark"}}
	for _, v := range views {
		view(t, ctx, v.width, v.scheme)
		for _, page := range pages {
			if problems := axeRun(t, ctx, site+page, axe); problems != "" {
				t.Errorf("%s (%s):\n%s", page, v.name, problems)
			}
		}
	}
}

// axeRun opens a page, runs axe-core in it and describes its violations.
func axeRun(t *testing.T, ctx context.Context, url, axe string) string {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(url, "?q=") {
		if err := browsertest.WaitFor(ctx, `!!document.documentElement.dataset.searched`); err != nil {
			t.Fatalf("%s: no results: %v", url, err)
		}
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](axe+";true")); err != nil {
		t.Fatal(err)
	}
	type violation struct {
		ID    string `json:"id"`
		Help  string `json:"help"`
		Nodes []struct {
			Target  []any  `json:"target"`
			Summary string `json:"failureSummary"`
		} `json:"nodes"`
	}
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]violation](`axe.run(document, `+axeRules+`).then(r => r.violations)`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "  %s: %s\n", v.ID, v.Help)
		for _, n := range v.Nodes[:min(3, len(v.Nodes))] {
			target, _ := json.Marshal(n.Target)
			fmt.Fprintf(&b, "    %s %s\n", target, strings.ReplaceAll(n.Summary, "\n", " "))
		}
	}
	return b.String()
}
