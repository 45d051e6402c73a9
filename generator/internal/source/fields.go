package source

import (
	"bytes"
	"encoding/json"
	"iter"
	"maps"
	"regexp"
	"slices"
	"time"
)

// A Field is one front matter value and the file line it is written on.
// Value is one of: nil, string, bool, int64, float64, time.Time, Fields
// (a mapping) or []Field (a list).
type Field struct {
	Value any
	Line  int
}

// Fields is a front matter mapping: key to value.
type Fields map[string]Field

// shiftLines turns lines counted from the front matter into file lines.
func shiftLines(f Field, by int) Field {
	f.Line += by
	switch v := f.Value.(type) {
	case Fields:
		for k, sub := range v {
			v[k] = shiftLines(sub, by)
		}
	case []Field:
		for i, sub := range v {
			v[i] = shiftLines(sub, by)
		}
	}
	return f
}

// genericFields converts what encoding/json or a TOML decoder produced into
// fields. Those decoders do not report where a key is, so keys finds it
// in the text. Like YAML's, the walk is bounded: more than maxNodes values
// is an error.
func genericFields(m map[string]any, keys keyLines) (Fields, error) {
	g := genericWalk{keys: keys, nodes: maxNodes}
	f, err := g.value(m, 1, 0)
	if err != nil {
		return nil, err
	}
	return f.Value.(Fields), nil
}

type genericWalk struct {
	keys  keyLines
	nodes int
}

func (g *genericWalk) value(v any, line, depth int) (Field, error) {
	if g.nodes--; g.nodes < 0 {
		return Field{}, &frontMatterError{line: line, msg: errTooManyValues}
	}
	if depth > maxDepth {
		return Field{}, &frontMatterError{line: line, msg: errTooDeep}
	}
	switch v := v.(type) {
	case map[string]any:
		m := make(Fields, len(v))
		for k, sub := range v {
			f, err := g.value(sub, g.keys.find(k, line), depth+1)
			if err != nil {
				return Field{}, err
			}
			m[k] = f
		}
		return Field{Value: m, Line: line}, nil
	case []map[string]any: // TOML arrays of tables
		list := make([]Field, len(v))
		for i, sub := range v {
			f, err := g.value(sub, line, depth+1)
			if err != nil {
				return Field{}, err
			}
			list[i] = f
		}
		return Field{Value: list, Line: line}, nil
	case []any:
		list := make([]Field, len(v))
		for i, sub := range v {
			f, err := g.value(sub, line, depth+1)
			if err != nil {
				return Field{}, err
			}
			list[i] = f
		}
		return Field{Value: list, Line: line}, nil
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return Field{Value: i, Line: line}, nil
		}
		f, _ := v.Float64()
		return Field{Value: f, Line: line}, nil
	case int:
		return Field{Value: int64(v), Line: line}, nil
	default:
		return Field{Value: v, Line: line}, nil
	}
}

// keyLines says on which lines of a front matter each key is written:
// found in one pass, because looking each key up in the whole text would
// take a time that grows with the square of the number of keys.
type keyLines map[string][]int

var (
	// A TOML key at the start of a line: key =, "key" =, [key], [[key]], key.sub =
	tomlKey = regexp.MustCompile(`^\s*(?:\[\[?\s*)?(?:"((?:[^"\\]|\\.)*)"|([A-Za-z0-9_-]+))\s*(?:=|\]|\.)`)
	// A JSON key anywhere: "key":
	jsonKey = regexp.MustCompile(`"((?:[^"\\]|\\.)*)"\s*:`)
)

func tomlKeyLines(data []byte) keyLines {
	k := keyLines{}
	for i, line := range bytes.Split(data, []byte("\n")) {
		if m := tomlKey.FindSubmatch(line); m != nil {
			k.add(string(m[1])+string(m[2]), i+1)
		}
	}
	return k
}

func jsonKeyLines(data []byte) keyLines {
	k := keyLines{}
	for i, line := range bytes.Split(data, []byte("\n")) {
		for _, m := range jsonKey.FindAllSubmatch(line, -1) {
			k.add(string(m[1]), i+1)
		}
	}
	return k
}

func (k keyLines) add(key string, line int) {
	if lines := k[key]; len(lines) == 0 || lines[len(lines)-1] != line {
		k[key] = append(lines, line)
	}
}

// find returns the first line at or after from on which key is written,
// or from itself when it cannot tell.
func (k keyLines) find(key string, from int) int {
	lines := k[key]
	i, _ := slices.BinarySearch(lines, from)
	if i < len(lines) {
		return lines[i]
	}
	return from
}

// describe names a value's kind the way an editor would.
func describe(v any) Msg {
	switch v.(type) {
	case nil:
		return M("empty")
	case string:
		return M("text")
	case bool:
		return M("true/false")
	case int64, int, uint64, float64:
		return M("a number")
	case time.Time:
		return M("a date")
	case Fields:
		return M("a group of key: value lines")
	case []Field:
		return M("a list")
	default:
		return M("%T", v)
	}
}

func mapsKeys(f Fields) iter.Seq[string] { return maps.Keys(f) }
