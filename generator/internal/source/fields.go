package source

import (
	"bytes"
	"encoding/json"
	"fmt"
	"iter"
	"maps"
	"regexp"
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
// Fields. Those decoders do not report where a key is, so find looks the
// key up in the text.
func genericFields(m map[string]any, find func(key string, from int) int) Fields {
	return genericValue(m, 1, find).Value.(Fields)
}

func genericValue(v any, line int, find func(string, int) int) Field {
	switch v := v.(type) {
	case map[string]any:
		m := make(Fields, len(v))
		for k, sub := range v {
			m[k] = genericValue(sub, find(k, line), find)
		}
		return Field{Value: m, Line: line}
	case []map[string]any: // TOML arrays of tables
		list := make([]Field, len(v))
		for i, sub := range v {
			list[i] = genericValue(sub, line, find)
		}
		return Field{Value: list, Line: line}
	case []any:
		list := make([]Field, len(v))
		for i, sub := range v {
			list[i] = genericValue(sub, line, find)
		}
		return Field{Value: list, Line: line}
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return Field{Value: i, Line: line}
		}
		f, _ := v.Float64()
		return Field{Value: f, Line: line}
	case int:
		return Field{Value: int64(v), Line: line}
	default:
		return Field{Value: v, Line: line}
	}
}

var (
	tomlKeyLine = func(key string) *regexp.Regexp {
		q := regexp.QuoteMeta(key)
		return regexp.MustCompile(`^\s*(\[\[?\s*)?("` + q + `"|` + q + `)\s*(=|\]|\.)`)
	}
	jsonKeyLine = func(key string) *regexp.Regexp {
		return regexp.MustCompile(`"` + regexp.QuoteMeta(key) + `"\s*:`)
	}
)

// lineFinder returns a function that finds the first line at or after from
// on which key is written, or from itself when it cannot tell.
func lineFinder(data []byte, pattern func(string) *regexp.Regexp) func(string, int) int {
	lines := bytes.Split(data, []byte("\n"))
	return func(key string, from int) int {
		re := pattern(key)
		for i := max(from-1, 0); i < len(lines); i++ {
			if re.Match(lines[i]) {
				return i + 1
			}
		}
		return from
	}
}

// describe names a value's kind the way an editor would.
func describe(v any) string {
	switch v.(type) {
	case nil:
		return "empty"
	case string:
		return "text"
	case bool:
		return "true/false"
	case int64, int, uint64, float64:
		return "a number"
	case time.Time:
		return "a date"
	case Fields:
		return "a group of key: value lines"
	case []Field:
		return "a list"
	default:
		return fmt.Sprintf("%T", v)
	}
}

func mapsKeys(f Fields) iter.Seq[string] { return maps.Keys(f) }
