package search

// gramTable numbers grams: an open-addressing hash table, which finds a
// number in a third of the time a Go map does, and a build looks up two
// grams for every character of the site. Zero is not a key: no gram it
// holds is zero (those below 1<<16 are numbered in an array).
type gramTable struct {
	keys  []gram
	vals  []int32
	shift uint
	n     int
}

func newGramTable() *gramTable {
	const size = 1 << 12
	return &gramTable{keys: make([]gram, size), vals: make([]int32, size), shift: 64 - 12}
}

func (t *gramTable) slot(g gram) uint64 { return uint64(g) * 0x9E3779B97F4A7C15 >> t.shift }

// get returns g's number, or -1.
func (t *gramTable) get(g gram) int32 {
	mask := uint64(len(t.keys) - 1)
	for i := t.slot(g); ; i = (i + 1) & mask {
		switch t.keys[i] {
		case g:
			return t.vals[i]
		case 0:
			return -1
		}
	}
}

// put gives g, which the table does not hold, the number n.
func (t *gramTable) put(g gram, n int32) {
	if (t.n+1)*4 > len(t.keys)*3 {
		t.grow()
	}
	mask := uint64(len(t.keys) - 1)
	i := t.slot(g)
	for t.keys[i] != 0 {
		i = (i + 1) & mask
	}
	t.keys[i], t.vals[i] = g, n
	t.n++
}

func (t *gramTable) grow() {
	keys, vals := t.keys, t.vals
	t.keys, t.vals = make([]gram, 2*len(keys)), make([]int32, 2*len(keys))
	t.shift--
	t.n = 0
	for i, k := range keys {
		if k != 0 {
			t.put(k, vals[i])
		}
	}
}
