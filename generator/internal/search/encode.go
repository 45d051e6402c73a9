package search

import (
	"crypto/sha256"
	"encoding/hex"
	"math/bits"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Sizes the files aim at, before compression: a query loads a file for
// each of its grams and one for each few results, so files are small;
// but every file is a request, so not too small.
const (
	shardBytes = 12 << 10
	blockBytes = 3 << 10
	maxShards  = 4096
	maxBlock   = 256
)

// encoding is what Encode wrote: how the index was split, and each file's
// name, which is a hash of its content.
type encoding struct {
	shards       []string
	blockSize    int
	blocks       []string
	district     string
	manifest     string
	manifestData []byte
}

// A File is a file of the index.
type File struct {
	Name string // "s12.1a2b3c4d5e.json": a kind, a number, a hash of the content
	Data []byte
}

// Encode writes the index's files: the manifest, which search.js reads
// first (the districts' names and the names of the other files; the
// search page carries a copy, see Manifest); the shards, each a JSON
// object from gram to the documents it occurs in; the blocks, each the
// paths, heads, districts and labels of a run of documents; the district
// file, each document's district, which a query reads only to keep one
// district's results. The files are made on every core; emit is called
// with one at a time, for every file when all is set, else for those that
// changed since the last Encode. Encode returns the names of all the
// index's files, the manifest's first.
func (x *Index) Encode(districts [][2]string, all bool, emit func(File) error) ([]string, error) {
	grams := x.sortedGrams()
	enc := encoding{shards: make([]string, shardCount(x.postingBytes(grams)))}
	enc.blockSize = blockSize(x.docs)
	enc.blocks = make([]string, (len(x.docs)+enc.blockSize-1)/enc.blockSize)
	reuse := !all && len(enc.shards) == len(x.last.shards) && enc.blockSize == x.last.blockSize && len(enc.blocks) == len(x.last.blocks)

	var jobs []job
	byShard := make([][]gram, len(enc.shards))
	for _, g := range grams {
		s := g.hash() % uint32(len(enc.shards))
		byShard[s] = append(byShard[s], g)
	}
	dirtyShard := x.dirtyShards(len(enc.shards))
	for s := range enc.shards {
		if reuse && !dirtyShard[s] {
			enc.shards[s] = x.last.shards[s]
			continue
		}
		jobs = append(jobs, job{&enc.shards[s], func() File { return x.shardFile(s, byShard[s]) }})
	}
	for b := range enc.blocks {
		lo, hi := b*enc.blockSize, min((b+1)*enc.blockSize, len(x.docs))
		if reuse && !slices.Contains(x.dirty[lo:hi], true) {
			enc.blocks[b] = x.last.blocks[b]
			continue
		}
		jobs = append(jobs, job{&enc.blocks[b], func() File { return x.blockFile(b, lo, hi) }})
	}
	err := runJobs(jobs, func(f File) error {
		if all || !x.had(f.Name) {
			return emit(f)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	district := x.districtFile()
	enc.district = district.Name
	manifest := x.manifestFile(districts, enc)
	enc.manifest, enc.manifestData = manifest.Name, slices.Clone(manifest.Data) // emit may recycle the data
	for _, f := range []File{district, manifest} {
		if all || !slices.Contains([]string{x.last.district, x.last.manifest}, f.Name) {
			if err := emit(f); err != nil {
				return nil, err
			}
		}
	}
	x.last = enc
	x.clean()
	return slices.Concat([]string{enc.manifest, enc.district}, enc.shards, enc.blocks), nil
}

// Manifest returns the content of the manifest the last Encode wrote: the
// search page carries it, so that a first query loads its shards at once.
func (x *Index) Manifest() []byte { return x.last.manifestData }

// had reports whether the last Encode wrote a file of that name: then its
// content is the same.
func (x *Index) had(name string) bool {
	return slices.Contains(x.last.shards, name) || slices.Contains(x.last.blocks, name)
}

// A job makes a file, whose name goes into name.
type job struct {
	name *string
	make func() File
}

// runJobs makes the files on every core, naming each and handing it to
// done, one at a time; the first error done returns is returned.
func runJobs(jobs []job, done func(File) error) error {
	type made struct {
		f File
		j job
	}
	results := make(chan made)
	next := make(chan job)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for j := range next {
				results <- made{j.make(), j}
			}
		})
	}
	go func() {
		for _, j := range jobs {
			next <- j
		}
		close(next)
		wg.Wait()
		close(results)
	}()
	var err error
	for r := range results {
		*r.j.name = r.f.Name
		if err == nil {
			err = done(r.f)
		}
	}
	return err
}

// dirtyShards says which shards hold a gram that changed.
func (x *Index) dirtyShards(n int) []bool {
	dirty := make([]bool, n)
	for i := range x.parts {
		for h := range x.parts[i].dirty {
			dirty[h%uint32(n)] = true
		}
	}
	return dirty
}

func (x *Index) clean() {
	clear(x.dirty)
	for i := range x.parts {
		clear(x.parts[i].dirty)
	}
}

// postingBytes estimates the size of all the shards: a character or so
// for each document of each gram, and the gram.
func (x *Index) postingBytes(grams []gram) int {
	total := 0
	for _, g := range grams {
		total += x.parts[g.hash()%partitions].grams[g].n + 12
	}
	return total
}

// shardCount is how many shards hold postings of that size: a power of two,
// so that a small change in size rarely changes it, and with it every file.
func shardCount(bytes int) int {
	n := (bytes + shardBytes - 1) / shardBytes
	if n <= 1 {
		return 1
	}
	return min(1<<bits.Len(uint(n-1)), maxShards)
}

// blockSize is how many documents a block holds: a power of two near
// blockBytes.
func blockSize(docs []Doc) int {
	if len(docs) == 0 {
		return 1
	}
	total := 0
	for i := range docs {
		total += docBytes(&docs[i]) + 8
	}
	per := max(1, blockBytes/max(1, total/len(docs)))
	return min(1<<(bits.Len(uint(per))-1), maxBlock)
}

// docBytes is about what a document takes in its block.
func docBytes(d *Doc) int { return len(d.Path) + len(d.Head) + len(d.Label) + len(d.Aliases) + 6 }

func (x *Index) shardFile(n int, grams []gram) File {
	size := 2
	for _, g := range grams {
		size += x.parts[g.hash()%partitions].grams[g].sizeHint() + 16
	}
	b := append(x.buffer(size), '{')
	for i, g := range grams {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, g.String())
		b = append(b, ':', '"')
		b = x.parts[g.hash()%partitions].grams[g].appendIDs(b)
		b = append(b, '"')
	}
	return named("s", n, append(b, '}'))
}

