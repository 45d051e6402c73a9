package generator

// cardGeneration prints what the render function's output may show besides
// a community's own front matter: the site, the assets, the partials and
// the brand list. A partial that reaches the community's neighbours or the
// model's lists cannot be cached: then every generation is new.
func (d *pageDeps) cardGeneration() uint64 {
	h := newPrinter()
	h.num(d.common)
	h.num(d.brandsPrint)
	if shared := d.layouts[sharedSet]; shared != nil {
		h.num(shared.hash)
		if shared.uses("Prev", "Next", "Communities", "Model", "Pages") {
			h.num(d.cards) // the order and every card: the neighbours
		}
	}
	return h.sum()
}

// pageDeps computes the prints of pages. A page's print covers the site
// settings, the page's layout files and the asset names, then what its kind
// shows; and when its layout names the lists of the model (Communities,
// Model, Entries, BrandList, Pages), those lists too. Over-approximating is
// safe: it only renders a page that did not need it.
type pageDeps struct {
	layouts     layouts
	common      uint64
	cards       uint64 // every community's front matter, slug and order
	brandsPrint uint64
	pagesPrint  uint64
}

func newPageDeps(m *Model, ls layouts, assetsPrint uint64) *pageDeps {
	d := &pageDeps{layouts: ls}
	h := newPrinter()
	h.source(m.Site.source)
	h.str(m.Site.BaseURL)
	h.num(assetsPrint)
	d.common = h.sum()

	h = newPrinter()
	for _, c := range m.Communities {
		h.card(c)
	}
	d.cards = h.sum()

	h = newPrinter()
	if m.Brands != nil {
		h.source(m.Brands.source)
	}
	d.brandsPrint = h.sum()

	h = newPrinter()
	for _, p := range m.Pages {
		h.str(p.Path)
		h.num(p.source.FrontHash)
	}
	d.pagesPrint = h.sum()
	return d
}

func (d *pageDeps) print(kind string, own func(*printer)) uint64 {
	h := newPrinter()
	h.str(kind)
	h.num(d.common)
	if l := d.layouts[kind]; l != nil {
		h.num(l.hash)
		if l.uses("Communities", "Model") {
			d.allCards(&h)
		}
		if l.uses("BrandList", "Entries", "Model") {
			d.brands(&h)
		}
		if l.uses("Pages", "Model") {
			d.plainPages(&h)
		}
	}
	own(&h)
	return h.sum()
}

func (d *pageDeps) allCards(h *printer)   { h.num(d.cards) }
func (d *pageDeps) brands(h *printer)     { h.num(d.brandsPrint) }
func (d *pageDeps) plainPages(h *printer) { h.num(d.pagesPrint) }

// community covers a community page: its own file, its neighbours' cards
// and its entries in the brand list.
func (d *pageDeps) community(h *printer, c *Community) {
	h.card(c)
	h.num(c.source.BodyHash)
	for _, n := range []*Community{c.Prev, c.Next} {
		if n != nil {
			h.card(n)
		} else {
			h.str("-")
		}
	}
	for _, b := range c.Brands {
		h.str(b.Text)
		h.str(b.Anchor)
	}
}

// printer computes a print: 64-bit FNV-1a over what it is given. It
// allocates nothing, which matters when 10,000 pages are printed on every
// save.
type printer uint64

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func newPrinter() printer { return fnvOffset }

func (p printer) sum() uint64 { return uint64(p) }

func (p *printer) byte(b byte) { *p = (*p ^ printer(b)) * fnvPrime }

// str adds s and a terminator, so that "ab","c" and "a","bc" differ.
func (p *printer) str(s string) {
	for i := 0; i < len(s); i++ {
		p.byte(s[i])
	}
	p.byte(0)
}

func (p *printer) num(v uint64) {
	for i := 0; i < 8; i++ {
		p.byte(byte(v >> (8 * i)))
	}
}

// card covers what lists show of a community: its front matter, which
// holds everything but the slug a file name gives.
func (p *printer) card(c *Community) {
	p.str(c.Slug)
	p.num(c.source.FrontHash)
}

func (p *printer) source(s *Source) {
	p.str(s.Path)
	p.num(s.FrontHash)
	p.num(s.BodyHash)
}
