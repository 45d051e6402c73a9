package source

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"
)

// frontMatter is what the front matter of one file decodes to: its
// top-level fields, each with the line it sits on in the file.
type frontMatter struct {
	format string // "yaml", "toml" or "json"; "" when the file has none
	fields Fields
	// firstLine is the file line of the front matter's first line, so that a
	// line reported by a decoder (counted from the front matter) can be
	// turned into a line of the file.
	firstLine int
}

// frontMatterError is a decoder's complaint about the front matter. Inside
// a decoder line counts from the front matter's first line; once returned
// from splitFrontMatter it is a line of the file.
type frontMatterError struct {
	line int
	msg  string
}

func (e *frontMatterError) Error() string { return e.msg }

// delimiters lists the front matter formats pinzhi reads, in the order
// adrg/frontmatter tries them. The decoders keep line numbers, which the
// library's defaults do not.
func delimiters(fm *frontMatter) []*frontmatter.Format {
	yamlFormat := func(data []byte, _ any) error { return fm.decode("yaml", data, decodeYAML) }
	tomlFormat := func(data []byte, _ any) error { return fm.decode("toml", data, decodeTOML) }
	jsonFormat := func(data []byte, _ any) error { return fm.decode("json", data, decodeJSON) }
	bareJSON := frontmatter.NewFormat("{", "}", jsonFormat)
	bareJSON.UnmarshalDelims = true
	bareJSON.RequiresNewLine = true
	return []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", yamlFormat),
		frontmatter.NewFormat("---yaml", "---", yamlFormat),
		frontmatter.NewFormat("+++", "+++", tomlFormat),
		frontmatter.NewFormat("---toml", "---", tomlFormat),
		frontmatter.NewFormat(";;;", ";;;", jsonFormat),
		frontmatter.NewFormat("---json", "---", jsonFormat),
		bareJSON,
	}
}

// openingDelimiters are the lines that start a front matter block; a file
// whose first non-blank line is one of them but whose block never closes
// is an error, not a page of Markdown that happens to start with a rule.
var openingDelimiters = map[string]string{
	"---": "---", "---yaml": "---", "---toml": "---", "---json": "---", "+++": "+++", ";;;": ";;;",
}

func (fm *frontMatter) decode(format string, data []byte, decode func([]byte) (Fields, error)) error {
	fm.format = format
	f, err := decode(data)
	if fe, ok := err.(*frontMatterError); ok {
		// Decoders count lines from the front matter; problems name file lines.
		fe.line = max(fe.line+fm.firstLine-1, fm.firstLine-1, 1)
	}
	if err != nil {
		return err
	}
	fm.fields = shiftLines(Field{Value: f}, fm.firstLine-1).Value.(Fields)
	return nil
}

// frontMatterChunk is how much of a file the front matter is first looked
// for in. adrg/frontmatter reads all it is given, to return the body as a
// copy, which pinzhi does not need: only where the body starts. Front
// matter is a few hundred bytes; when it does not close within the chunk,
// the whole file is read.
const frontMatterChunk = 8 << 10

// splitFrontMatter separates the front matter of a file (BOM already
// removed) from its body. It returns the decoded front matter and the byte
// offset at which the body starts. adrg/frontmatter finds the front
// matter; pinzhi only counts the lines before it, which the library does
// not report, and tells a block that never closes (which the library
// takes for no front matter) from a body.
func splitFrontMatter(text []byte) (fm frontMatter, bodyOffset int, err error) {
	first, firstLineNo := firstNonBlankLine(text)
	closer, opens := openingDelimiters[first]
	fm.firstLine = firstLineNo + 1
	if first == "{" {
		fm.firstLine = firstLineNo
	}
	chunk := text[:min(len(text), frontMatterChunk)]
	if opens {
		if end := closingLineEnd(text, closer); end > 0 {
			chunk = text[:end]
		}
	}
	r := lineReaders.Get().(*bufio.Reader)
	defer lineReaders.Put(r)
	for ; ; chunk = text {
		r.Reset(bytes.NewReader(chunk))
		rest, err := frontmatter.Parse(r, nil, delimiters(&fm)...)
		switch {
		case err != nil:
			return fm, 0, err
		case fm.format == "" && len(chunk) < len(text):
			continue // it may close past the chunk
		case fm.format == "" && opens:
			return fm, 0, &frontMatterError{line: firstLineNo,
				msg: fmt.Sprintf("front matter opened with %q is never closed; end it with a line holding only %q", first, closer)}
		}
		return fm, len(chunk) - len(rest), nil
	}
}

// lineReaders are the buffered readers adrg/frontmatter reads through:
// given none, it makes one of 4 KB for every file.
var lineReaders = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 4096) }}

