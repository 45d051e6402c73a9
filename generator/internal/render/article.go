package render

import (
	"bytes"

	"pinzhi/generator/internal/markup"
	"pinzhi/generator/internal/source"
)

// An articleFunc returns the HTML of a content file's body, for a page
// other than its own (the feed).
type articleFunc func(*source.File) (string, error)

// maxFeedArticle bounds the Markdown of an article the feed carries: the
// feed is one file of 50 entries, rendered by one worker within the
// render bound, and a feed reader wants an article, not a book.
const maxFeedArticle = 64 << 10

// articleHTML converts a body as its page does, links and pictures
// included, without reporting its problems again: its page reports them.
// A body over maxFeedArticle gives "".
func (w *worker) articleHTML(f *source.File) (string, error) {
	body, err := f.ReadBody(w.FS)
	if err != nil || len(body) > maxFeedArticle {
		return "", err
	}
	var out bytes.Buffer
	links := func(dest string, _ int) string {
		if DeadScheme(dest) {
			return ""
		}
		link, _, _ := w.Links.Rewrite(dest)
		return link
	}
	if err := w.Markdown.Convert(body, &out, markup.Conversion{Links: links}); err != nil {
		return "", &source.Problem{Path: f.Path, Message: "cannot be converted: " + err.Error(), Hint: "simplify the Markdown"}
	}
	return out.String(), nil
}
