package search

import (
	_ "embed"
	"strings"
	"unicode"
)

//go:generate go run ./gen -o traditional.txt

// traditional holds a header line, then a line a character: a traditional
// character and its simplified form, as OpenCC converts them (t2s).
//
//go:embed traditional.txt
var traditional string

// traditionalPairs are the table's pairs in order, and simplified maps
// each traditional character to its simplified form.
var traditionalPairs, simplified = func() ([][2]rune, map[rune]rune) {
	lines := strings.Split(strings.TrimSpace(traditional), "\n")[1:]
	pairs := make([][2]rune, len(lines))
	m := make(map[rune]rune, len(lines))
	for i, line := range lines {
		rs := []rune(line)
		pairs[i] = [2]rune{rs[0], rs[1]}
		m[rs[0]] = rs[1]
	}
	return pairs, m
}()

// Traditional returns the whole table of traditional characters, each
// followed by its simplified form, as a manifest gives search.js the
// part of it a site needs.
func Traditional() string {
	_, pairs, _ := strings.Cut(traditional, "\n")
	return strings.ReplaceAll(pairs, "\n", "")
}

// Fold is the form in which a character is indexed and searched: full-width
// Latin letters, digits and punctuation as their ASCII forms (ＬＯＧＯ is
// LOGO), the ideographic space as a space, letters in lower case, a
// traditional character as its simplified form (後 is 后; OpenCC's
// table). Every character folds to exactly one, so positions in the
// folded text are positions in the text. search.js folds queries the same
// way; a test compares the two on every character of the Basic
// Multilingual Plane.
func Fold(r rune) rune {
	if r >= 0 && r < 1<<16 {
		return rune(bmp.fold[r])
	}
	return fold(r)
}

func fold(r rune) rune {
	if s, ok := simplified[r]; ok {
		return s
	}
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		r -= 0xFEE0
	case r == 0x3000:
		return ' '
	}
	if l, ok := newerLower[r]; ok {
		return l
	}
	if l := unicode.ToLower(r); l != r && !lowerExceptions[r] {
		return l
	}
	return r
}

// newerLower are the capitals Unicode 16 added, which browsers lower and
// Go's Unicode 15 tables do not know: folded here as browsers fold them.
var newerLower = map[rune]rune{
	0x1C89: 0x1C8A, 0xA7CB: 0x0264, 0xA7CC: 0xA7CD, 0xA7CE: 0xA7CF,
	0xA7D2: 0xA7D3, 0xA7D4: 0xA7D5, 0xA7DA: 0xA7DB, 0xA7DC: 0x019B,
}

// lowerExceptions are the characters whose lower case JavaScript writes as
// more than one character (İ is i with a combining dot): left as they
// are, on both sides.
var lowerExceptions = map[rune]bool{0x130: true}

// IsSeparator reports whether r separates words: whitespace, which is
// never indexed, so that no query matches across it.
func IsSeparator(r rune) bool {
	if r >= 0 && r < 1<<16 {
		return bmp.separator[r/64]&(1<<(r%64)) != 0
	}
	return isSeparator(r)
}

func isSeparator(r rune) bool { return unicode.IsSpace(r) || r == 0xFEFF }

// Ignorable reports whether a folded character is left out of the index
// and of queries: a separator or punctuation. Readers type names
// without their quotation marks (居民众筹自治工程 for “居民众筹”自治工程)
// and pinyin with or without spaces, so the characters on either side of
// these are indexed as adjacent.
func Ignorable(r rune) bool {
	if r >= 0 && r < 1<<16 {
		return bmp.ignorable[r/64]&(1<<(r%64)) != 0
	}
	return isIgnorable(r)
}

func isIgnorable(r rune) bool { return isSeparator(r) || unicode.IsPunct(r) || newerPunct[r] }

// newerPunct is the punctuation of the Basic Multilingual Plane that
// Unicode 16 added and browsers know, which Go's Unicode 15 tables do not.
var newerPunct = map[rune]bool{0x1B4E: true, 0x1B4F: true, 0x1B7F: true}

// bmp holds Fold and IsSeparator for the Basic Multilingual Plane, worked
// out once: a build asks for every character of the site, and Unicode's
// tables answer by searching.
var bmp = func() (t struct {
	fold      [1 << 16]uint16
	separator [1 << 16 / 64]uint64
	ignorable [1 << 16 / 64]uint64
}) {
	for r := range rune(1 << 16) {
		t.fold[r] = uint16(fold(r))
		if isSeparator(r) {
			t.separator[r/64] |= 1 << (r % 64)
		}
		if isIgnorable(r) {
			t.ignorable[r/64] |= 1 << (r % 64)
		}
	}
	return t
}()
