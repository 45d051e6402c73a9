package asset

import (
	"io"
	"regexp"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// NewMinifier returns the minifier every written file goes through. It is
// configured once and then only read, which makes it safe to share between
// workers.
func NewMinifier() *minify.M {
	m := minify.New()
	// The document tags stay so that a page keeps its lang attribute and the
	// dev server finds </body> to put its reload script before.
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true})
	m.Add("text/css", &styleCache{})
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	m.AddFunc("text/plain", func(_ *minify.M, w io.Writer, r io.Reader, _ map[string]string) error {
		_, err := io.Copy(w, r)
		return err
	})
	return m
}
