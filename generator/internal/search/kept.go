package search

import (
	"encoding/binary"
	"slices"
)

// keptGrams are the distinct grams of one document, as compactly as they
// come: the numbers a Collector gave them, in the order it met them, or,
// for a document Set since, the grams themselves, sorted, each as its
// difference from the one before. Both are varints, two or three bytes a
// gram, about what the text takes in UTF-8.
type keptGrams struct {
	table []gram // the Collector's numbering, when data holds its numbers; nil when data holds differences
	data  []byte
}

// grams returns the grams, sorted.
func (k keptGrams) grams() []gram {
	var out []gram
	var prev uint64
	for data := k.data; len(data) > 0; {
		v, n := binary.Uvarint(data)
		data = data[n:]
		if k.table != nil {
			out = append(out, k.table[v])
			continue
		}
		prev += v
		out = append(out, gram(prev))
	}
	if k.table != nil {
		slices.Sort(out)
	}
	return out
}

// keepSorted keeps sorted, distinct grams.
func keepSorted(grams []gram) keptGrams {
	var data []byte
	var prev gram
	for _, g := range grams {
		data = binary.AppendUvarint(data, uint64(g-prev))
		prev = g
	}
	return keptGrams{data: slices.Clip(data)}
}
