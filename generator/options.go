package generator

import (
	"context"
	"io/fs"
	"time"

	"pinzhi/generator/internal/card"
	"pinzhi/generator/internal/model"
)

// Options say what to build and where.
type Options struct {
	// Src is the site root, holding content/, layouts/ and assets/; when
	// nil, the folder SrcDir is read.
	Src fs.FS
	// SrcDir is the site root on disk, when there is one: the output
	// folder may not be it, hold it, or be inside its content/, layouts/
	// or assets/. Read as Src, its devices and FIFOs are never opened.
	SrcDir  string
	Out     string // the output folder on disk
	BaseURL string // when set, replaces the baseURL of content/_index.md
	// Origin, when set, replaces the scheme and host of the base URL and
	// keeps its path: the dev server sets it to its own address.
	Origin  string
	Drafts  bool // when set, pages with draft: true are built too
	Workers int  // pages rendered at once; 0 means two per CPU, so that one waits on the disk while the other computes
	// Preview marks the output as the dev server's: its pages link to this
	// machine, so it may not replace a folder holding a build's site.
	Preview bool
	// FileDates returns the dates of the last commit of the site's files,
	// by slash path under the site root ("content/communities/a.md"): a
	// page whose front matter has no date takes its file's, for the feed,
	// the sitemap and structured data. It is called when the model is
	// linked, after the files are read, so that the command can ask git
	// meanwhile. Without it pages take the site's date.
	FileDates func() map[string]time.Time
	// ImageCache is a folder where the sizes made of photographs are kept
	// between builds, by their content; "" keeps none. The command uses
	// the user's cache folder.
	ImageCache string
	// Fonts are the files of this machine looked in, in order, for a CJK
	// font to draw share cards in when content/_index.md names none
	// (shareFont:); the command gives SystemFonts. Without one, cards
	// have no text.
	Fonts []string
	// Context, when done, stops a build or update in progress.
	Context context.Context
	// Note receives one-line notes for the terminal while a build runs (a
	// wait for another process, a fallback). It may be nil.
	Note func(string)
	// Progress, when set, is told how far a build is, ten times a second,
	// from a goroutine of its own; it must not block.
	Progress func(Progress)
}

// Report says what a build did.
type Report struct {
	Warnings Problems
	Files    int      // files in the output folder that pinzhi wrote
	Written  []string // files written, as slash paths under Out
	Removed  []string // files removed
	Duration time.Duration
	Phases   []Phase // where the time went, in order
}

// linkOptions are what linking the model takes of the options.
func (o Options) linkOptions() model.LinkOptions {
	return model.LinkOptions{BaseURL: o.BaseURL, Origin: o.Origin, Drafts: o.Drafts, FileDates: o.FileDates}
}

// SystemFonts are where Debian, Fedora, macOS and Windows keep their CJK
// fonts, for Options.Fonts.
var SystemFonts = card.SystemFonts
