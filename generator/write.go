package generator

import (
	"maps"
	"runtime"
	"slices"
)

// write renders the pages whose print differs from old into o, writes the
// assets not in old and removes the files the site no longer has: those of
// held (what a staging folder holds), or of old when held is nil. On
// success b.prints becomes the prints of the folder's files.
//
// The pages of the sources in first are written first: the page an editor
// just saved is served new while the lists that show it are still being
// written.
func (b *Builder) write(st *buildState, o *output, old map[string]uint64, held []string, first []*Source, warnings Problems) (*Report, error) {
	st.r.out = o
	workers := b.opts.Workers
	if o.live {
		// Pages being served: leave the server room to answer while the
		// lists are written. Blocking on the disk matters less here.
		workers = min(workers, runtime.GOMAXPROCS(0))
	}
	var todo, rest []*Page // todo: the pages to write first
	next := make(map[string]uint64, len(st.pages)+len(b.assets))
	for _, p := range st.pages {
		next[p.Out] = p.print
		if old[p.Out] == p.print && hasKey(old, p.Out) {
			continue
		}
		if p.source != nil && slices.ContainsFunc(first, func(s *Source) bool { return s.Path == p.source.Path }) {
			todo = append(todo, p)
		} else {
			rest = append(rest, p)
		}
	}

	report := &Report{Warnings: warnings}
	var probs problemList
	for _, name := range sortedKeys(b.assets) {
		a := b.assets[name]
		next[a.Out] = 0
		if hasKey(old, a.Out) {
			continue
		}
		if err := o.write(a.Out, a.data); err != nil {
			probs.add(a.Out, 0, "check that the output folder is writable", "cannot be written: %v", err)
			continue
		}
		report.Written = append(report.Written, a.Out)
	}
	written, renderProbs := st.r.renderAll(todo, workers)
	probs.addAll(renderProbs)
	writtenRest, renderProbs := st.r.renderAll(rest, workers)
	written = append(written, writtenRest...)
	probs.addAll(renderProbs)
	for _, p := range written {
		report.Written = append(report.Written, p.Out)
	}
	errs, warns := (&problemList{dedupeProblems(probs.list)}).split()
	report.Warnings = append(report.Warnings, warns...)
	sortProblems(report.Warnings)
	slices.Sort(report.Written)
	if len(errs) > 0 {
		// Keep what was written: the next update writes the failed files again.
		for _, p := range written {
			old[p.Out] = p.print
		}
		return report, errs
	}
	gone := slices.Values(held)
	if held == nil {
		gone = maps.Keys(old)
	}
	for _, f := range missingFrom(gone, next) {
		if err := o.remove(f); err != nil {
			return report, err
		}
		report.Removed = append(report.Removed, f)
	}
	b.prints = next
	report.Files = len(next)
	return report, nil
}

// mergeSorted returns the sorted union of two lists.
func mergeSorted(a, b []string) []string {
	all := slices.Concat(a, b)
	slices.Sort(all)
	return slices.Compact(all)
}

func hasKey[K comparable, V any](m map[K]V, k K) bool {
	_, ok := m[k]
	return ok
}
