package markup

import (
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/text/width"
)

// CJKEmphasis makes * and _ emphasis work next to Chinese punctuation,
// following the CJK-friendly amendment to CommonMark's emphasis rules
// (github.com/tats-u/markdown-cjk-friendly, specification.md; CommonMark
// issue 650). CommonMark decides whether a run of * opens or closes
// emphasis by whether punctuation or a space stands beside it, and counts
// the quotation marks and brackets Chinese puts inside bold text
// (**“同心少年警校”**是品牌) as punctuation: the run is then taken to
// open where it should close, and the page shows mis-nested <strong>
// tags. The amendment lets a run beside a CJK character, or a CJK
// punctuation mark, open and close as a run beside a letter does. Text
// without CJK characters is parsed exactly as CommonMark says.
var CJKEmphasis goldmark.Extender = cjkEmphasis{}

type cjkEmphasis struct{}

// Extend implements goldmark.Extender: the parser runs before goldmark's
// own emphasis parser, which then never sees a * or _.
func (cjkEmphasis) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(cjkEmphasisParser{}, 499)))
}

type cjkEmphasisParser struct{}

func (cjkEmphasisParser) Trigger() []byte { return []byte{'*', '_'} }

// Parse scans a run of * or _ and pushes it as a delimiter, as goldmark's
// emphasis parser does, with the amended flanking rules.
func (cjkEmphasisParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, segment := block.PeekLine()
	c := line[0]
	n := 0
	for n < len(line) && line[n] == c {
		n++
	}
	before := precedingRunes(block.Source(), segment.Start)
	after := ' ' // the end of the line counts as whitespace
	if n < len(line) {
		after, _ = utf8.DecodeRune(line[n:])
	}
	left, right := flanking(before, after)
	canOpen, canClose := left, right
	if c == '_' {
		canOpen = left && (!right || before.punctuationSequence())
		canClose = right && (!left || isPunct(after))
	}
	d := parser.NewDelimiter(canOpen, canClose, n, c, emphasisProcessor{})
	d.Segment = segment.WithStop(segment.Start + n)
	block.Advance(n)
	pc.PushDelimiter(d)
	return d
}

// emphasisProcessor is goldmark's emphasis delimiter processor, which it
// does not export: runs of one character match, and make Emphasis.
type emphasisProcessor struct{}

func (emphasisProcessor) IsDelimiter(b byte) bool { return b == '*' || b == '_' }

func (emphasisProcessor) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (emphasisProcessor) OnMatch(consumes int) ast.Node { return ast.NewEmphasis(consumes) }

// preceding is what stands before a delimiter run: the character just
// before it, and the one before that, which a variation selector leans on.
type preceding struct{ last, prev rune }

// precedingRunes reads the two characters before offset; the start of the
// text counts as whitespace.
func precedingRunes(source []byte, offset int) preceding {
	p := preceding{' ', ' '}
	if offset > 0 {
		r, size := utf8.DecodeLastRune(source[:offset])
		p.last = r
		if offset-size > 0 {
			p.prev, _ = utf8.DecodeLastRune(source[:offset-size])
		}
	}
	return p
}

// flanking applies the amended definitions of left- and right-flanking
// delimiter runs.
func flanking(before preceding, after rune) (left, right bool) {
	b := before.last
	afterNonCJKPunct := isPunct(after) && !isCJK(after)
	left = !isSpace(after) && (!afterNonCJKPunct ||
		isSpace(b) || before.nonCJKPunctuationSequence() || before.cjkSequence() || isIVS(b))
	beforeNonCJKPunct := before.nonCJKPunctuationSequence()
	right = !isSpace(b) && (!beforeNonCJKPunct ||
		isSpace(after) || afterNonCJKPunct || isCJK(after))
	return left, right
}

// cjkSequence: a CJK character, or one followed by a variation selector.
func (p preceding) cjkSequence() bool {
	return isCJK(p.last) || isTextVS(p.last) && isCJK(p.prev)
}

// nonCJKPunctuationSequence: a punctuation character that is not CJK,
// alone or followed by a variation selector.
func (p preceding) nonCJKPunctuationSequence() bool {
	if isTextVS(p.last) {
		return isPunct(p.prev) && !isCJK(p.prev)
	}
	return isPunct(p.last) && !isCJK(p.last)
}

// punctuationSequence: any punctuation character, alone or followed by a
// variation selector.
func (p preceding) punctuationSequence() bool {
	if isTextVS(p.last) {
		return isPunct(p.prev)
	}
	return isPunct(p.last)
}

// isCJK reports whether r is a CJK character: East Asian Width wide,
// fullwidth or halfwidth and not an emoji, or Hangul.
func isCJK(r rune) bool {
	if unicode.Is(unicode.Hangul, r) {
		return true
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth, width.EastAsianHalfwidth:
		return !isEmoji(r)
	}
	return false
}

// isEmoji reports whether r is in the blocks where the characters shown
// as emoji by default are: those are wide, but not CJK.
func isEmoji(r rune) bool {
	return r >= 0x1F000 && r <= 0x1FAFF || r >= 0x2600 && r <= 0x27BF || r >= 0x2B00 && r <= 0x2BFF || r == 0x231A || r == 0x231B ||
		r >= 0x23E9 && r <= 0x23F3
}

// isIVS reports an Ideographic Variation Selector.
func isIVS(r rune) bool { return r >= 0xE0100 && r <= 0xE01EF }

// isTextVS reports a variation selector other than the emoji one.
func isTextVS(r rune) bool { return r >= 0xFE00 && r <= 0xFE0E }

// isPunct is CommonMark's Unicode punctuation: punctuation or symbols.
func isPunct(r rune) bool { return util.IsPunctRune(r) }

// isSpace is CommonMark's Unicode whitespace.
func isSpace(r rune) bool { return util.IsSpaceRune(r) }
