package model

import (
	"slices"
	"strings"
	"unicode"

	"pinzhi/generator/internal/pinyin"
)

// A Reading is a character of a title that pinyin can be read more than
// one way: the slug took the first, the commonest, which a place name
// does not always use (长春 is changchun; the dictionary says zhang).
type Reading struct {
	Char   string
	Chosen string
	Others []string
}

// PinyinSlug makes a community's slug from its title: the title without
// its trailing 社区, each Chinese character as its pinyin without tones,
// Latin letters and digits kept in lower case, anything else a '-'
// between words. It returns the characters whose reading is a guess,
// each once, however often the title has it.
func PinyinSlug(title string) (string, []Reading) {
	title = strings.TrimSuffix(strings.TrimSpace(NFC(title)), CommunityMarker)
	var b strings.Builder
	var guesses []Reading
	dash := false
	add := func(s string) {
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteString(s)
	}
	for _, r := range title {
		if readings := pinyin.Readings(r); len(readings) > 0 {
			add(readings[0])
			if len(readings) > 1 && !slices.ContainsFunc(guesses, func(g Reading) bool { return g.Char == string(r) }) {
				guesses = append(guesses, Reading{Char: string(r), Chosen: readings[0], Others: readings[1:]})
			}
			continue
		}
		if slugRune(r) && r != '-' && r != '.' && r != '_' {
			add(string(unicode.ToLower(r)))
			continue
		}
		dash = true
	}
	return b.String(), guesses
}
