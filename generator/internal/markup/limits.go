package markup

import (
	"bytes"
	"fmt"
	"time"
)

// Limits bound what one page may cost. Each is far above what an editor
// writes and far below what makes goldmark, which has no bounds of its
// own, take more than linear time or memory: 200 KB of ">" took it 23 s,
// 5,000 levels of lists 186 s and 2.4 GB, and a table whose rows are
// shorter than its header grows with the square of its size.
type Limits struct {
	Nesting     int           // quotes and lists inside one another
	TableCells  int           // cells of one table: columns of its header × rows
	LinkOpeners int           // "[" in one paragraph
	CodeSpans   int           // runs of backticks in one paragraph
	References  int           // link reference definitions ("[a]: /url") in one body
	Elements    int           // Markdown elements of one body: blocks, markers and inline delimiters
	PageBytes   int64         // HTML of one page
	RenderTime  time.Duration // to render one page
}

// DefaultLimits are the limits a site has unless content/_index.md sets
// others.
func DefaultLimits() Limits {
	return Limits{Nesting: 32, TableCells: 100000, LinkOpeners: 1000, CodeSpans: 1000,
		References: 10000, Elements: 300000, PageBytes: 64 << 20, RenderTime: 20 * time.Second}
}

// A Peak is the largest amount of something a body has, and where. It is
// kept for every file of a site, so it is small.
type Peak struct {
	Value int32
	Line  int32 // 1-based line of the body
}

func (p *Peak) note(v, line int) {
	if v := int32(min(v, 1<<31-1)); v > p.Value {
		p.Value, p.Line = v, int32(min(line, 1<<31-1))
	}
}

// Stats is what Scan found in a body: for each limit, the most of it.
// It does not depend on the limits, so a body is scanned once, when it is
// loaded, and checked again whenever the limits change.
type Stats struct {
	Nesting     Peak // container markers at the start of a line
	Indent      Peak // columns a line's content starts at
	TableCells  Peak // at a table's header
	LinkOpeners Peak // at a paragraph's first line
	CodeSpans   Peak
	References  int32
	Elements    int32
}

// Scan reads a body once, in time linear in its size, for the amounts
// Limits bound. It errs on the side of counting more than goldmark would
// make: that costs an editor nothing, where counting less could cost the
// build all its time.
func Scan(body []byte) Stats {
	var s scanner
	for line := 1; len(body) > 0; line++ {
		text, rest, _ := bytes.Cut(body, []byte("\n"))
		s.line(text, line)
		body = rest
	}
	s.endParagraph()
	s.endTable()
	return s.stats
}

type scanner struct {
	stats Stats
	// the fenced code block the scan is in: its fence's character and length
	fence     byte
	fenceLen  int
	paragraph struct {
		line, openers, codeRuns int
	}
	table struct {
		line, columns, rows int
	}
	previous []byte // the last line's content, a table's header when a delimiter row follows
}

func (s *scanner) line(text []byte, line int) {
	depth, indent, content := containers(text)
	s.stats.Elements += int32(1 + depth)
	if s.inFence(content) {
		return
	}
	if !thematicBreak(text) {
		s.stats.Nesting.note(depth, line)
	}
	s.stats.Indent.note(indent, line)
	if len(bytes.TrimSpace(content)) == 0 {
		s.endParagraph()
		s.endTable()
		s.previous = nil
		return
	}
	if s.paragraph.line == 0 {
		s.paragraph.line = line
	}
	s.inlines(content)
	if bytes.HasPrefix(content, []byte("[")) && bytes.Contains(content, []byte("]:")) {
		s.stats.References++
	}
	switch {
	case s.table.columns > 0:
		s.table.rows++
	case s.previous != nil && bytes.IndexByte(s.previous, '|') >= 0 && isDelimiterRow(content):
		s.table.line, s.table.columns, s.table.rows = line-1, columns(content), 2
	}
	s.previous = content
}

// inFence follows fenced code blocks, whose text is not Markdown, and
// reports whether content is inside one (its fences included).
func (s *scanner) inFence(content []byte) bool {
	trimmed := bytes.TrimLeft(content, " ")
	run := 0
	if len(trimmed) > 0 && (trimmed[0] == '`' || trimmed[0] == '~') {
		for run < len(trimmed) && trimmed[run] == trimmed[0] {
			run++
		}
	}
	switch {
	case s.fence == 0 && run >= 3:
		s.endParagraph()
		s.fence, s.fenceLen = trimmed[0], run
		return true
	case s.fence != 0 && run >= s.fenceLen && trimmed[0] == s.fence && len(bytes.TrimSpace(trimmed[run:])) == 0:
		s.fence = 0
		return true
	}
	return s.fence != 0
}

// inlines counts what makes inline nodes and what goldmark's inline
// parsers search ahead from.
func (s *scanner) inlines(content []byte) {
	for i := 0; i < len(content); i++ {
		switch content[i] {
		case '[':
			s.paragraph.openers++
			s.stats.Elements++
		case '`':
			if i == 0 || content[i-1] != '`' {
				s.paragraph.codeRuns++
				s.stats.Elements++
			}
		case '*', '_', '~', ']', '<', '!', '&', '\\', '|':
			s.stats.Elements++
		}
	}
	p := s.paragraph
	s.stats.LinkOpeners.note(p.openers, p.line)
	s.stats.CodeSpans.note(p.codeRuns, p.line)
}

