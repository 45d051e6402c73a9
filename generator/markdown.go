package generator

import (
	"io"
	"net/url"
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

// markdown converts page bodies to HTML. One value serves a whole build
// and all its workers: goldmark is safe for concurrent use once built.
type markdown struct {
	md goldmark.Markdown
}

// linkProblemsKey holds, in a conversion's parser context, what the link
// rewriter found wrong.
var linkProblemsKey = parser.NewContextKey()

func newMarkdown(rawHTML bool, links *linkRewriter) *markdown {
	var rendererOptions []gmrenderer.Option
	if rawHTML {
		rendererOptions = append(rendererOptions, html.WithUnsafe())
	}
	parserOptions := []parser.Option{parser.WithAutoHeadingID()}
	if links != nil {
		parserOptions = append(parserOptions, parser.WithASTTransformers(util.Prioritized(links, 100)))
	}
	return &markdown{md: goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.CJK),
		goldmark.WithParserOptions(parserOptions...),
		goldmark.WithRendererOptions(rendererOptions...),
	)}
}

// convert writes the HTML of a Markdown body to w and returns what was
// wrong with its links, as lines of the body (1 is the body's first line).
// transform, when not nil, may change the document before it is rendered.
func (m *markdown) convert(body []byte, w io.Writer, transform func(ast.Node)) ([]linkProblem, error) {
	ctx := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	doc := m.md.Parser().Parse(text.NewReader(body), parser.WithContext(ctx))
	if transform != nil {
		transform(doc)
	}
	if err := m.md.Renderer().Render(w, body, doc); err != nil {
		return nil, err
	}
	found, _ := ctx.Get(linkProblemsKey).([]linkProblem)
	return found, nil
}

// parser returns the Markdown parser, for reading a document's structure.
func (m *markdown) parser() parser.Parser { return m.md.Parser() }

type linkProblem struct {
	line    int // in the body
	message string
	hint    string
	warning bool
}

// linkRewriter makes links written from the site root ("/communities/a/",
// "/assets/photo.jpg") work wherever the site is served: it joins them to
// the base path and gives assets their hashed names. It also reports links
// to assets and pages that do not exist.
type linkRewriter struct {
	urls   urlScheme
	assets map[string]string // "assets/photo.jpg" -> "assets/photo.1a2b3c4d5e.jpg"
	pages  map[string]bool   // every site-relative path the build writes
}

// Transform implements parser.ASTTransformer.
func (l *linkRewriter) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	source := reader.Source()
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
		rewritten, problem := l.rewrite(string(*dest))
		*dest = []byte(rewritten)
		if problem != nil {
			problem.line = lineAt(source, inlineStart(n, source))
			found, _ := pc.Get(linkProblemsKey).([]linkProblem)
			pc.Set(linkProblemsKey, append(found, *problem))
		}
		return ast.WalkContinue, nil
	})
}

// inlineStart returns where an inline node's text begins in the source:
// that of its first text, or else that of the block holding it.
func inlineStart(n ast.Node, source []byte) int {
	start := -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			start = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if start >= 0 {
		return start
	}
	for n != nil && n.Type() != ast.TypeBlock {
		n = n.Parent()
	}
	return blockStart(n, source)
}

// rewrite returns the link a page carries for dest, as written in Markdown.
func (l *linkRewriter) rewrite(dest string) (string, *linkProblem) {
	if !strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, "//") {
		return dest, nil // relative, or another site
	}
	p, suffix := dest, ""
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		p, suffix = dest[:i], dest[i:]
	}
	p = strings.TrimPrefix(p, "/")
	if unescaped, err := url.PathUnescape(p); err == nil {
		p = unescaped
	}
	if hashed, ok := l.assets[p]; ok {
		return l.urls.rel(hashed) + suffix, nil
	}
	if strings.HasPrefix(p, "assets/") {
		return l.urls.rel(p) + suffix, &linkProblem{message: "link to /" + p + ", which is not in assets/", hint: "check the file name, or add the file to assets/"}
	}
	if l.pages != nil && !l.pages[p] && !l.pages[p+"/"] {
		return l.urls.rel(p) + suffix, &linkProblem{message: "link to /" + p + " leads to no page", hint: "check the address; pages end with /, e.g. /communities/houdajie/", warning: true}
	}
	return l.urls.rel(p) + suffix, nil
}
