package generator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// A field is one front matter value and the file line it is written on.
// Value is one of: nil, string, bool, int64, float64, time.Time, fields
// (a mapping) or []field (a list).
type field struct {
	Value any
	Line  int
}

// fields is a front matter mapping: key to value.
type fields map[string]field

// shiftLines turns lines counted from the front matter into file lines.
func shiftLines(f field, by int) field {
	f.Line += by
	switch v := f.Value.(type) {
	case fields:
		for k, sub := range v {
			v[k] = shiftLines(sub, by)
		}
	case []field:
		for i, sub := range v {
			v[i] = shiftLines(sub, by)
		}
	}
	return f
}

// genericFields converts what encoding/json or a TOML decoder produced into
// fields. Those decoders do not report where a key is, so find looks the
// key up in the text.
func genericFields(m map[string]any, find func(key string, from int) int) fields {
	return genericValue(m, 1, find).Value.(fields)
}

func genericValue(v any, line int, find func(string, int) int) field {
	switch v := v.(type) {
	case map[string]any:
		m := make(fields, len(v))
		for k, sub := range v {
			m[k] = genericValue(sub, find(k, line), find)
		}
		return field{Value: m, Line: line}
	case []map[string]any: // TOML arrays of tables
		list := make([]field, len(v))
		for i, sub := range v {
			list[i] = genericValue(sub, line, find)
		}
		return field{Value: list, Line: line}
	case []any:
		list := make([]field, len(v))
		for i, sub := range v {
			list[i] = genericValue(sub, line, find)
		}
		return field{Value: list, Line: line}
	case json.Number:
		if i, err := v.Int64(); err == nil {
			return field{Value: i, Line: line}
		}
		f, _ := v.Float64()
		return field{Value: f, Line: line}
	case int:
		return field{Value: int64(v), Line: line}
	default:
		return field{Value: v, Line: line}
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
	switch v := v.(type) {
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
	case fields:
		return "a group of key: value lines"
	case []field:
		return "a list"
	default:
		return fmt.Sprintf("%T", v)
	}
}

// A fieldReader reads typed values out of one front matter mapping,
// recording a problem for every value of the wrong kind and remembering
// which keys it read, so that the rest can be reported as unknown.
type fieldReader struct {
	path   string
	line   int    // where the mapping starts, for problems about a missing key
	prefix string // "leader." inside the leader mapping
	f      fields
	probs  *problemList
	read   map[string]bool
}

func newFieldReader(path string, line int, f fields, probs *problemList) *fieldReader {
	return &fieldReader{path: path, line: line, f: f, probs: probs, read: map[string]bool{}}
}

func (r *fieldReader) get(key string) (field, bool) {
	r.read[key] = true
	v, ok := r.f[key]
	if ok && v.Value == nil {
		return v, false // "key:" with nothing after it counts as absent
	}
	return v, ok
}

func (r *fieldReader) wrongKind(key string, v field, want, example string) {
	r.probs.add(r.path, v.Line, example, "%s%s must be %s, but it is %s", r.prefix, key, want, describe(v.Value))
}

// text reads a string field; present is false when the key is absent.
func (r *fieldReader) text(key string) (s string, line int, present bool) {
	v, ok := r.get(key)
	if !ok {
		return "", r.line, false
	}
	s, isText := v.Value.(string)
	if !isText {
		example := fmt.Sprintf("write it as text, e.g. %s: \"%v\"", key, scalarString(v.Value))
		r.wrongKind(key, v, "text", example)
		return "", v.Line, true
	}
	return strings.TrimSpace(s), v.Line, true
}

// requiredText reads a string field that must be there and not be empty.
func (r *fieldReader) requiredText(key, example string) (string, int) {
	s, line, _ := r.text(key)
	raw, written := r.f[key]
	switch {
	case !written:
		r.probs.add(r.path, r.line, "add a line "+example, "%s%s is missing", r.prefix, key)
	case raw.Value == nil || (isText(raw.Value) && s == ""):
		r.probs.add(r.path, raw.Line, "write it as "+example, "%s%s is empty", r.prefix, key)
	}
	return s, line
}

func isText(v any) bool { _, ok := v.(string); return ok }

func (r *fieldReader) integer(key string) int {
	v, ok := r.get(key)
	if !ok {
		return 0
	}
	switch n := v.Value.(type) {
	case int:
		return n
	case int64:
		return int(n)
	case uint64:
		return int(n)
	}
	r.wrongKind(key, v, "a whole number", fmt.Sprintf("e.g. %s: 3", key))
	return 0
}

func (r *fieldReader) boolean(key string) bool {
	v, ok := r.get(key)
	if !ok {
		return false
	}
	b, isBool := v.Value.(bool)
	if !isBool {
		r.wrongKind(key, v, "true or false", fmt.Sprintf("e.g. %s: true", key))
	}
	return b
}

var dateLayouts = []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02"}

func (r *fieldReader) date(key string) time.Time {
	v, ok := r.get(key)
	if !ok {
		return time.Time{}
	}
	switch d := v.Value.(type) {
	case time.Time:
		return d
	case string:
		for _, layout := range dateLayouts {
			if t, err := time.Parse(layout, strings.TrimSpace(d)); err == nil {
				return t
			}
		}
		r.probs.add(r.path, v.Line, fmt.Sprintf("write it as %s: 2016-11-28 (or 2016-11-28T09:00:00+08:00)", key), "%s%s %q is not a date", r.prefix, key, d)
		return time.Time{}
	}
	r.wrongKind(key, v, "a date", fmt.Sprintf("e.g. %s: 2016-11-28", key))
	return time.Time{}
}

// mapping reads a nested group of key: value lines; nil when absent or wrong.
func (r *fieldReader) mapping(key, example string) *fieldReader {
	v, ok := r.get(key)
	if !ok {
		return nil
	}
	m, isMap := v.Value.(fields)
	if !isMap {
		r.wrongKind(key, v, "a group of key: value lines", example)
		return nil
	}
	sub := newFieldReader(r.path, v.Line, m, r.probs)
	sub.prefix = r.prefix + key + "."
	return sub
}

// list reads a list field; nil when absent or not a list.
func (r *fieldReader) list(key, example string) []field {
	v, ok := r.get(key)
	if !ok {
		return nil
	}
	l, isList := v.Value.([]field)
	if !isList {
		r.wrongKind(key, v, "a list", example)
		return nil
	}
	return l
}

// textList reads a list of strings; a single string counts as a list of one.
func (r *fieldReader) textList(key string) []string {
	if v, ok := r.f[key]; ok {
		if s, isString := v.Value.(string); isString {
			r.read[key] = true
			return []string{strings.TrimSpace(s)}
		}
	}
	var out []string
	for _, item := range r.list(key, fmt.Sprintf("write %s: on a line of its own, then one indented line per item starting with \"- \"", key)) {
		s, ok := item.Value.(string)
		if !ok {
			r.probs.add(r.path, item.Line, "write each item as text", "each item of %s%s must be text, but one is %s", r.prefix, key, describe(item.Value))
			continue
		}
		out = append(out, strings.TrimSpace(s))
	}
	return out
}

// warnUnknown reports every key that was never read: most are typos of a
// known key, so the warning suggests the closest one.
func (r *fieldReader) warnUnknown() {
	var known []string
	for k := range r.read {
		known = append(known, k)
	}
	slices.Sort(known)
	for key, v := range r.f {
		if r.read[key] {
			continue
		}
		hint := "it is ignored; remove it or check its spelling"
		if near := closest(key, known); near != "" {
			hint = fmt.Sprintf("did you mean %q? It is ignored as written", r.prefix+near)
		}
		r.probs.warn(r.path, v.Line, hint, "unknown field %q", r.prefix+key)
	}
}

func scalarString(v any) string {
	switch v := v.(type) {
	case time.Time:
		return v.Format("2006-01-02")
	case fields, []field:
		return "…"
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}