func (s *scanner) endParagraph() {
	s.paragraph.line, s.paragraph.openers, s.paragraph.codeRuns = 0, 0, 0
}

func (s *scanner) endTable() {
	if s.table.columns > 0 {
		s.stats.TableCells.note(s.table.columns*s.table.rows, s.table.line)
	}
	s.table.columns, s.table.rows = 0, 0
}

// containers reads the quote and list markers a line starts with: how
// many, the column its content starts at (tabs to the next multiple of
// four), and the content.
func containers(text []byte) (depth, column int, content []byte) {
	i := 0
	for {
		for i < len(text) && (text[i] == ' ' || text[i] == '\t') {
			if text[i] == '\t' {
				column += 4 - column%4
			} else {
				column++
			}
			i++
		}
		if i < len(text) && text[i] == '>' {
			depth, i, column = depth+1, i+1, column+1
			continue
		}
		if n := listMarker(text[i:]); n > 0 {
			depth, i, column = depth+1, i+n, column+n
			continue
		}
		return depth, column, text[i:]
	}
}

// listMarker returns the length of the list marker text starts with: "-",
// "*", "+", or up to nine digits and "." or ")", followed by a space, a
// tab or the line's end; 0 when it starts with none.
func listMarker(text []byte) int {
	n := 0
	switch {
	case len(text) > 0 && (text[0] == '-' || text[0] == '*' || text[0] == '+'):
		n = 1
	default:
		for n < len(text) && n < 9 && text[n] >= '0' && text[n] <= '9' {
			n++
		}
		if n == 0 || n >= len(text) || text[n] != '.' && text[n] != ')' {
			return 0
		}
		n++
	}
	if n < len(text) && text[n] != ' ' && text[n] != '\t' {
		return 0
	}
	return n
}

// thematicBreak reports whether a line is a rule of -, * or _, which
// "- - - -" is too: its markers nest nothing.
func thematicBreak(text []byte) bool {
	t := bytes.TrimSpace(text)
	if len(t) < 3 || t[0] != '-' && t[0] != '*' && t[0] != '_' {
		return false
	}
	for _, c := range t {
		if c != t[0] && c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}

// isDelimiterRow reports whether a line is a table's delimiter row:
// "|---|:---:|", "--- | ---".
func isDelimiterRow(content []byte) bool {
	dash := false
	for _, c := range bytes.TrimSpace(content) {
		switch c {
		case '-':
			dash = true
		case '|', ':', ' ', '\t':
		default:
			return false
		}
	}
	return dash
}

// columns counts the cells of a delimiter row: the parts between "|"
// that hold a "-".
func columns(row []byte) int {
	n := 0
	for cell := range bytes.SplitSeq(row, []byte("|")) {
		if bytes.IndexByte(cell, '-') >= 0 {
			n++
		}
	}
	return n
}

// A Violation is a body over one of its limits.
type Violation struct {
	Line    int // of the body; 0 for the whole body
	Message string
	Hint    string
	// Format and Args made Message, for the editor's language.
	Format string
	Args   []any
}

// Check returns the limits a body's stats are over.
func (s Stats) Check(l Limits) []Violation {
	var v []Violation
	add := func(over bool, line int, hint, format string, args ...any) {
		if over {
			v = append(v, Violation{Line: line, Message: fmt.Sprintf(format, args...), Hint: hint, Format: format, Args: args})
		}
	}
	add(int(s.Nesting.Value) > l.Nesting, int(s.Nesting.Line), "nest quotes and lists less deeply; limits.nesting in content/_index.md sets the bound",
		"quotes and lists nest %d deep here, more than the %d allowed", s.Nesting.Value, l.Nesting)
	maxIndent := 4*l.Nesting + 4
	add(int(s.Indent.Value) > maxIndent, int(s.Indent.Line), "indent less; lists nested that deep are not read (limits.nesting sets the bound)",
		"this line is indented %d columns, more than the %d allowed", s.Indent.Value, maxIndent)
	add(int(s.TableCells.Value) > l.TableCells, int(s.TableCells.Line), "split the table; limits.tableCells in content/_index.md sets the bound",
		"this table has %d cells (its header's columns × its rows), more than the %d allowed", s.TableCells.Value, l.TableCells)
	add(int(s.LinkOpeners.Value) > l.LinkOpeners, int(s.LinkOpeners.Line), "split the paragraph, or write \\[ for a bracket that opens no link; limits.linkOpeners sets the bound",
		"this paragraph has %d \"[\", more than the %d allowed", s.LinkOpeners.Value, l.LinkOpeners)
	add(int(s.CodeSpans.Value) > l.CodeSpans, int(s.CodeSpans.Line), "split the paragraph, or put the code in a fenced block (```); limits.codeSpans sets the bound",
		"this paragraph has %d runs of backticks, more than the %d allowed", s.CodeSpans.Value, l.CodeSpans)
	add(int(s.References) > l.References, 0, "link fewer addresses by reference; limits.references sets the bound",
		"the body has %d link reference definitions, more than the %d allowed", s.References, l.References)
	add(int(s.Elements) > l.Elements, 0, "split it into several pages; limits.elements in content/_index.md sets the bound",
		"the body has about %d Markdown elements (blocks, list and quote markers, links, emphasis), more than the %d allowed", s.Elements, l.Elements)
	return v
}
