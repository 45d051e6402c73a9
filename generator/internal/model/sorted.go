package model

import (
	"cmp"
	"maps"
	"slices"
)

// sortedKeys returns a map's keys in order: output never depends on the
// order in which Go iterates a map.
func sortedKeys[M ~map[K]V, K cmp.Ordered, V any](m M) []K {
	return slices.Sorted(maps.Keys(m))
}
