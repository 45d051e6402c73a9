package search

import (
	"encoding/binary"
	"slices"
	"sync"
	"unicode/utf8"
)

// A Collector fills a new index: it notes the grams of each document as
// its page's text comes, in any order, so that no text is held until the
// last page is rendered, and then makes the postings at once (Fill). It
// does what Set does for each document without Set's locks, sorting and
// hashing per character, which cost a whole build's time at 10,000 pages.
// Grams are numbered as they are met and found by number in arrays. A gram
// that many documents hold becomes dense: its documents are kept as bits,
// 64 documents to a word, the words of all dense grams for each 64
// documents side by side, so that the bits a document sets lie together
// in the processor's cache rather than in a bitmap per gram.
//
// A Collector is used by one goroutine at a time.
type Collector struct {
	x      *Index
	ids    *gramTable // gram -> number
	chars  []int32    // unmarked unigram of the Basic Multilingual Plane -> number + 1
	grams  []gram     // number -> gram
	lists  [][]uint32 // number -> documents, in the order added, while sparse
	dense  []int32    // number -> place among the dense grams + 1, or 0
	last   []uint32   // number -> the last document added, plus one
	words  [][]uint64 // for each 64 documents, a word per dense gram
	nDense int32
	added  []bool
	kept   []byte // the numbers of the grams of the document being added, when the index keeps them
	head   []byte // the head of the document being added
}

// Collector returns a Collector that fills x, which must be new.
func (x *Index) Collector() *Collector {
	n := len(x.docs)
	return &Collector{x: x, ids: newGramTable(), chars: make([]int32, 1<<16),
		words: make([][]uint64, (n+63)/64), added: make([]bool, n)}
}

// Add notes the grams of document id, whose page shows text (see
// PageText), and those of its head. Each document is added at most once;
// those never added are found by their heads alone.
func (c *Collector) Add(id int, text []byte) {
	if c.added[id] {
		return
	}
	c.added[id] = true
	c.kept = c.kept[:0]
	d := &c.x.docs[id]
	c.head = append(c.head[:0], d.Head...)
	c.addText(id, c.head, 0)
	c.addText(id, text, 0)
	c.addText(id, c.head, headGram)
	if d.Aliases != "" {
		c.head = append(c.head[:0], d.Aliases...)
		c.addText(id, c.head, 0)
		c.addText(id, c.head, headGram)
	}
	if c.x.kept != nil {
		c.x.kept[id] = keptGrams{data: slices.Clone(c.kept)}
	}
}

// addText notes the grams of a text of document id, each with mark.
func (c *Collector) addText(id int, text []byte, mark gram) {
	prev := rune(-1)
	for len(text) > 0 {
		r, size := rune(text[0]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(text)
		}
		text = text[size:]
		f := Fold(r)
		if Ignorable(f) {
			continue // see appendGrams
		}
		c.add(mark|unigram(f), uint32(id))
		if prev >= 0 {
			c.add(mark|twoChars(prev, f), uint32(id))
		}
		prev = f
	}
}

// number returns the gram's number, giving it one if it has none.
func (c *Collector) number(g gram) int32 {
	if g < 1<<16 {
		if n := c.chars[g]; n > 0 {
			return n - 1
		}
	} else if n := c.ids.get(g); n >= 0 {
		return n
	}
	n := int32(len(c.grams))
	c.grams = append(c.grams, g)
	c.lists = append(c.lists, nil)
	c.dense = append(c.dense, 0)
	c.last = append(c.last, 0)
	if g < 1<<16 {
		c.chars[g] = n + 1
	} else {
		c.ids.put(g, n)
	}
	return n
}

func (c *Collector) add(g gram, id uint32) {
	n := c.number(g)
	if c.last[n] == id+1 {
		return // the gram again, in the same document
	}
	c.last[n] = id + 1
	if c.x.kept != nil {
		c.kept = binary.AppendUvarint(c.kept, uint64(n))
	}
	if d := c.dense[n]; d > 0 {
		c.setBit(d-1, id)
		return
	}
	c.lists[n] = append(c.lists[n], id)
	if len(c.lists[n]) > len(c.x.docs)/32 {
		c.nDense++
		c.dense[n] = c.nDense
		for _, id := range c.lists[n] {
			c.setBit(c.nDense-1, id)
		}
		c.lists[n] = nil
	}
}

// setBit notes document id for the dense gram of place d.
func (c *Collector) setBit(d int32, id uint32) {
	k := id / 64
	if c.words[k] == nil {
		// The words of these 64 documents, as many as there are dense
		// grams so far, and room for those to come.
		c.words[k] = make([]uint64, c.nDense, int(c.nDense+c.nDense/8+64))
	}
	if int(d) >= len(c.words[k]) {
		c.words[k] = append(c.words[k], make([]uint64, int(c.nDense)-len(c.words[k]))...)
	}
	c.words[k][d] |= 1 << (id % 64)
}

// Fill makes the index's postings from what was added, a partition of
// the grams on each core, and the heads of the documents never added.
// The Collector is done then.
func (c *Collector) Fill() {
	for id, added := range c.added {
		if !added {
			c.Add(id, nil)
		}
	}
	var byPart [partitions][]int32
	for n, g := range c.grams {
		p := g.hash() % partitions
		byPart[p] = append(byPart[p], int32(n))
	}
	c.ids, c.chars, c.last, c.kept = nil, nil, nil, nil
	var wg sync.WaitGroup
	for p := range partitions {
		wg.Go(func() { c.x.parts[p].join(c, byPart[p]) })
	}
	wg.Wait()
	if c.x.kept != nil {
		for id := range c.x.kept {
			c.x.kept[id].table = c.grams
		}
	}
	for i := range c.x.dirty {
		c.x.dirty[i] = true
	}
	c.lists, c.words = nil, nil
}

// join makes the postings of the grams numbered ns.
func (pt *part) join(c *Collector, ns []int32) {
	docs := len(c.x.docs)
	for _, n := range ns {
		post := &posting{}
		pt.grams[c.grams[n]] = post
		d := c.dense[n] - 1
		if d < 0 {
			slices.Sort(c.lists[n])
			for _, id := range c.lists[n] {
				post.append(id, docs)
			}
			continue
		}
		post.toBitmap(docs)
		for k, words := range c.words {
			if int(d) < len(words) && words[d] != 0 {
				post.n += bitCount(words[d])
				post.bits[k] |= words[d]
			}
		}
	}
}
