package model

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"

	"pinzhi/generator/internal/markup"
	"pinzhi/generator/internal/source"
)

const BrandsFile = "content/brands.md"

// CommunityMarker ends the community's name in a brand entry.
const CommunityMarker = "社区"

// decodeBrands reads the brand list: its title from the front matter and
// its entries from the bullet list in the body. Everything in the body
// that is not the list is the lead, rendered with the page.
func decodeBrands(l *source.Loaded, md *markup.Markdown, probs *source.List) *BrandList {
	f := l.File
	r := source.NewReader(f.Path, f.BodyLine, l.Fields, probs)
	bl := &BrandList{Path: "brands/", File: f}
	bl.Title, _ = r.RequiredText("title", source.M("the list's title"))
	r.WarnUnknown()

	doc := md.Parse(l.Body)
	lines := markup.NewLineIndex(l.Body)
	for _, list := range brandLists(doc) {
		for item := list.FirstChild(); item != nil; item = item.NextSibling() {
			if b := decodeBrandEntry(f, item, l.Body, lines, probs); b != nil {
				b.Anchor = "brand-" + strconv.Itoa(len(bl.Entries)+1)
				bl.Entries = append(bl.Entries, b)
			}
		}
	}
	if len(bl.Entries) == 0 {
		probs.Add(f.Path, f.BodyLine, "write one entry a line, each starting with \"- \": the community's name, then its brand", "the brand list has no entries")
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

func decodeBrandEntry(f *source.File, item ast.Node, body []byte, lines markup.LineIndex, probs *source.List) *Brand {
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
	Community, name, ok := splitBrand(entry)
	switch {
	case !ok:
		probs.Add(f.Path, line, "write the community's name, ending in "+CommunityMarker+", before the brand: …"+CommunityMarker+entry, "brand entry %q names no community: it has no %s", entry, CommunityMarker)
		return nil
	case name == "":
		probs.Add(f.Path, line, "write the brand after the community's name", "brand entry %q names a community but no brand", entry)
		return nil
	}
	return &Brand{Text: entry, Community: Community, Name: name, Line: line}
}

// splitBrand splits a brand entry after its first 社区: the community's
// name, then the brand. ok is false when the entry has no 社区 with a name
// before it.
func splitBrand(entry string) (Community, Brand string, ok bool) {
	i := strings.Index(entry, CommunityMarker)
	if i <= 0 {
		return "", "", false
	}
	end := i + len(CommunityMarker)
	return entry[:end], strings.TrimSpace(entry[end:]), true
}

// DropLists takes the lists out of the brand list's body: the lead is what
// remains.
func DropLists(doc ast.Node) {
	for _, l := range brandLists(doc) {
		doc.RemoveChild(doc, l)
	}
}
