package generator

import (
	"html/template"
	"sync"
)

// cardCache keeps what the render function made of each community with
// each template, and what it read. A card is good while the digest of
// what it read is what it was: nothing else decides, so a card that shows
// its neighbours or its district's other communities is as safe to reuse
// as one that shows its title.
type cardCache struct {
	entries sync.Map // cardKey -> *card
}

type cardKey struct {
	template string
	file     string // the community's content file
}

type card struct {
	html   template.HTML
	deps   []dep
	digest uint64
}

func (cc *cardCache) get(k cardKey, values *depValues) (*card, bool) {
	v, ok := cc.entries.Load(k)
	if !ok {
		return nil, false
	}
	c := v.(*card)
	return c, values.digest(c.deps) == c.digest
}

func (cc *cardCache) put(k cardKey, c *card) { cc.entries.Store(k, c) }

// forget drops the cards of files the site no longer has.
func (cc *cardCache) forget(keep func(file string) bool) {
	cc.entries.Range(func(k, _ any) bool {
		if !keep(k.(cardKey).file) {
			cc.entries.Delete(k)
		}
		return true
	})
}