// closingLineEnd returns where the line that closes the front matter
// ends: the first line after the first one with text whose text is
// closer. The library is given the file up to there, since it copies all
// it is given after the front matter; -1 when there is no such line.
func closingLineEnd(text []byte, closer string) int {
	opened := false
	for at := 0; at < len(text); {
		line, _, _ := bytes.Cut(text[at:], []byte("\n"))
		at += len(line) + 1
		t := bytes.TrimSpace(line)
		switch {
		case !opened:
			opened = len(t) > 0
		case string(t) == closer:
			return min(at, len(text))
		}
	}
	return -1
}

// firstNonBlankLine returns the first line with text, trimmed, and its number.
func firstNonBlankLine(text []byte) (string, int) {
	for n := 1; len(text) > 0; n++ {
		line, rest, _ := bytes.Cut(text, []byte("\n"))
		if t := bytes.TrimSpace(line); len(t) > 0 {
			return string(t), n
		}
		text = rest
	}
	return "", 1
}

func decodeYAML(data []byte) (Fields, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return Fields{}, nil // an empty front matter
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return Fields{}, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, &frontMatterError{line: root.Line, msg: "front matter must be a list of key: value lines"}
	}
	budget := yamlBudget{nodes: maxNodes}
	v, err := budget.value(root, 0)
	if err != nil {
		return nil, err
	}
	return v.Value.(Fields), nil
}

// Front matter is a handful of fields. A front matter of a million keys,
// or YAML aliases (*name), which let a few lines stand for a cycle or for
// billions of values, could take the build's time and memory: these
// bound the walk over the values of any format.
const (
	maxDepth = 32
	maxNodes = 100000
)

var (
	errTooDeep       = fmt.Sprintf("front matter nests more than %d deep, or repeats itself through aliases (*name)", maxDepth)
	errTooManyValues = fmt.Sprintf("front matter has more than %d values, counting what aliases (*name) repeat", maxNodes)
)

type yamlBudget struct {
	nodes int
}

// value turns a YAML node into a field whose line is the node's.
func (b *yamlBudget) value(n *yaml.Node, depth int) (Field, error) {
	line := n.Line
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if b.nodes--; b.nodes < 0 {
		return Field{}, &frontMatterError{line: line, msg: errTooManyValues}
	}
	if depth > maxDepth {
		return Field{}, &frontMatterError{line: line, msg: errTooDeep}
	}
	switch n.Kind {
	case yaml.MappingNode:
		m := make(Fields, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind != yaml.ScalarNode {
				return Field{}, &frontMatterError{line: k.Line, msg: "a key must be a plain word"}
			}
			val, err := b.value(v, depth+1)
			if fe, ok := err.(*frontMatterError); ok && (fe.msg == errTooDeep || fe.msg == errTooManyValues) && depth == 0 {
				fe.line = k.Line // the field that expands too far, not the node where it stopped
			}
			if err != nil {
				return Field{}, err
			}
			val.Line = k.Line
			m[k.Value] = val
		}
		return Field{Value: m, Line: n.Line}, nil
	case yaml.SequenceNode:
		list := make([]Field, len(n.Content))
		for i, item := range n.Content {
			val, err := b.value(item, depth+1)
			if err != nil {
				return Field{}, err
			}
			list[i] = val
		}
		return Field{Value: list, Line: n.Line}, nil
	default:
		var v any
		if err := n.Decode(&v); err != nil {
			return Field{}, &frontMatterError{line: n.Line, msg: err.Error()}
		}
		return Field{Value: v, Line: n.Line}, nil
	}
}

// yamlError pulls the line out of yaml.v3's "yaml: line N: message".
// For errors of its parser (as opposed to its scanner) yaml.v3 prints a
// line counted from 0, so those are one more.
func yamlError(err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var line int
	if n, _ := fmt.Sscanf(msg, "line %d:", &line); n == 1 {
		msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
		if isYAMLParserError(msg) {
			line++
		}
	}
	return &frontMatterError{line: line, msg: "YAML: " + msg}
}

func isYAMLParserError(msg string) bool {
	for _, prefix := range []string{"did not find expected", "found undefined tag handle", "found duplicate %", "found incompatible YAML document"} {
		if strings.HasPrefix(msg, prefix) {
			return true
		}
	}
	return false
}

func decodeTOML(data []byte) (Fields, error) {
	var m map[string]any
	if _, err := toml.Decode(string(data), &m); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &frontMatterError{line: pe.Position.Line, msg: "TOML: " + pe.Message}
		}
		return nil, &frontMatterError{msg: "TOML: " + err.Error()}
	}
	return genericFields(m, tomlKeyLines(data))
}

func decodeJSON(data []byte) (Fields, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		line := 0
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line = 1 + bytes.Count(data[:min(int(se.Offset), len(data))], []byte("\n"))
		}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, &frontMatterError{line: 1, msg: "JSON front matter must be one object of \"key\": value pairs"}
		}
		return nil, &frontMatterError{line: line, msg: "JSON: " + err.Error()}
	}
	return genericFields(m, jsonKeyLines(data))
}
