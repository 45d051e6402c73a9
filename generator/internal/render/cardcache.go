package render

import (
	"html/template"
	"sync"
	"sync/atomic"
)

// cardCache keeps what the render function made of each community with
// each template, and what it read. A card is good while the digest of
// what it read is what it was: nothing else decides, so a card that shows
// its neighbours or its district's other communities is as safe to reuse
// as one that shows its title. The cache holds at most cardBudget bytes
// of HTML: past it, cards are rendered each time they are shown, so that
// a site of 50,000 communities does not hold a page of cards per list.
type cardCache struct {
	entries sync.Map // cardKey -> *card
	bytes   atomic.Int64
}

// cardBudget bounds the HTML the cache holds: the cards of about 25,000
// communities with the bundled layouts.
const cardBudget = 16 << 20

type cardKey struct {
	template string
	File     string // the community's content file
}

type card struct {
	html   template.HTML
	Deps   []Dep
	digest uint64
}

func (cc *cardCache) get(k cardKey, values *DepValues) (*card, bool) {
	v, ok := cc.entries.Load(k)
	if !ok {
		return nil, false
	}
	c := v.(*card)
	return c, values.digest(c.Deps) == c.digest
}

// put keeps c, in place of the card of k before, within the budget.
func (cc *cardCache) put(k cardKey, c *card) {
	if old, ok := cc.entries.LoadAndDelete(k); ok {
		cc.bytes.Add(-int64(len(old.(*card).html)))
	}
	if cc.bytes.Add(int64(len(c.html))) > cardBudget {
		cc.bytes.Add(-int64(len(c.html)))
		return
	}
	cc.entries.Store(k, c)
}

// Forget drops the cards of files the site no longer has.
func (cc *cardCache) Forget(keep func(file string) bool) {
	cc.entries.Range(func(k, v any) bool {
		if !keep(k.(cardKey).File) {
			cc.entries.Delete(k)
			cc.bytes.Add(-int64(len(v.(*card).html)))
		}
		return true
	})
}
