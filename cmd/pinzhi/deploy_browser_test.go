package main

import (
	"testing"

	"github.com/chromedp/chromedp"

	"pinzhi/generator/browsertest"
)

// browseDeployedSite opens the home page and a search of the site the
// store serves at base, as a reader's browser would, and checks that the
// stylesheet, the photograph and the search index came from the bucket.
func browseDeployedSite(t *testing.T, base string) {
	ctx := browsertest.Tab(t, 390, 844)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"index.html")); err != nil {
		t.Fatal(err)
	}
	styled := `(() => { const l = document.querySelector('link[rel=stylesheet]');
		return !!l && !!l.sheet && l.sheet.cssRules.length > 10 && getComputedStyle(document.body).marginTop !== '8px'; })()`
	if err := browsertest.WaitFor(ctx, styled); err != nil {
		t.Errorf("the stylesheet did not load from the bucket: %v", err)
	}
	pictures := `(() => { const imgs = [...document.images]; return imgs.length > 0 && imgs.every(i => i.complete && i.naturalWidth > 0); })()`
	if err := browsertest.WaitFor(ctx, pictures); err != nil {
		t.Errorf("the photograph did not load from the bucket: %v", err)
	}
	browsertest.Screenshot(t, ctx, "deployed-home")
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"search/index.html?q=%E5%90%8E%E5%A4%A7%E8%A1%97")); err != nil { // 后大街
		t.Fatal(err)
	}
	found := `[...document.querySelectorAll('#search-results li > a')].some(a => a.textContent.includes('后大街社区'))`
	if err := browsertest.WaitFor(ctx, found); err != nil {
		t.Errorf("search found nothing on the deployed site: %v", err)
	}
	browsertest.Screenshot(t, ctx, "deployed-search")
}
