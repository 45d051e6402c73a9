// Package pinyin gives the readings of a Chinese character in pinyin,
// without tones, commonest first: what the slug of a new page is made of.
//
// The table, readings.txt, is made from the dictionary of
// github.com/mozillazg/go-pinyin by go generate, and searched as text when
// a reading is asked for. go-pinyin builds its dictionary of 41,000
// characters into a map when the program starts, which cost every run of
// pinzhi 12 ms of start-up and 19 ms of a build of the bundled
// publication, though only pinzhi new reads it.
package pinyin

import (
	_ "embed"
	"strconv"
	"strings"
)

//go:generate go run ./gen -o readings.txt

// table holds a line a character: a newline, the character's code point
// in hexadecimal, a space and its readings separated by commas.
//
//go:embed readings.txt
var table string

// Readings returns the readings of r, commonest first, or nil when the
// dictionary does not have r. Two readings that differ only in tone are
// one (号 hào and háo are hao).
func Readings(r rune) []string {
	key := "\n" + strconv.FormatInt(int64(r), 16) + " "
	i := strings.Index(table, key)
	if i < 0 {
		return nil
	}
	line := table[i+len(key):]
	if end := strings.IndexByte(line, '\n'); end >= 0 {
		line = line[:end]
	}
	return strings.Split(line, ",")
}
