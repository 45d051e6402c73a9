package generator

import (
	"bytes"
	"slices"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

const brandsFile = "content/brands.md"

// communityMarker ends the community's name in a brand entry.
const communityMarker = "社区"

// decodeBrands reads the brand list: its title from the front matter and
// its entries from the bullet list in the body. Everything in the body
// that is not the list is the lead, rendered with the page.
func decodeBrands(src *Source, body []byte, md parser.Parser, probs *problemList) *BrandList {
	r := newFieldReader(src.Path, src.BodyLine, src.front.fields, probs)
	bl := &BrandList{Path: "brands/", source: src}
	bl.Title, _ = r.requiredText("title", "title: 百佳社区文明创建工作品牌")
	r.warnUnknown()

	doc := md.Parse(text.NewReader(body))
	lines := newLineIndex(body)
	for _, list := range brandLists(doc) {
		for item := list.FirstChild(); item != nil; item = item.NextSibling() {
			if b := decodeBrandEntry(src, item, body, lines, probs); b != nil {
				b.Anchor = "brand-" + strconv.Itoa(len(bl.Entries)+1)
				bl.Entries = append(bl.Entries, b)
			}
		}
	}
	if len(bl.Entries) == 0 {
		probs.add(src.Path, src.BodyLine, "write one entry a line, each starting with \"- \", e.g. - 学弄社区“地球补丁”环保公益行动", "the brand list has no entries")
	}
	return bl
}

// brandLists returns the top-level lists of the brand list's body.
func brandLists(doc ast.Node) []ast.Node {
	var lists []ast.Node
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if n.Kind() == ast.KindList {
			lists = append(lists, n)
		}
	}
	return lists
}

func decodeBrandEntry(src *Source, item ast.Node, body []byte, lines lineIndex, probs *problemList) *Brand {
	line := src.BodyLine - 1 + lines.at(blockStart(item, body))
	var textParts []string
	for block := item.FirstChild(); block != nil; block = block.NextSibling() {
		if block.Kind() == ast.KindList {
			probs.add(src.Path, src.BodyLine-1+lines.at(blockStart(block, body)), "write every entry as an item of one flat list", "the brand list must not have nested lists")
			return nil
		}
		textParts = append(textParts, plainText(block, body))
	}
	entry := strings.TrimSpace(strings.Join(textParts, ""))
	community, name, ok := splitBrand(entry)
	switch {
	case !ok:
		probs.add(src.Path, line, "write the community first, e.g. 学弄社区“地球补丁”环保公益行动", "brand entry %q names no community: it has no %s", entry, communityMarker)
		return nil
	case name == "":
		probs.add(src.Path, line, "write the brand after the community's name", "brand entry %q names a community but no brand", entry)
		return nil
	}
	return &Brand{Text: entry, Community: community, Name: name, line: line}
}

// lineIndex finds the line of a byte offset without counting from the
// start each time: a brand list of 50,000 entries asks 50,000 times.
type lineIndex []int // the offsets of the newlines

func newLineIndex(text []byte) lineIndex {
	var idx lineIndex
	for i, c := range text {
		if c == '\n' {
			idx = append(idx, i)
		}
	}
	return idx
}

// at returns the 1-based line of offset.
func (idx lineIndex) at(offset int) int {
	n, _ := slices.BinarySearch(idx, offset)
	return n + 1
}

// splitBrand splits a brand entry after its first 社区: the community's
// name, then the brand. ok is false when the entry has no 社区 with a name
// before it.
func splitBrand(entry string) (community, brand string, ok bool) {
	i := strings.Index(entry, communityMarker)
	if i <= 0 {
		return "", "", false
	}
	end := i + len(communityMarker)
	return entry[:end], strings.TrimSpace(entry[end:]), true
}

// dropLists takes the lists out of the brand list's body: the lead is what
// remains.
func dropLists(doc ast.Node) {
	for _, l := range brandLists(doc) {
		doc.RemoveChild(doc, l)
	}
}

// blockStart returns the byte offset at which a block node's text begins.
func blockStart(n ast.Node, body []byte) int {
	for ; n != nil; n = n.FirstChild() {
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
	}
	return 0
}

// plainText is a node's text without its Markdown: what a reader sees.
func plainText(n ast.Node, source []byte) string {
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
