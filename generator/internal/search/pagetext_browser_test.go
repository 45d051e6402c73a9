package search

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// textPieces are the texts of random pages: Chinese, Latin, digits,
// entities and every kind of separator.
var textPieces = []string{"社区", "“居民众筹自治”工程", "LOGO", "3579", "，", "。", "a&amp;b", "&lt;", "&#20013;", "&nbsp;", "&unknown;",
	" ", "  ", "\n", "\u00a0", "\u3000", "\u2028", "\t"}

// randomPage writes a well-formed page of random elements, some marked
// for search, as layouts and goldmark write them: no block inside a
// paragraph, list items in lists.
func randomPage(r *rand.Rand, b *strings.Builder, depth int, inline bool) {
	for range 1 + r.IntN(4) {
		switch k := r.IntN(12); {
		case k < 4 || depth > 4:
			b.WriteString(textPieces[r.IntN(len(textPieces))])
		case k == 4:
			b.WriteString(`<img src="a.jpg" alt="图` + textPieces[r.IntN(len(textPieces))] + `">`)
		case k == 5:
			b.WriteString("<br>")
		case k == 6 || inline:
			tag := []string{"strong", "a", "span", "em"}[r.IntN(4)]
			b.WriteString("<" + tag + ">")
			randomPage(r, b, depth+1, true)
			b.WriteString("</" + tag + ">")
		case k == 7:
			b.WriteString("<ul><li>")
			randomPage(r, b, depth+1, false)
			b.WriteString("<li>")
			randomPage(r, b, depth+1, false)
			b.WriteString("</ul>")
		case k == 8:
			b.WriteString("<script>var a = '<div data-search>不</div>';</script><style>p::before{content:'不'}</style>")
		default:
			tag := []string{"div", "section", "p", "h2", "blockquote", "article"}[r.IntN(6)]
			attr := ""
			if tag != "p" && tag != "h2" && r.IntN(2) == 0 {
				attr = " data-search"
			}
			b.WriteString("<" + tag + attr + ">")
			randomPage(r, b, depth+1, tag == "p" || tag == "h2")
			b.WriteString("</" + tag + ">")
		}
	}
}

// TestScriptReadsPagesAsGo compares what search.js reads of a page with
// PageText on random pages: a page the index holds a word of that the
// script does not see would be dropped from the results.
func TestScriptReadsPagesAsGo(t *testing.T) {
	ctx := scriptTab(t)
	r := rand.New(rand.NewPCG(9, 10))
	pages := make([]string, 2000)
	marked := 0
	for i := range pages {
		var b strings.Builder
		b.WriteString("<!doctype html><title>不</title><main>")
		randomPage(r, &b, 0, false)
		b.WriteString("</main>")
		pages[i] = b.String()
		if PageText([]byte(pages[i])) != "" {
			marked++
		}
	}
	arg, _ := json.Marshal(pages)
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(`+string(arg)+`).map(window.pinzhiSearch.pageText)`))
	if err != nil {
		t.Fatal(err)
	}
	for i, page := range pages {
		if want := PageText([]byte(page)); got[i] != want {
			t.Fatalf("page %q\nsearch.js reads %q\nPageText reads %q", page, got[i], want)
		}
	}
	if marked < len(pages)/4 {
		t.Errorf("only %d of %d random pages have text to read", marked, len(pages))
	}
}
