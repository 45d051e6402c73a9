package search

import "slices"

// A gram is one character or two adjacent ones of a text, folded: the
// keys of the index. Every query of one character is a unigram; every
// longer one is found through its bigrams, all of which a page holding it
// holds (and then checked against the text). A gram of a document's head
// is indexed once more, marked, so that head matches can rank first.
type gram uint64

const (
	headGram = 1 << 63
	bigram   = 1 << 62
)

// unigram and twoChars make grams of folded characters (below 1<<21).
func unigram(r rune) gram     { return gram(r) }
func twoChars(a, b rune) gram { return bigram | gram(a)<<21 | gram(b) }

// runes returns the gram's characters, a head gram's with the mark, \x01,
// first: as the index's files write it and search.js hashes it.
func (g gram) runes() []rune {
	var rs []rune
	if g&headGram != 0 {
		rs = append(rs, 1)
	}
	if g&bigram != 0 {
		return append(rs, rune(g>>21&(1<<21-1)), rune(g&(1<<21-1)))
	}
	return append(rs, rune(g&(1<<21-1)))
}

func (g gram) String() string { return string(g.runes()) }

// hash is FNV-1a over the gram's characters as 32-bit numbers, without a
// head gram's mark: which file of the index holds the gram. A head gram
// shares its file with the unmarked one, since every query asks for both.
// search.js computes the same.
func (g gram) hash() uint32 {
	h := uint32(2166136261)
	for _, r := range (g &^ headGram).runes() {
		h ^= uint32(r)
		h *= 16777619
	}
	return h
}

// docGrams appends the distinct grams of a document to buf, sorted: those
// of its head, its aliases and its page's text, and those of its head
// and aliases again, marked. No gram joins two of them.
func docGrams(buf []gram, d *Doc, text string) []gram {
	buf = appendGrams(buf, d.Head, 0)
	buf = appendGrams(buf, text, 0)
	buf = appendGrams(buf, d.Head, headGram)
	buf = appendGrams(buf, d.Aliases, 0)
	buf = appendGrams(buf, d.Aliases, headGram)
	slices.Sort(buf)
	return slices.Compact(buf)
}

// appendGrams appends the grams of text, each with mark. Ignorable
// characters (separators, punctuation) are not indexed: the characters
// on either side of them make a pair.
func appendGrams(buf []gram, text string, mark gram) []gram {
	prev := rune(-1)
	for _, r := range text {
		f := Fold(r)
		if Ignorable(f) {
			continue
		}
		buf = append(buf, mark|unigram(f))
		if prev >= 0 {
			buf = append(buf, mark|twoChars(prev, f))
		}
		prev = f
	}
	return buf
}
