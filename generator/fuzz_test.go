package generator

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"pinzhi/generator/internal/markup"
	"pinzhi/generator/internal/model"
	"pinzhi/generator/internal/render"
)

// FuzzLoadSource loads arbitrary bytes as a community file and decodes it.
// Whatever the bytes, loading must not panic, a problem must name the file
// and a line inside it, and a loaded file's body must start inside it.
// Seeds: testdata/fuzz/FuzzLoadSource.
func FuzzLoadSource(f *testing.F) {
	for _, seed := range []string{
		communityFile("quote: 一句话\n") + "正文\n",
		"+++\ntitle = \"a\"\n+++\n", ";;;\n{\"title\": 1}\n;;;\n", "{\n\"a\": [1, 2]\n}\n\nbody",
		"---\ntitle: [\n---\n", "\uFEFF---\r\ntitle: a\r\n---\r\n", "---\n", "", "\x00", "---\nleader: &a {name: *a}\n---\n",
	} {
		f.Add([]byte(seed))
	}
	const name = "content/communities/fuzz.md"
	md := markup.New(markup.Options{})
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{name: &fstest.MapFile{Data: data}}
		sf := model.LoadFile(fsys, name, md, markup.DefaultLimits(), nil)
		// CRLF, CR and LF each end a line (see source.ReadText).
		lines := strings.Count(strings.ReplaceAll(strings.ReplaceAll(string(data), "\r\n", "\n"), "\r", "\n"), "\n") + 1
		for _, p := range sf.Problems {
			if p.Path != name || p.Line < 0 || p.Line > lines || p.Message == "" {
				t.Fatalf("bad problem %+v for %q", p, data)
			}
		}
		if sf.File == nil {
			if len(sf.Problems) == 0 {
				t.Fatal("no source and no problem")
			}
			return
		}
		if sf.File.BodyLine < 1 || sf.File.BodyLine > lines+1 {
			t.Fatalf("body starts on line %d of %d", sf.File.BodyLine, lines)
		}
		if c := sf.Community; c == nil || !utf8.ValidString(c.Title) {
			t.Fatalf("decoded %+v", c)
		}
		body, err := sf.File.Body(fsys)
		if err != nil || len(body) > len(data) {
			t.Fatalf("body of %q: %v", data, err)
		}
	})
}

// FuzzMarkdown converts any body that is within the default limits, as a
// render worker does: it must end well within the limit on render time,
// whatever the body. Bodies over the limits are what the limits are for.
// Seeds: testdata/fuzz/FuzzMarkdown, small cousins of the bodies that
// cost goldmark more than linear time.
func FuzzMarkdown(f *testing.F) {
	for _, seed := range []string{
		"# 标题\n\n正文**加粗**。\n", strings.Repeat(">", 40) + " x", strings.Repeat("- ", 40) + "x",
		"| a | b |\n|---|---|\n|1|\n", strings.Repeat("[a](", 100), "`` ` ``` `", "[r]: /u\n\n[r]",
		strings.Repeat("  ", 20) + "- x\n", "```\n>>>\n", "<div>\n*a*\n</div>", "***\n- - -\n___",
	} {
		f.Add([]byte(seed))
	}
	limits := markup.DefaultLimits()
	md := markup.New(markup.Options{})
	f.Fuzz(func(t *testing.T, body []byte) {
		if !utf8.Valid(body) || len(markup.Scan(body).Check(limits)) > 0 {
			return // a body is UTF-8 (source.ReadText refuses others) within the limits
		}
		done := make(chan error, 1)
		go func() {
			var b render.LimitedBuffer
			b.Max = limits.PageBytes
			done <- md.Convert(body, &b, markup.Conversion{Links: func(dest string, _ int) string { return dest }})
		}()
		select {
		case err := <-done:
			if err != nil && !errors.Is(err, render.ErrTooLarge) {
				t.Fatalf("%q: %v", body, err)
			}
		case <-time.After(limits.RenderTime):
			t.Fatalf("converting %d bytes took longer than %v: %q", len(body), limits.RenderTime, body[:min(len(body), 200)])
		}
	})
}
