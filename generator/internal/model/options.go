package model

import "time"

// LinkOptions are what linking the model takes from the build's options.
type LinkOptions struct {
	BaseURL string // when set, replaces the baseURL of content/_index.md
	// Origin, when set, replaces the scheme and host of the base URL and
	// keeps its path: the dev server sets it to its own address.
	Origin string
	Drafts bool // pages with draft: true are linked too
	// FileDates returns the dates of the last commit of the site's files,
	// by slash path; nil when unknown (see generator.Options).
	FileDates func() map[string]time.Time
}
