package search

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"pinzhi/generator/browsertest"
)

// scriptTab opens a page with search.js alone in Chromium.
func scriptTab(t *testing.T) context.Context {
	ctx := browsertest.Tab(t, 800, 600)
	page := `<!doctype html><meta charset=utf-8><form data-search-index="index.json"><input name=q></form><script src="search.js"></script>`
	server := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/search.js" {
			w.Header().Set("Content-Type", "text/javascript")
			w.Write(Script)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page))
	}))
	t.Cleanup(server.Close)
	if err := chromedp.Do(ctx, chromedp.Navigate(server.URL)); err != nil {
		t.Fatal(err)
	}
	if err := browsertest.WaitFor(ctx, `!!window.pinzhiSearch`); err != nil {
		t.Fatal(err)
	}
	return ctx
}

// TestScriptFoldsAsGo loads search.js in Chromium and compares its fold
// and isSeparator with Fold and IsSeparator on every character of the
// Basic Multilingual Plane but the surrogates: a query folded differently
// from the index would miss pages that show it.
func TestScriptFoldsAsGo(t *testing.T) {
	ctx := scriptTab(t)
	// The whole of OpenCC's table, of which a manifest carries a part.
	table, _ := json.Marshal(Traditional())
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](`window.pinzhiSearch.useTraditional(`+string(table)+`)`)); err != nil {
		t.Fatal(err)
	}
	// The script answers for every character at once: code points of the
	// characters whose fold or separator-ness it sees differently.
	type answer struct {
		Fold      []int `json:"fold"`
		Separator []int `json:"separator"`
		Ignorable []int `json:"ignorable"`
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[answer](`(() => {
		const {fold, isSeparator, isIgnorable} = window.pinzhiSearch;
		const out = {fold: [], separator: [], ignorable: []};
		for (let c = 0; c < 0x10000; c++) {
			if (c >= 0xd800 && c <= 0xdfff) continue;
			const ch = String.fromCodePoint(c);
			out.fold.push(fold(ch).codePointAt(0));
			if (isSeparator(ch)) out.separator.push(c);
			if (isIgnorable(ch)) out.ignorable.push(c);
		}
		return out;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	var folds, seps []string
	i := 0
	for r := rune(0); r < 1<<16; r++ {
		if r >= 0xd800 && r <= 0xdfff {
			continue
		}
		if i < len(got.Fold) && rune(got.Fold[i]) != Fold(r) {
			folds = append(folds, string(r)+"→"+string(rune(got.Fold[i]))+" (Go: "+string(Fold(r))+")")
		}
		i++
	}
	if i != len(got.Fold) {
		t.Fatalf("the script folded %d characters, want %d", len(got.Fold), i)
	}
	inScript := map[rune]bool{}
	for _, c := range got.Separator {
		inScript[rune(c)] = true
	}
	for r := rune(0); r < 1<<16; r++ {
		if (r < 0xd800 || r > 0xdfff) && inScript[r] != IsSeparator(r) {
			seps = append(seps, string(r))
		}
	}
	ignorableInScript := map[rune]bool{}
	for _, c := range got.Ignorable {
		ignorableInScript[rune(c)] = true
	}
	var ignorables []string
	for r := rune(0); r < 1<<16; r++ {
		if (r < 0xd800 || r > 0xdfff) && ignorableInScript[r] != Ignorable(r) {
			ignorables = append(ignorables, string(r))
		}
	}
	if len(ignorables) > 0 || len(got.Ignorable) < 500 {
		t.Errorf("search.js sees %d characters as ignorable; it and fold.go disagree on %q", len(got.Ignorable), ignorables)
	}
	if len(folds) > 0 || len(seps) > 0 {
		t.Errorf("search.js and fold.go disagree on %d folds: %s\nand %d separators: %q",
			len(folds), strings.Join(folds[:min(len(folds), 40)], " "), len(seps), seps)
	}
	// foldText folds a text at once as fold folds each character.
	same, err := chromedp.Run(ctx, chromedp.Evaluate[[]bool](`(() => {
		const {fold, foldText} = window.pinzhiSearch;
		let all = "";
		for (let c = 0; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) all += String.fromCodePoint(c);
		const easy = all.replace(/[\u0130\u03a3]/g, "");
		const words = "ΣΑΣ ΟΔΥΣΣΕΥΣ İstanbul ＬＯＧＯ 後大街";
		return [all, easy, words].map((s) => foldText(s) === Array.from(s, fold).join(""));
	})()`))
	if err != nil || slices.Contains(same, false) {
		t.Errorf("foldText differs from fold on each character: %v %v", same, err)
	}
	if len(got.Separator) < 20 {
		t.Errorf("the script sees only %d separators", len(got.Separator))
	}
}
