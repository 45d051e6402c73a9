package source

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// A Reader reads typed values out of one front matter mapping, recording
// a problem for every value of the wrong kind and remembering which keys
// it read, so that the rest can be reported as unknown.
type Reader struct {
	Path   string
	Line   int    // where the mapping starts, for problems about a missing key
	prefix string // "leader." inside the leader mapping
	f      Fields
	probs  *List
	read   map[string]bool
}

// NewReader reads the mapping f of the file at path, whose front matter
// begins on line; problems go to probs.
func NewReader(path string, line int, f Fields, probs *List) *Reader {
	return &Reader{Path: path, Line: line, f: f, probs: probs, read: map[string]bool{}}
}

// Written reports whether key is there at all, even with no value.
func (r *Reader) Written(key string) bool {
	_, ok := r.f[key]
	return ok
}

func (r *Reader) get(key string) (Field, bool) {
	r.read[key] = true
	v, ok := r.f[key]
	if ok && v.Value == nil {
		return v, false // "key:" with nothing after it counts as absent
	}
	return v, ok
}

func (r *Reader) wrongKind(key string, v Field, want, example Msg) {
	r.probs.AddM(r.Path, v.Line, example, "%s%s must be %s, but it is %s", r.prefix, key, want, describe(v.Value))
}

// Text reads a string field; present is false when the key is absent.
func (r *Reader) Text(key string) (s string, line int, present bool) {
	v, ok := r.get(key)
	if !ok {
		return "", r.Line, false
	}
	s, isText := v.Value.(string)
	if !isText {
		r.wrongKind(key, v, M("text"), M("write it as text, e.g. %s: \"%v\"", key, scalarString(v.Value)))
		return "", v.Line, true
	}
	return strings.TrimSpace(s), v.Line, true
}

// RequiredText reads a string field that must be there and not be empty;
// value says what to write there, in words, never as another page's value
// (an editor may copy a hint literally).
func (r *Reader) RequiredText(key string, value Msg) (string, int) {
	s, line, _ := r.Text(key)
	raw, written := r.f[key]
	switch {
	case !written:
		r.probs.AddM(r.Path, r.Line, M("add a line %s: followed by %s", key, value), "%s%s is missing", r.prefix, key)
	case raw.Value == nil || (isText(raw.Value) && s == ""):
		r.probs.AddM(r.Path, raw.Line, M("write %s after %s:", value, key), "%s%s is empty", r.prefix, key)
	}
	return s, line
}

func isText(v any) bool { _, ok := v.(string); return ok }

// Integer reads a whole number; 0 when absent or wrong.
func (r *Reader) Integer(key string) int {
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
	r.wrongKind(key, v, M("a whole number"), M("e.g. %s: 3", key))
	return 0
}

// PositiveInteger reads a whole number above 0; 0 when absent or wrong.
func (r *Reader) PositiveInteger(key string) int {
	n := r.Integer(key)
	if v, ok := r.get(key); ok && n <= 0 && isNumber(v.Value) {
		r.probs.AddM(r.Path, v.Line, M("e.g. %s: 100", key), "%s%s must be above 0, but it is %d", r.prefix, key, n)
		return 0
	}
	return n
}

func isNumber(v any) bool {
	switch v.(type) {
	case int, int64, uint64:
		return true
	}
	return false
}

// Boolean reads true or false; false when absent or wrong.
func (r *Reader) Boolean(key string) bool {
	v, ok := r.get(key)
	if !ok {
		return false
	}
	b, isBool := v.Value.(bool)
	if !isBool {
		r.wrongKind(key, v, M("true or false"), M("e.g. %s: true", key))
	}
	return b
}

var dateLayouts = []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02"}

// Date reads a date, as YAML and TOML write them or as text; the zero
// time when absent or wrong.
func (r *Reader) Date(key string) time.Time {
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
		r.probs.AddM(r.Path, v.Line, M("write it as %s: 2016-11-28 (or 2016-11-28T09:00:00+08:00)", key), "%s%s %q is not a date", r.prefix, key, d)
		return time.Time{}
	}
	r.wrongKind(key, v, M("a date"), M("e.g. %s: 2016-11-28", key))
	return time.Time{}
}

// Mapping reads a nested group of key: value lines; nil when absent or wrong.
func (r *Reader) Mapping(key string, example Msg) *Reader {
	v, ok := r.get(key)
	if !ok {
		return nil
	}
	m, isMap := v.Value.(Fields)
	if !isMap {
		r.wrongKind(key, v, M("a group of key: value lines"), example)
		return nil
	}
	sub := NewReader(r.Path, v.Line, m, r.probs)
	sub.prefix = r.prefix + key + "."
	return sub
}

// Item reads one item of a list as a mapping, named prefix in problems;
// nil with a problem when the item is not a mapping.
func (r *Reader) Item(item Field, prefix string, example Msg) *Reader {
	m, ok := item.Value.(Fields)
	if !ok {
		r.probs.AddM(r.Path, item.Line, example, "each item of %s must be a group of key: value lines, but one is %s", prefix, describe(item.Value))
		return nil
	}
	sub := NewReader(r.Path, item.Line, m, r.probs)
	sub.prefix = prefix + "."
	return sub
}

// List reads a list field; nil when absent or not a list.
func (r *Reader) List(key string, example Msg) []Field {
	v, ok := r.get(key)
	if !ok {
		return nil
	}
	l, isList := v.Value.([]Field)
	if !isList {
		r.wrongKind(key, v, M("a list"), example)
		return nil
	}
	return l
}

// TextList reads a list of strings; a single string counts as a list of one.
func (r *Reader) TextList(key string) []string {
	if v, ok := r.f[key]; ok {
		if s, isString := v.Value.(string); isString {
			r.read[key] = true
			return []string{strings.TrimSpace(s)}
		}
	}
	var out []string
	for _, item := range r.List(key, M("write %s: on a line of its own, then one indented line per item starting with \"- \"", key)) {
		s, ok := item.Value.(string)
		if !ok {
			r.probs.Add(r.Path, item.Line, "write each item as text", "each item of %s%s must be text, but one is %s", r.prefix, key, describe(item.Value))
			continue
		}
		out = append(out, strings.TrimSpace(s))
	}
	return out
}

// Warn records a warning about the value on line of the mapping.
func (r *Reader) Warn(line int, hint, format string, args ...any) {
	r.probs.Warn(r.Path, line, hint, format, args...)
}

// WarnUnknown reports every key that was never read: most are typos of a
// known key, so the warning suggests the closest one.
func (r *Reader) WarnUnknown() {
	var known []string
	for k := range r.read {
		known = append(known, k)
	}
	slices.Sort(known)
	for _, key := range slices.Sorted(mapsKeys(r.f)) {
		if r.read[key] {
			continue
		}
		hint := "it is ignored; remove it or check its spelling"
		if near := Closest(key, known); near != "" {
			hint = fmt.Sprintf("did you mean %q? It is ignored as written", r.prefix+near)
		}
		r.probs.Warn(r.Path, r.f[key].Line, hint, "unknown field %q", r.prefix+key)
	}
}

func scalarString(v any) string {
	switch v := v.(type) {
	case time.Time:
		return v.Format("2006-01-02")
	case Fields, []Field:
		return "…"
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}
