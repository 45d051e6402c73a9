// Package search builds the index behind the site's search page: every
// character and every pair of adjacent characters of what each page shows,
// with the pages they occur in, split into files so that a query loads
// only the few it needs. Readers find any substring of a page, Chinese
// included, without a server: search.js, embedded here, reads the files.
//
// The index holds no copy of the pages' text. What a result shows of its
// page, and whether a query of more than two characters is really on it,
// search.js reads from the page itself, as the site serves it: the text
// of its elements marked with Marker (see PageText).
package search

import (
	_ "embed"
	"slices"
	"sync"
)

// Script is search.js, which reads the index in the reader's browser.
//
//go:embed search.js
var Script []byte

// A Doc is one result a reader can find: a page, or an entry of the brand
// list. Its documents are numbered in the order results are listed in
// when they match equally well.
type Doc struct {
	Path     string // site path: "communities/houdajie/", or "brands/#brand-12", which has no page of its own
	Head     string // the title, then the leader's name and role, a line each: a match here ranks first
	District int    // index into the site's districts, -1 for none
	Label    string // what kind of result it is, when the title does not say: 百佳品牌
	// Aliases are other ways readers write the head, a line each: the
	// pinyin of a community's title and leader's name (houdajieshequ,
	// wuminli). They are found as the head is, and never shown.
	Aliases string
}

// partitions split the grams among locks, so that documents are set from
// many goroutines at once.
const partitions = 64

// Index is the search index of a site of a fixed number of documents. It
// is filled once by a Collector and then, if it keeps its documents'
// grams, kept up to date document by document with Set. Set may be
// called concurrently for different documents; Encode must not run
// meanwhile.
type Index struct {
	docs    []Doc
	dirty   []bool // documents changed since the last Encode
	parts   [partitions]part
	last    encoding  // what the last Encode wrote, to skip what did not change
	buffers sync.Pool // of *[]byte: see buffer
	// kept are each document's grams, when the index is to be updated:
	// the grams it was set with are the ones Set takes away.
	kept []keptGrams
}

type part struct {
	mu    sync.Mutex
	grams map[gram]*posting
	dirty map[uint32]bool // hashes of the grams whose postings changed since the last Encode
}

// New returns an empty index of the documents; keep says whether it is
// to be updated with Set, and so keeps what it needs of each document: its
// grams, about as many bytes as its text.
func New(docs []Doc, keep bool) *Index {
	x := &Index{docs: slices.Clone(docs), dirty: make([]bool, len(docs))}
	for i := range x.parts {
		x.parts[i] = part{grams: map[gram]*posting{}, dirty: map[uint32]bool{}}
	}
	if keep {
		x.kept = make([]keptGrams, len(docs))
	}
	return x
}

// Len is the number of documents.
func (x *Index) Len() int { return len(x.docs) }

// Set makes d, showing text, the document id, adding and removing only
// the grams in which it differs from the document it replaces. The index
// must keep its documents' grams (see New).
func (x *Index) Set(id int, d Doc, text string) {
	grams := docGrams(nil, &d, text)
	old := x.kept[id].grams()
	if x.docs[id] == d && slices.Equal(old, grams) {
		return
	}
	x.apply(uint32(id), old, grams)
	x.kept[id] = keepSorted(grams)
	x.docs[id], x.dirty[id] = d, true
}

// Describe gives document id the path, district and label of d, whose
// head is the one it has: its grams stay as they are.
func (x *Index) Describe(id int, d Doc) {
	if x.docs[id] != d {
		x.docs[id], x.dirty[id] = d, true
	}
}

// apply removes id from the grams of old that new lacks and adds it to
// those of new that old lacks; both are sorted.
func (x *Index) apply(id uint32, old, new []gram) {
	var byPart [partitions][]change
	i, j := 0, 0
	for i < len(old) || j < len(new) {
		switch {
		case j == len(new) || i < len(old) && old[i] < new[j]:
			byPart[old[i].hash()%partitions] = append(byPart[old[i].hash()%partitions], change{old[i], false})
			i++
		case i == len(old) || new[j] < old[i]:
			byPart[new[j].hash()%partitions] = append(byPart[new[j].hash()%partitions], change{new[j], true})
			j++
		default:
			i++
			j++
		}
	}
	for p, changes := range byPart {
		if len(changes) > 0 {
			x.parts[p].apply(id, changes, len(x.docs))
		}
	}
}

type change struct {
	g   gram
	add bool
}

func (p *part) apply(id uint32, changes []change, docs int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range changes {
		post := p.grams[c.g]
		switch {
		case c.add && post == nil:
			post = &posting{}
			p.grams[c.g] = post
			fallthrough
		case c.add:
			post.add(id, docs)
		case post != nil:
			post.remove(id)
			if post.n == 0 {
				delete(p.grams, c.g)
			}
		}
		p.dirty[c.g.hash()] = true
	}
}

// Grams returns every gram of the index, as written in its files, with
// the documents it occurs in: for tests.
func (x *Index) Grams() map[string][]int {
	out := map[string][]int{}
	for i := range x.parts {
		for g, post := range x.parts[i].grams {
			var ids []int
			post.each(func(id uint32) { ids = append(ids, int(id)) })
			out[g.String()] = ids
		}
	}
	return out
}

// sortedGrams returns the grams of the index, sorted.
func (x *Index) sortedGrams() []gram {
	var all []gram
	for i := range x.parts {
		for g := range x.parts[i].grams {
			all = append(all, g)
		}
	}
	slices.Sort(all)
	return all
}
