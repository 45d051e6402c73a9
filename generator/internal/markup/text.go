package markup

import (
	"bytes"
	"slices"

	"github.com/yuin/goldmark/ast"
)

// PlainText is a node's text without its Markdown: what a reader sees.
func PlainText(n ast.Node, source []byte) string {
	var b bytes.Buffer
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(source))
			if t.HardLineBreak() {
				b.WriteByte('\n')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.CodeSpan:
			for c := t.FirstChild(); c != nil; c = c.NextSibling() {
				if s, ok := c.(*ast.Text); ok {
					b.Write(s.Segment.Value(source))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// BlockStart returns the byte offset at which a block node's text begins.
func BlockStart(n ast.Node) int {
	for ; n != nil; n = n.FirstChild() {
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
	}
	return 0
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
	return BlockStart(n)
}

// LineIndex finds the line of a byte offset without counting from the
// start each time: a brand list of 50,000 entries asks 50,000 times.
type LineIndex []int // the offsets of the newlines

// NewLineIndex indexes the lines of text.
func NewLineIndex(text []byte) LineIndex {
	var idx LineIndex
	for i, c := range text {
		if c == '\n' {
			idx = append(idx, i)
		}
	}
	return idx
}

// At returns the 1-based line of offset.
func (idx LineIndex) At(offset int) int {
	n, _ := slices.BinarySearch(idx, offset)
	return n + 1
}
