package generator

import (
	"html/template"
	"sync"
	"sync/atomic"
)

// renderCache keeps what the render template function made of each
// community, so that a card shown on the home page and on its district's
// page is rendered once, and a rebuild renders only the cards of the
// communities that changed. An entry is valid while the community's front
// matter is: the cache is dropped whole when anything else a card may
// show (the site, the layouts, the assets) changes.
type renderCache struct {
	generation uint64 // the prints of everything but the communities
	entries    sync.Map
	added      atomic.Int64 // entries put since the cache was last trimmed
}

type renderKey struct {
	name  string
	slug  string
	front uint64
}

func keyOf(name string, c *Community) renderKey {
	return renderKey{name: name, slug: c.Slug, front: c.source.FrontHash}
}

func (rc *renderCache) get(name string, c *Community) (template.HTML, bool) {
	v, ok := rc.entries.Load(keyOf(name, c))
	if !ok {
		return "", false
	}
	return v.(template.HTML), true
}

func (rc *renderCache) put(name string, c *Community, html template.HTML) {
	rc.entries.Store(keyOf(name, c), html)
	rc.added.Add(1)
}

// next returns the cache for a build of m whose other inputs print as
// generation: this one when the generation is the same, or an empty one.
// The entries of communities that changed are dropped once there may be
// as many of them as half the communities: an edit adds one entry, and
// trimming on every build would cost more than the edit.
func (rc *renderCache) next(generation uint64, m *Model) *renderCache {
	if rc == nil || rc.generation != generation {
		return &renderCache{generation: generation}
	}
	if rc.added.Load() < int64(len(m.Communities)/2+64) {
		return rc
	}
	current := make(map[renderKey]bool, len(m.Communities))
	for _, c := range m.Communities {
		current[renderKey{slug: c.Slug, front: c.source.FrontHash}] = true
	}
	rc.entries.Range(func(k, _ any) bool {
		key := k.(renderKey)
		if !current[renderKey{slug: key.slug, front: key.front}] {
			rc.entries.Delete(k)
		}
		return true
	})
	rc.added.Store(0)
	return rc
}
