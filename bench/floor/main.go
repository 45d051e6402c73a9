// Command floor measures what the hardware allows for a build: it converts
// every community page of a corpus with goldmark, minifies the HTML with
// tdewolff/minify and writes it to OUT/<slug>/index.html, on all cores,
// and does nothing else (no front matter, no templates, no model). The
// README's performance section compares pinzhi build with it.
//
//	go run ./bench/floor CORPUS OUT
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/html"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: floor CORPUS OUT")
		os.Exit(2)
	}
	start := time.Now()
	files, err := filepath.Glob(filepath.Join(os.Args[1], "content/communities/*.md"))
	if err != nil || len(files) == 0 {
		fmt.Fprintln(os.Stderr, "floor: no pages under", os.Args[1])
		os.Exit(1)
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.CJK))
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true})
	jobs := make(chan string)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var page, small bytes.Buffer
			for f := range jobs {
				if err := convert(md, m, f, os.Args[2], &page, &small); err != nil {
					fmt.Fprintln(os.Stderr, err)
					os.Exit(1)
				}
			}
		})
	}
	for _, f := range files {
		jobs <- f
	}
	close(jobs)
	wg.Wait()
	fmt.Printf("%d pages in %d ms\n", len(files), time.Since(start).Milliseconds())
}

func convert(md goldmark.Markdown, m *minify.M, file, out string, page, small *bytes.Buffer) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	page.Reset()
	page.WriteString("<!doctype html><html lang=zh-CN><body>")
	if err := md.Convert(data, page); err != nil {
		return err
	}
	page.WriteString("</body></html>")
	small.Reset()
	if err := m.Minify("text/html", small, page); err != nil {
		return err
	}
	dir := filepath.Join(out, strings.TrimSuffix(filepath.Base(file), ".md"))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "index.html"), small.Bytes(), 0o644)
}
