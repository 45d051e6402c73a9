package generator

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"

	"pinzhi/generator/internal/markup"
	"pinzhi/generator/internal/source"
)

const brandsFile = "content/brands.md"

// communityMarker ends the community's name in a brand entry.
const communityMarker = "社区"

// decodeBrands reads the brand list: its title from the front matter and
// its entries from the bullet list in the body. Everything in the body
// that is not the list is the lead, rendered with the page.
func decodeBrands(l *source.Loaded, md *markup.Markdown, probs *source.List) *brandList {
	f := l.File
	r := source.NewReader(f.Path, f.BodyLine, l.Fields, probs)
	bl := &brandList{Path: "brands/", file: f}
	bl.Title, _ = r.RequiredText("title", "title: 百佳社区文明创建工作品牌")
	r.WarnUnknown()

	doc := md.Parse(l.Body)
	lines := markup.NewLineIndex(l.Body)
	for _, list := range brandLists(doc) {
		for item := list.FirstChild(); item != nil; item = item.NextSibling() {
			if b := decodeBrandEntry(f, item, l.Body, lines, probs); b != nil {
				b.Anchor = "brand-" + strconv.Itoa(len(bl.entries)+1)
				bl.entries = append(bl.entries, b)
			}
		}
	}
	if len(bl.entries) == 0 {
		probs.Add(f.Path, f.BodyLine, "write one entry a line, each starting with \"- \", e.g. - 学弄社区“地球补丁”环保公益行动", "the brand list has no entries")
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

func decodeBrandEntry(f *source.File, item ast.Node, body []byte, lines markup.LineIndex, probs *source.List) *brand {
	line := f.BodyLine - 1 + lines.At(markup.BlockStart(item))
	var textParts []string
	for block := item.FirstChild(); block != nil; block = block.NextSibling() {
		if block.Kind() == ast.KindList {
			probs.Add(f.Path, f.BodyLine-1+lines.At(markup.BlockStart(block)), "write every entry as an item of one flat list", "the brand list must not have nested lists")
			return nil
		}
		textParts = append(textParts, markup.PlainText(block, body))
	}
	entry := strings.TrimSpace(strings.Join(textParts, ""))
	community, name, ok := splitBrand(entry)
	switch {
	case !ok:
		probs.Add(f.Path, line, "write the community first, e.g. 学弄社区“地球补丁”环保公益行动", "brand entry %q names no community: it has no %s", entry, communityMarker)
		return nil
	case name == "":
		probs.Add(f.Path, line, "write the brand after the community's name", "brand entry %q names a community but no brand", entry)
		return nil
	}
	return &brand{Text: entry, Community: community, Name: name, line: line}
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
