package generator

import (
	"path"
	"strings"

	"pinzhi/generator/internal/asset"
	"pinzhi/generator/internal/layout"
	"pinzhi/generator/internal/model"
	"pinzhi/generator/internal/source"
)

// A changeSet is what a batch of changed paths means for the build,
// decided here once: which content files and folders to load again,
// whether the layouts or the assets changed, or whether only a whole
// build will do.
type changeSet struct {
	content []string // content files and folders, slash paths from the site root
	layouts bool
	assets  bool
	full    bool // the site's folder itself changed
}

// classify sorts changed paths (slash paths from the site root; files or
// folders that were created, changed or removed) into a changeSet. Paths
// no build reads are dropped: hidden files, editors' scratch files, and
// anything outside content/, layouts/ and assets/.
func classify(changed []string) changeSet {
	var cs changeSet
	for _, name := range changed {
		name = path.Clean(strings.TrimPrefix(name, "/"))
		if name == "." {
			cs.full = true
			continue
		}
		if source.IgnoredPath(name) {
			continue
		}
		switch top, _, _ := strings.Cut(name, "/"); top {
		case model.ContentDir:
			cs.content = append(cs.content, name)
		case layout.Dir:
			cs.layouts = true
		case asset.Dir:
			cs.assets = true
		}
	}
	return cs
}

// bodiesOnly reports whether the only changes are to content files the
// site has and that may change nothing but their bodies: then no list,
// and no page but their own, can show the change.
func (cs changeSet) bodiesOnly() bool {
	return !cs.full && !cs.layouts && !cs.assets && len(cs.content) > 0
}