func (x *Index) blockFile(n, lo, hi int) File {
	size := 2
	for i := lo; i < hi; i++ {
		size += docBytes(&x.docs[i]) + 16
	}
	b := append(x.buffer(size), '[')
	for i := lo; i < hi; i++ {
		if i > lo {
			b = append(b, ',')
		}
		d := &x.docs[i]
		b = append(b, '[')
		b = appendJSONString(b, d.Path)
		b = append(b, ',')
		b = appendJSONString(b, d.Head)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(d.District), 10)
		if d.Label != "" || d.Aliases != "" {
			b = append(b, ',')
			b = appendJSONString(b, d.Label)
		}
		if d.Aliases != "" {
			b = append(b, ',')
			b = appendJSONString(b, d.Aliases)
		}
		b = append(b, ']')
	}
	return named("b", n, append(b, ']'))
}

func (x *Index) manifestFile(districts [][2]string, enc encoding) File {
	b := []byte(`{"docs":`)
	b = strconv.AppendInt(b, int64(len(x.docs)), 10)
	b = append(b, `,"block":`...)
	b = strconv.AppendInt(b, int64(enc.blockSize), 10)
	b = append(b, `,"districts":[`...)
	for i, d := range districts {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONList(b, d[:])
	}
	b = append(b, ']')
	b = appendJSONString(append(b, `,"district":`...), enc.district)
	b = appendJSONList(append(b, `,"shards":`...), hashesOf(enc.shards))
	b = appendJSONList(append(b, `,"blocks":`...), hashesOf(enc.blocks))
	b = appendJSONString(append(b, `,"traditional":`...), x.traditional())
	return named("index", -1, append(b, '}'))
}

