package search

import "unicode"

// Fold is the form in which a character is indexed and searched: full-width
// Latin letters, digits and punctuation as their ASCII forms (ＬＯＧＯ is
// LOGO), the ideographic space as a space, letters in lower case. Every
// character folds to exactly one, so positions in the folded text are
// positions in the text. search.js folds queries the same way; a test
// compares the two on every character of the Basic Multilingual Plane.
func Fold(r rune) rune {
	if r >= 0 && r < 1<<16 {
		return rune(bmp.fold[r])
	}
	return fold(r)
}

func fold(r rune) rune {
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

// bmp holds Fold and IsSeparator for the Basic Multilingual Plane, worked
// out once: a build asks for every character of the site, and Unicode's
// tables answer by searching.
var bmp = func() (t struct {
	fold      [1 << 16]uint16
	separator [1 << 16 / 64]uint64
}) {
	for r := range rune(1 << 16) {
		t.fold[r] = uint16(fold(r))
		if isSeparator(r) {
			t.separator[r/64] |= 1 << (r % 64)
		}
	}
	return t
}()
