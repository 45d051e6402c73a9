package model

import (
	"pinzhi/generator/internal/source"
	"strings"
	"unicode"
)

// SlugProblem says why s cannot be a slug, or returns "" when it can.
// A slug is one path segment that needs no escaping beyond what browsers
// do for non-ASCII text: letters of any script, digits, '-', '_' and '.',
// not starting with a dot.
func SlugProblem(s string) source.Msg {
	switch {
	case s == "":
		return source.M("is empty: a slug needs a letter or a digit")
	case strings.ContainsAny(s, `/\`):
		return source.M("contains a slash; a slug is a single path segment")
	case strings.HasPrefix(s, "."):
		return source.M("starts with a dot")
	case len(s) > 200:
		return source.M("is longer than 200 bytes")
	}
	for _, r := range s {
		if !slugRune(r) {
			return source.M("contains %s, which is not safe in a URL", quoteRune(r))
		}
	}
	return source.Msg{}
}

func slugRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '.'
}

func quoteRune(r rune) any {
	if unicode.IsSpace(r) {
		return source.M("a space")
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
func SlugHint(slug string) source.Msg {
	if made := slugFromName(strings.TrimLeft(slug, ".")); made != "" && SlugProblem(made).Format == "" && made != slug {
		return source.M("use letters, digits, '-' and '_' only, e.g. slug: %s", made)
	}
	return source.M("use letters, digits, '-' and '_' only")
}
