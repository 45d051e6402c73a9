// Package markup turns page bodies written in Markdown into HTML: goldmark
// with GitHub's extensions and CJK line breaks, heading ids that keep
// Chinese, links rewritten by the caller, and bounds on what one body may
// cost.
package markup

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	gmrenderer "github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options configure a Markdown converter.
type Options struct {
	RawHTML bool // let raw HTML through; it is left out otherwise
	// Picture, when not nil, returns the HTML that shows the image whose
	// link (as rewritten) and alt text are given, or false to leave it an
	// <img>: a photograph is offered in several sizes.
	Picture func(link, alt string) (string, bool)
}

// Markdown converts page bodies to HTML. One value serves a whole build
// and all its workers: goldmark is safe for concurrent use once built,
// and everything that differs between conversions travels in the
// parser's context.
type Markdown struct {
	md goldmark.Markdown
}

// New returns a converter.
func New(opts Options) *Markdown {
	var rendererOptions []gmrenderer.Option
	if opts.RawHTML {
		rendererOptions = append(rendererOptions, html.WithUnsafe())
	}
	return &Markdown{md: goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.CJK, CJKEmphasis),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(linkTransformer{opts.Picture}, 100)),
		),
		goldmark.WithRendererOptions(append(rendererOptions,
			gmrenderer.WithNodeRenderers(util.Prioritized(pictureRenderer{}, 100)))...),
	)}
}

// A LinkFunc returns what a link or image written as dest becomes. line
// is the line of the body it is written on (1 is the body's first).
type LinkFunc func(dest string, line int) string

// A Conversion is what one body's conversion needs besides its text.
type Conversion struct {
	Links LinkFunc // nil leaves links as written
	// Transform, when not nil, may change the document before it is
	// rendered: the brand list takes its entries out of its lead.
	Transform func(doc ast.Node)
	// Unparsed, when not nil, is told the line of every ** or __ that is
	// left as text outside code: the sign of emphasis that did not parse.
	Unparsed func(line int)
	// NoAlt, when not nil, is told every image without alt text: ![](x.jpg).
	NoAlt func(dest string, line int)
}

var linksKey = parser.NewContextKey()

// Convert writes the HTML of a Markdown body to w. goldmark panics on
// some input (bytes that are not UTF-8, for one): that is an error here,
// not the end of the build, or of the dev server.
func (m *Markdown) Convert(body []byte, w io.Writer, c Conversion) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("goldmark failed on this text: %v", p)
		}
	}()
	ctx := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	if c.Links != nil {
		ctx.Set(linksKey, c.Links)
	}
	doc := m.md.Parser().Parse(text.NewReader(body), parser.WithContext(ctx))
	if c.Transform != nil {
		c.Transform(doc)
	}
	if c.NoAlt != nil {
		findNoAlt(doc, body, c.NoAlt)
	}
	if c.Unparsed != nil && (bytes.Contains(body, []byte("**")) || bytes.Contains(body, []byte("__"))) {
		findUnparsed(doc, body, c.Unparsed)
	}
	return m.md.Renderer().Render(w, body, doc)
}

// findUnparsed tells found the line of each text node outside code that
// holds ** or __.
func findUnparsed(doc ast.Node, source []byte, found func(line int)) {
	var lines LineIndex
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if v := n.Segment.Value(source); entering && (bytes.Contains(v, []byte("**")) || bytes.Contains(v, []byte("__"))) {
				if lines == nil {
					lines = NewLineIndex(source)
				}
				found(lines.At(n.Segment.Start))
			}
		}
		return ast.WalkContinue, nil
	})
}

// findNoAlt tells found the destination and line of each image whose
// description is empty or blank. The parser has rewritten destinations
// by then: dest is what the page carries.
func findNoAlt(doc ast.Node, source []byte, found func(dest string, line int)) {
	var lines LineIndex
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		img, ok := n.(*ast.Image)
		if p, isPicture := n.(*pictureNode); isPicture {
			img, ok = p.img, true
		}
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		if strings.TrimSpace(PlainText(img, source)) == "" {
			if lines == nil {
				lines = NewLineIndex(source)
			}
			found(string(img.Destination), lines.At(inlineStart(img, source)))
		}
		return ast.WalkSkipChildren, nil
	})
}

// Parse returns a body's syntax tree, for reading its structure.
func (m *Markdown) Parse(body []byte) ast.Node {
	return m.md.Parser().Parse(text.NewReader(body))
}

// linkTransformer hands every link and image destination to the
// conversion's LinkFunc, and replaces images that picture shows.
type linkTransformer struct {
	picture func(link, alt string) (string, bool)
}

// Transform implements parser.ASTTransformer.
func (t linkTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	links, _ := pc.Get(linksKey).(LinkFunc)
	if links == nil {
		return
	}
	var pictures []*ast.Image
	source := reader.Source()
	lines := NewLineIndex(source)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest *[]byte
		switch link := n.(type) {
		case *ast.Link:
			dest = &link.Destination
		case *ast.Image:
			dest = &link.Destination
		default:
			return ast.WalkContinue, nil
		}
		*dest = []byte(links(string(*dest), lines.At(inlineStart(n, source))))
		if img, ok := n.(*ast.Image); ok && t.picture != nil {
			pictures = append(pictures, img)
		}
		return ast.WalkContinue, nil
	})
	for _, img := range pictures {
		if html, ok := t.picture(string(img.Destination), PlainText(img, source)); ok {
			img.Parent().ReplaceChild(img.Parent(), img, &pictureNode{html: html, img: img})
		}
	}
}
