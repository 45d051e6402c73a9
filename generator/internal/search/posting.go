package search

import (
	"math/bits"
	"slices"
)

// A posting is the set of documents a gram occurs in: a sorted list while
// it is sparse, a bitmap once the list would be the larger, so that a
// gram in every one of 50,000 documents costs 6 KB, not 200.
type posting struct {
	ids  []uint32 // sorted; nil once bits is used
	bits []uint64 // bit i%64 of word i/64 is document i
	n    int
}

func (p *posting) add(id uint32, docs int) {
	if p.bits != nil {
		w, m := id/64, uint64(1)<<(id%64)
		if p.bits[w]&m == 0 {
			p.bits[w] |= m
			p.n++
		}
		return
	}
	i, found := slices.BinarySearch(p.ids, id)
	if found {
		return
	}
	p.ids = slices.Insert(p.ids, i, id)
	p.n++
	if len(p.ids)*32 > docs {
		p.toBitmap(docs)
	}
}

// append adds a document after every one the posting has.
func (p *posting) append(id uint32, docs int) {
	if p.bits != nil {
		p.bits[id/64] |= 1 << (id % 64)
		p.n++
		return
	}
	p.ids = append(p.ids, id)
	p.n++
	if len(p.ids)*32 > docs {
		p.toBitmap(docs)
	}
}

func bitCount(w uint64) int { return bits.OnesCount64(w) }

func (p *posting) toBitmap(docs int) {
	p.bits = make([]uint64, (docs+63)/64)
	for _, id := range p.ids {
		p.bits[id/64] |= 1 << (id % 64)
	}
	p.ids = nil
}

func (p *posting) remove(id uint32) {
	if p.bits != nil {
		w, m := id/64, uint64(1)<<(id%64)
		if p.bits[w]&m != 0 {
			p.bits[w] &^= m
			p.n--
		}
		return
	}
	if i, found := slices.BinarySearch(p.ids, id); found {
		p.ids = slices.Delete(p.ids, i, i+1)
		p.n--
	}
}

// each calls f for every document, in ascending order.
func (p *posting) each(f func(id uint32)) {
	if p.bits == nil {
		for _, id := range p.ids {
			f(id)
		}
		return
	}
	for w, word := range p.bits {
		for word != 0 {
			b := bits.TrailingZeros64(word)
			f(uint32(w*64 + b))
			word &^= 1 << b
		}
	}
}

// vlqDigits are the characters of the base-64 numbers in the index: five
// bits of a number each, the sixth saying that more follow, lowest bits
// first (as source maps write them, without the sign).
const vlqDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

func appendVLQ(b []byte, n uint32) []byte {
	for n >= 32 {
		b = append(b, vlqDigits[32|n&31])
		n >>= 5
	}
	return append(b, vlqDigits[n])
}

// sizeHint is about what appendIDs writes: enough, mostly.
func (p *posting) sizeHint() int {
	if p.bits != nil {
		return len(p.bits)*64/6 + 2
	}
	return 2 * len(p.ids)
}

// appendIDs writes the documents of p: a sparse posting as the gaps
// between them (the first id, then each id less the one before it, less
// one), a dense one as its bitmap, six documents a digit after a "~",
// lowest first, without the digits of zeros at the end.
func (p *posting) appendIDs(b []byte) []byte {
	if p.bits == nil {
		next := uint32(0)
		for _, id := range p.ids {
			b = appendVLQ(b, id-next)
			next = id + 1
		}
		return b
	}
	b = append(b, '~')
	start := len(b)
	n := len(p.bits) * 64
	for i := 0; i < n; i += 6 {
		w, off := i/64, uint(i%64)
		v := p.bits[w] >> off
		if off > 58 && w+1 < len(p.bits) {
			v |= p.bits[w+1] << (64 - off)
		}
		b = append(b, vlqDigits[v&63])
	}
	for len(b) > start && b[len(b)-1] == 'A' {
		b = b[:len(b)-1]
	}
	return b
}
