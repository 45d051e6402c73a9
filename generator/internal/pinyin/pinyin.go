// Package pinyin gives the readings of a Chinese character in pinyin,
// without tones, commonest first: what the slug of a new page is made of.
//
// The table, readings.txt, is made from the dictionary of
// github.com/mozillazg/go-pinyin by go generate, and searched as it is
// embedded when a reading is asked for. go-pinyin builds its dictionary of
// 41,000 characters into a map when the program starts, which cost every
// run of pinzhi 12 ms of start-up and 19 ms of a build of the bundled
// publication, though only pinzhi new reads it.
package pinyin

import (
	_ "embed"
	"strconv"
	"strings"
)

//go:generate go run ./gen -o readings.txt

// table holds a header line, then a line a character in the order of
// their code points: a newline, the code point in hexadecimal, a space
// and the readings separated by commas.
//
//go:embed readings.txt
var table string

// Readings returns the readings of r, commonest first, or nil when the
// dictionary does not have r. Two readings that differ only in tone are
// one (号 hào and háo are hao). It is a binary search of the table's
// lines, so a title of any length costs a few steps a character.
func Readings(r rune) []string {
	lines := strings.TrimSuffix(table, "\n")
	lo, hi := strings.IndexByte(lines, '\n'), len(lines)
	if lo < 0 {
		return nil
	}
	// lines[lo] is always the newline that starts a line; hi ends the range.
	for lo < hi {
		start := lo + strings.LastIndexByte(lines[lo:lo+(hi-lo)/2+1], '\n')
		end := len(lines)
		if n := strings.IndexByte(lines[start+1:], '\n'); n >= 0 {
			end = start + 1 + n
		}
		code, readings, _ := strings.Cut(lines[start+1:end], " ")
		c, err := strconv.ParseUint(code, 16, 32)
		switch {
		case err != nil:
			return nil
		case rune(c) == r:
			return strings.Split(readings, ",")
		case rune(c) < r:
			lo = end
		default:
			hi = start
		}
	}
	return nil
}

// Spelling returns s in pinyin without tones or spaces, each character
// by its commonest reading (as slugs are made, so a page is found by its
// address), Latin letters and digits kept in lower case, anything else
// left out: 后大街社区 is houdajieshequ.
func Spelling(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
		default:
			if readings := Readings(r); len(readings) > 0 {
				b.WriteString(readings[0])
			}
		}
	}
	return b.String()
}
