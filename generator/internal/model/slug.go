package model

import (
	"strings"
	"unicode"
)

// SlugProblem says why s cannot be a slug, or returns "" when it can.
// A slug is one path segment that needs no escaping beyond what browsers
// do for non-ASCII text: letters of any script, digits, '-', '_' and '.',
// not starting with a dot.
func SlugProblem(s string) string {
	switch {
	case s == "":
		return "is empty"
	case strings.ContainsAny(s, `/\`):
		return "contains a slash; a slug is a single path segment"
	case strings.HasPrefix(s, "."):
		return "starts with a dot"
	case len(s) > 200:
		return "is longer than 200 bytes"
	}
	for _, r := range s {
		if !slugRune(r) {
			return "contains " + quoteRune(r) + ", which is not safe in a URL"
		}
	}
	return ""
}

func slugRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '.'
}

func quoteRune(r rune) string {
	if unicode.IsSpace(r) {
		return "a space"
	}
	return "\"" + string(r) + "\""
}

// slugFromName makes a slug from a file name (without its extension), in
// Unicode's composed form:
// ASCII letters are lowercased and every run of other unsafe characters,
// spaces included, becomes one '-'. Chinese characters are kept.
func slugFromName(name string) string {
	name = NFC(name)
	var b strings.Builder
	dash := false
	for _, r := range name {
		if slugRune(r) && r != '-' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		dash = true
	}
	return strings.TrimLeft(b.String(), ".")
}

// SlugHint says how to write a slug, from the editor's own.
func SlugHint(slug string) string {
	hint := "use letters, digits, '-' and '_' only"
	if made := slugFromName(strings.TrimLeft(slug, ".")); made != "" && SlugProblem(made) == "" && made != slug {
		hint += ", e.g. slug: " + made
	}
	return hint
}
