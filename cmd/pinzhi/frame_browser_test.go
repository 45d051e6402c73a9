package main

import (
	"os"
	"path/filepath"
	"testing"

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
	pages := builtPages(t, dir)
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
		view(t, ctx, width, "light")
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
		view(t, ctx, 390, scheme)
		if err := chromedp.Do(ctx, chromedp.Navigate(site)); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[float64](ratio))
		if err != nil || got < 4.5 {
			t.Errorf("%s: the placeholder's contrast is %.1f:1 (%v), want at least 4.5:1", scheme, got, err)
		}
		t.Logf("%s: the placeholder's contrast is %.1f:1", scheme, got)
	}
}

// TestLineLength measures the paragraphs readers read through on a
// desktop, the editor's note and every body: Chinese reads best at 35
// to 40 characters a line, and the note ran to 56.
func TestLineLength(t *testing.T) {
	if testing.Short() {
		t.Skip("measures pages in Chromium")
	}
	ctx := browsertest.Tab(t, 1280, 900)
	site := builtUnder(t, copySite(t))
	const widest = `Math.max(0, ...[...document.querySelectorAll(".editors-note p, .body p, .lead-text p")].map((p) =>
		p.clientWidth / parseFloat(getComputedStyle(p).fontSize)))`
	for _, page := range []string{"", "communities/houdajie/", "brands/"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(site+page)); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[float64](widest))
		switch {
		case err != nil:
			t.Fatalf("%s: %v", page, err)
		case got < 20 || got > 41:
			t.Errorf("/%s: the widest paragraph holds %.0f characters a line, want 35 to 40", page, got)
		}
	}
}

// TestNoLoneCharacter reads every paragraph, heading and list item of
// every page at a phone's width and a desktop's: none ends with one
// character alone on its last line, punctuation aside (榜/单, 主/办 and
// the editor's note's 期/待。 did), which reads as a mistake in Chinese.
func TestNoLoneCharacter(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out every page in Chromium")
	}
	ctx := browsertest.Tab(t, 390, 844)
	dir := copySite(t)
	site := builtUnder(t, dir)
	pages := builtPages(t, dir)
	const lone = `(() => {
		const out = [];
		for (const el of document.querySelectorAll("main p, main h1, main h2, main h3, main li, main figcaption, footer p")) {
			const chars = [];
			const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
			for (let n = walker.nextNode(); n; n = walker.nextNode()) {
				for (let i = 0; i < n.data.length; i++) if (!/\s/.test(n.data[i])) chars.push([n, i]);
			}
			if (chars.length < 4) continue;
			const box = ([n, i]) => { const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1); return r.getClientRects()[0]; };
			// On one line, two characters' boxes overlap in height, whatever
			// their sizes (a count set smaller beside a district's name).
			const last = box(chars[chars.length - 1]);
			if (!last) continue;
			let onLast = 0, k = chars.length - 1;
			for (; k >= 0; k--) {
				const b = box(chars[k]);
				if (!b || !(b.top < last.bottom && last.top < b.bottom)) break;
				const [n, i] = chars[k];
				if (!/[\p{P}\p{S}]/u.test(n.data[i])) onLast++; // punctuation does not keep a character company
			}
			if (k >= 0 && onLast < 2) out.push(el.textContent.trim().slice(-8));
		}
		return out;
	})()`
	checked := 0
	for _, width := range []int64{390, 1280} {
		view(t, ctx, width, "light")
		for _, page := range pages {
			if err := chromedp.Do(ctx, chromedp.Navigate(site+page)); err != nil {
				t.Fatal(err)
			}
			got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](lone))
			if err != nil {
				t.Fatalf("%s: %v", page, err)
			}
			for _, end := range got {
				t.Errorf("/%s at %d px: %q ends with a character alone on its line", page, width, end)
			}
			checked++
		}
	}
	if checked < 40 {
		t.Errorf("only %d page views checked", checked)
	}
}
