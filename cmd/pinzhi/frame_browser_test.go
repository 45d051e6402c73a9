package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"pinzhi/generator/browsertest"
)

// TestPageFrame measures the masthead and the footer of every page of
// the bundled site at a phone's width and a desktop's: each spans the
// window, whatever the page's type. A rule written for a page's article
// once matched the class its <body> carries too, and shrank the frame of
// community and plain pages to 640 px on a desktop, which no other test
// saw.
func TestPageFrame(t *testing.T) {
	if testing.Short() {
		t.Skip("measures every page in Chromium")
	}
	ctx := browsertest.Tab(t, 390, 844)
	dir := copySite(t)
	// The bundled site has no plain page: one is added.
	if err := os.WriteFile(filepath.Join(dir, "content", "about.md"), []byte("---\ntitle: 关于本专题\n---\n本专题由宁波日报社制作。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	site := builtUnder(t, dir)
	var pages []string
	filepath.WalkDir(filepath.Join(dir, "public"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(filepath.Join(dir, "public"), p)
			pages = append(pages, strings.TrimSuffix(filepath.ToSlash(rel), "index.html"))
		}
		return nil
	})
	kinds := map[string]bool{}
	type frame struct {
		Kind                     string
		Window, Masthead, Footer float64
	}
	const measure = `(() => {
		const width = (sel) => document.querySelector(sel).getBoundingClientRect().width;
		return { kind: document.body.className, window: document.documentElement.clientWidth, masthead: width(".masthead"), footer: width(".colophon") };
	})()`
	for _, width := range []int64{390, 1280} {
		metrics := emulation.SetDeviceMetricsOverrideParams{Width: width, Height: 844, DeviceScaleFactor: 1, Mobile: width < 600}
		if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, metrics); err != nil {
			t.Fatal(err)
		}
		for _, page := range pages {
			if err := chromedp.Do(ctx, chromedp.Navigate(site+page)); err != nil {
				t.Fatal(err)
			}
			f, err := chromedp.Run(ctx, chromedp.Evaluate[frame](measure))
			if err != nil {
				t.Fatalf("%s: %v", page, err)
			}
			kinds[f.Kind] = true
			if f.Masthead < f.Window-1 || f.Footer < f.Window-1 {
				t.Errorf("%s (%s, %d px): masthead %.0f px, footer %.0f px wide in a window of %.0f", page, f.Kind, width, f.Masthead, f.Footer, f.Window)
			}
		}
	}
	for _, k := range []string{"home", "community", "district", "districts", "brands", "page", "search", "404"} {
		if !kinds[k] {
			t.Errorf("no page of kind %s was measured", k)
		}
	}
}

// TestPlaceholderContrast reads the search boxes' placeholder text in
// light and dark mode: it is text a reader must read, so it needs the
// contrast of text, 4.5:1 (the browser's own grey on a dark field was
// about 2.4:1).
func TestPlaceholderContrast(t *testing.T) {
	if testing.Short() {
		t.Skip("reads colours in Chromium")
	}
	ctx := browsertest.Tab(t, 390, 844)
	site := builtUnder(t, copySite(t))
	const ratio = `(() => {
		const rgb = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number);
		const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
			.reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
		const input = document.querySelector(".site-search input");
		const fg = lum(rgb(getComputedStyle(input, "::placeholder").color)), bg = lum(rgb(getComputedStyle(input).backgroundColor));
		return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
	})()`
	for _, scheme := range []string{"light", "dark"} {
		media := emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, media); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(site)); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[float64](ratio))
		if err != nil || got < 4.5 {
			t.Errorf("%s: the placeholder's contrast is %.1f:1 (%v), want at least 4.5:1", scheme, got, err)
		}
	}
}
