package search

import (
	"runtime"
	"sync"
)

// Fill sets every document of a new index at once: it is what Set does
// for each, without its locks, sorting and hashing per character, which
// cost a whole build's time at 10,000 pages. Each core takes a run of
// documents and notes, per gram, the documents of its run that hold it, in
// order; the runs' notes are then joined gram by gram.
func (x *Index) Fill(docs []Doc) {
	copy(x.docs, docs)
	for i := range docs {
		x.set[i], x.dirty[i] = true, true
	}
	runs := splitRuns(docs, min(runtime.GOMAXPROCS(0), max(1, len(docs)/64)))
	var wg sync.WaitGroup
	for _, r := range runs {
		wg.Go(func() { r.fill(docs) })
	}
	wg.Wait()
	for p := range partitions {
		wg.Go(func() { x.parts[p].join(runs, p, len(docs)) })
	}
	wg.Wait()
}

// splitRuns divides docs into n runs of about as much text each: the
// documents differ in size a thousandfold (a community's page, a brand
// entry's line), and a run that holds the pages holds the work. Runs start
// at a multiple of 64, so that their bitmaps' words line up.
func splitRuns(docs []Doc, n int) []*run {
	size := func(d *Doc) int { return len(d.Head)*2 + len(d.Fields) + len(d.Body) + 1 }
	total := 0
	for i := range docs {
		total += size(&docs[i])
	}
	var runs []*run
	lo, sum := 0, 0
	for i := range docs {
		sum += size(&docs[i])
		if i+1 == len(docs) || (i+1)%64 == 0 && sum*n >= total*(len(runs)+1) && len(runs) < n-1 {
			runs = append(runs, &run{lo: lo, hi: i + 1})
			lo = i + 1
		}
	}
	return runs
}

// A run is the documents lo to hi and the grams they hold. Grams are
// numbered as they are met, and found by number in arrays. A gram that
// most documents hold becomes dense: its documents are kept as bits, 64
// documents to a word, the words of all dense grams for each 64
// documents side by side, so that the bits a document sets lie together
// in the processor's cache rather than in a bitmap per gram.
type run struct {
	lo, hi int
	ids    *gramTable // gram -> number
	chars  []int32    // unmarked unigram of the Basic Multilingual Plane -> number + 1
	grams  []gram     // number -> gram
	lists  [][]uint32 // number -> documents, while sparse
	dense  []int32    // number -> place among the dense grams + 1, or 0
	last   []uint32   // number -> the last document added, plus one
	words  [][]uint64 // for each 64 documents of the run, a word per dense gram
	nDense int32
	byPart [partitions][]int32
}

// number returns the gram's number, giving it one if it has none.
func (r *run) number(g gram) int32 {
	if g < 1<<16 {
		if n := r.chars[g]; n > 0 {
			return n - 1
		}
	} else if n := r.ids.get(g); n >= 0 {
		return n
	}
	n := int32(len(r.grams))
	r.grams = append(r.grams, g)
	r.lists = append(r.lists, nil)
	r.dense = append(r.dense, 0)
	r.last = append(r.last, 0)
	if g < 1<<16 {
		r.chars[g] = n + 1
	} else {
		r.ids.put(g, n)
	}
	return n
}

// setBit notes document id for the dense gram of place d.
func (r *run) setBit(d int32, id uint32) {
	k := (int(id) - r.lo) / 64
	if int(d) >= len(r.words[k]) {
		r.words[k] = append(r.words[k], make([]uint64, int(r.nDense)-len(r.words[k]))...)
	}
	r.words[k][d] |= 1 << (id % 64)
}

func (r *run) add(g gram, id uint32) {
	n := r.number(g)
	if d := r.dense[n]; d > 0 {
		r.setBit(d-1, id) // again if the gram repeats in the document: no matter
		return
	}
	if r.last[n] == id+1 {
		return // the gram again, in the same document
	}
	r.last[n] = id + 1
	r.lists[n] = append(r.lists[n], id)
	if len(r.lists[n]) > (r.hi-r.lo)/32 {
		r.nDense++
		r.dense[n] = r.nDense
		for _, id := range r.lists[n] {
			r.setBit(r.nDense-1, id)
		}
		r.lists[n] = nil
	}
}

func (r *run) fill(docs []Doc) {
	r.ids, r.chars = newGramTable(), make([]int32, 1<<16)
	r.words = make([][]uint64, (r.hi-r.lo+63)/64)
	for id := r.lo; id < r.hi; id++ {
		if k := (id - r.lo) / 64; (id-r.lo)%64 == 0 {
			// The words of the next 64 documents, as many as there are
			// dense grams so far, and room for those to come.
			r.words[k] = make([]uint64, r.nDense, int(r.nDense+r.nDense/8+64))
		}
		d := &docs[id]
		for _, part := range [...]struct {
			text string
			mark gram
		}{{d.Head, 0}, {d.Fields, 0}, {d.Body, 0}, {d.Head, headGram}} {
			prev := rune(-1)
			for _, c := range part.text {
				if IsSeparator(c) {
					prev = -1
					continue
				}
				f := Fold(c)
				r.add(part.mark|unigram(f), uint32(id))
				if prev >= 0 {
					r.add(part.mark|twoChars(prev, f), uint32(id))
				}
				prev = f
			}
		}
	}
	for n, g := range r.grams {
		p := g.hash() % partitions
		r.byPart[p] = append(r.byPart[p], int32(n))
	}
	r.ids, r.chars, r.last = nil, nil, nil
}

// join makes the postings of partition p from the runs' notes, in the
// order of the runs, which is the order of the documents.
func (pt *part) join(runs []*run, p int, docs int) {
	for _, r := range runs {
		for _, n := range r.byPart[p] {
			g := r.grams[n]
			post := pt.grams[g]
			if post == nil {
				post = &posting{}
				pt.grams[g] = post
			}
			d := r.dense[n] - 1
			if d < 0 {
				for _, id := range r.lists[n] {
					post.append(id, docs)
				}
				continue
			}
			if post.bits == nil {
				post.toBitmap(docs)
			}
			w0 := r.lo / 64
			for k, words := range r.words {
				if int(d) < len(words) && words[d] != 0 {
					post.n += bitCount(words[d] &^ post.bits[w0+k])
					post.bits[w0+k] |= words[d]
				}
			}
		}
	}
}