// traditional returns the pairs of OpenCC's table (see Traditional) whose
// simplified character the index holds: search.js folds queries with
// them. A query's traditional character whose simplified form is on no
// page finds nothing whether folded or not, so the rest of the table,
// most of it on a site of the special's size, need not reach the reader.
func (x *Index) traditional() string {
	var b strings.Builder
	for _, pair := range traditionalPairs {
		g := unigram(pair[1])
		if _, held := x.parts[g.hash()%partitions].grams[g]; held {
			b.WriteRune(pair[0])
			b.WriteRune(pair[1])
		}
	}
	return b.String()
}

// buffer returns an empty slice with room for size bytes, from the files
// written and recycled before: the index is tens of megabytes, and memory
// new to the process costs a page fault for every 4 KB of it.
func (x *Index) buffer(size int) []byte {
	if b, ok := x.buffers.Get().(*[]byte); ok && cap(*b) >= size {
		return (*b)[:0]
	}
	return make([]byte, 0, size)
}

// Recycle gives back the bytes of a file Encode made, once written.
func (x *Index) Recycle(data []byte) {
	x.buffers.Put(&data)
}

// districtFile holds each document's district, counted from 1 (0 for
// none), as base-64 numbers in one JSON string.
func (x *Index) districtFile() File {
	b := append(x.buffer(len(x.docs)+2), '"')
	for i := range x.docs {
		b = appendVLQ(b, uint32(x.docs[i].District+1))
	}
	return named("d", -1, append(b, '"'))
}

// named gives a file its name: kind, number, the first ten hex digits of
// the SHA-256 of its content.
func named(kind string, n int, data []byte) File {
	sum := sha256.Sum256(data)
	name := kind
	if n >= 0 {
		name += strconv.Itoa(n)
	}
	return File{Name: name + "." + hex.EncodeToString(sum[:5]) + ".json", Data: data}
}

// hashesOf returns the hash part of each name ("1a2b3c4d5e" of
// "s12.1a2b3c4d5e.json"): the manifest lists only those, since the rest of
// a shard's or block's name is its kind and number, and the search page
// carries the manifest.
func hashesOf(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		_, rest, _ := strings.Cut(n, ".")
		out[i] = strings.TrimSuffix(rest, ".json")
	}
	return out
}

func appendJSONList(b []byte, items []string) []byte {
	b = append(b, '[')
	for i, s := range items {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s)
	}
	return append(b, ']')
}

// appendJSONString writes s as a JSON string.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	b = appendJSONContent(b, s)
	return append(b, '"')
}

// appendJSONContent writes s as the inside of a JSON string: quotes,
// backslashes and control characters escaped, and U+2028 and U+2029, which
// old JavaScript did not allow in strings; the rest as it is, UTF-8. Runs
// of characters that need nothing are copied whole: this is most of the
// index's bytes. Text that is not UTF-8 (pinzhi reads none) is copied as it
// is, and reads as U+FFFD in the browser, as it does when indexed.
func appendJSONContent(b []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c != 0xE2 {
			continue
		}
		if c == 0xE2 && !(i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0xA8 || s[i+2] == 0xA9)) {
			continue // another character starting with E2, such as “
		}
		b = append(b, s[start:i]...)
		switch {
		case c == 0xE2:
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[s[i+2]&0x0F]) // E2 80 A8 is U+2028, A9 U+2029
			i += 2
		case c == '\n':
			b = append(b, '\\', 'n')
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&15])
		default:
			b = append(b, '\\', c)
		}
		start = i + 1
	}
	return append(b, s[start:]...)
}
