package generator

import (
	"html/template"
	"sync"
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
}

// next returns the cache for a build of m whose other inputs print as
// generation: this one, trimmed to the communities m still has, or an
// empty one when the generation changed.
func (rc *renderCache) next(generation uint64, m *Model) *renderCache {
	fresh := &renderCache{generation: generation}
	if rc == nil || rc.generation != generation {
		return fresh
	}
	current := make(map[[2]any]bool, len(m.Communities))
	for _, c := range m.Communities {
		current[[2]any{c.Slug, c.source.FrontHash}] = true
	}
	rc.entries.Range(func(k, v any) bool {
		key := k.(renderKey)
		if current[[2]any{key.slug, key.front}] {
			fresh.entries.Store(key, v)
		}
		return true
	})
	return fresh
}
