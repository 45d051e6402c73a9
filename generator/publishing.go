package generator

import (
	"maps"
	"slices"
	"time"

	"pinzhi/generator/internal/publish"
	"pinzhi/generator/internal/render"
	"pinzhi/generator/internal/source"
)

// A pass is one build or one update on its way into the output folder.
type pass struct {
	st          *state
	sink        publish.Sink     // a Stage for a build, a Tx for an update
	first, rest []*render.Output // rendered in this order: what the editor saved comes first
	gone        []string         // files of the last site that the site no longer has
	workers     int
	// whole is set for a build: the whole site and the whole search index
	// are written, and what was written is all the folder will hold.
	whole bool
	// searchPage renders the search page even when the index's first
	// file keeps its name.
	searchPage bool
	samePages  bool // the site has the pages it had
	// known are the errors found before rendering, when the Builder
	// keeps going (see keepGoing): the pass then commits what it could
	// render, and fails with them and its own.
	known Problems
}

// publish is the one tail of Build and Update: it renders the pass into
// its sink, writes the search index, removes what the site no longer has
// and commits, all or nothing. On success the pass's state becomes the
// last good one; on failure the output folder is as it was, and what the
// Builder keeps of the search index is dropped, since it may hold what
// was not published.
func (b *Builder) publish(p pass, report *Report, start time.Time, t *timer) (*Report, error) {
	st := p.st
	st.r.Files = p.sink
	feed := b.feedSearch(p)
	st.r.PageTexts = feed
	records, probs := st.r.RenderAll(p.first, p.rest, p.workers)
	st.r.PageTexts = nil
	if b.oneShot {
		b.env.Cards.Forget(func(string) bool { return false }) // no later build reuses them: room for the index
	}
	t.done("render")
	var searchFiles, searchWritten []string
	if feed != nil {
		searchFiles, searchWritten, probs = b.finishSearch(p, feed, records, probs)
		t.done("search")
	}
	errs, warnings := probs.Split()
	errs = append(p.known, errs...)
	report.Warnings = append(report.Warnings, warnings...)
	gone := p.gone
	if len(errs) == 0 {
		gone = append(gone, without(b.searchLive, searchFiles)...)
	}
	for _, g := range gone {
		if err := p.sink.Remove(g); err != nil {
			errs = append(errs, Problem{Path: g, Message: "cannot be removed: " + err.Error(), Hint: "check the output folder's permissions"})
		}
	}
	if len(errs) > 0 && !b.keepGoing {
		b.stale = true
		if feed != nil && feed.applied {
			b.search = nil // it holds what was not published
		}
		report.Phases = t.phases
		return report, joinErrors(errs, p.sink.Abort())
	}
	removed, err := p.sink.Commit()
	if err != nil {
		b.search = nil
		return report, err
	}
	if p.whole {
		t.done("swap")
	}
	if feed != nil {
		b.search = feed.s
	}
	b.searchLive = searchFiles
	b.keep(p, records, gone)
	report.Removed = removed
	b.finish(report, start, t, writtenPaths(records, searchWritten), p.samePages)
	if len(errs) > 0 {
		source.Sort(errs)
		return report, errs
	}
	return report, nil
}

// keep makes the pass's state the last good one, with the records of
// what it wrote.
func (b *Builder) keep(p pass, records map[string]*render.Record, gone []string) {
	st := p.st
	if p.whole {
		st.records = records
		b.env.Cards.Forget(func(file string) bool { return b.files[file] != nil })
	} else {
		maps.Copy(st.records, records)
		for _, o := range slices.Concat(p.first, p.rest) {
			if o.File != nil {
				st.values.SetFile(o.FileID, o.File) // the bodies an update of bodies alone wrote
			}
		}
		for _, g := range gone {
			delete(st.records, g)
		}
		if !p.samePages {
			st.linkProblems = nil
		}
	}
	b.last, b.stale = st, false
}

// feedSearch returns what takes the pages' texts for the search index in
// the pass, or nil when the site has no search page: a new index for a
// build, the kept one for an update.
func (b *Builder) feedSearch(p pass) *searchFeed {
	switch {
	case p.st.searchPage == nil:
		return nil
	case p.whole:
		return newSearchState(p.st.documents(), !b.oneShot).collect()
	default:
		return b.search.hold()
	}
}

// finishSearch brings the index up to date with the pass, when it
// rendered without errors, and writes its files and the search page.
func (b *Builder) finishSearch(p pass, feed *searchFeed, records map[string]*render.Record, probs source.Problems) (files, written []string, _ source.Problems) {
	failed := hasErrors(probs)
	if !feed.finish(p.st.documents(), !failed) {
		return nil, nil, append(probs, source.Problem{Path: searchDir, Message: "cannot be updated: a title changed on a page that was not written",
			Hint: "report it; saving content/_index.md builds the whole site again"})
	}
	if failed {
		return nil, nil, probs
	}
	files, written, searchProbs := b.writeSearch(p.st, feed.s, records, p.sink, p.whole, p.searchPage)
	return files, written, append(probs, searchProbs...)
}

// withoutFilesOf leaves out the pages of the content files that errs
// name: they cannot be rendered as they are, and their errors say why.
func withoutFilesOf(outs []*render.Output, errs Problems) []*render.Output {
	if len(errs) == 0 {
		return outs
	}
	bad := map[string]bool{}
	for _, e := range errs {
		bad[e.Path] = true
	}
	return slices.DeleteFunc(slices.Clone(outs), func(o *render.Output) bool { return o.File != nil && bad[o.File.Path] })
}
