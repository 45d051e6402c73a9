package generator

import (
	"slices"

	"pinzhi/generator/internal/source"
)

// A dep names one thing a file of the output may show: a kind and the id
// of what it is about (a content file, a district, a layout). While a
// page renders, every value of the model it reads adds its dep (see
// layoutdata.go); the page's digest is then a hash of the current value
// of each. After a change, a page is rendered again exactly when its
// digest changed: what it read is what it shows, so a layout that reaches
// the neighbours of neighbours, or the model's lists from a partial,
// stays correct without anyone declaring it. Deps may over-approximate;
// that costs a render, never a stale page.
type dep uint64

type depKind uint8

const (
	depSite        depKind = iota // content/_index.md's settings and the options
	depAssets                     // the hashed names of all assets
	depLayout                     // the layout files of a kind of page (id: the kind)
	depShared                     // base.html and the partials, for cached renders
	depFront                      // a content file's front matter (id: the file)
	depBody                       // a content file's body
	depPrev                       // which community comes before one
	depNext                       // which community comes after one
	depBrandsOf                   // a community's entries in the brand list
	depCommunities                // the communities, in reading order
	depDistrict                   // a district's communities (id: the district's slug)
	depBrandList                  // the brand list's file: title, lead and entries
	depBrandLinks                 // which community each brand entry links to
	depPages                      // the plain pages
)

func mkDep(kind depKind, id uint32) dep { return dep(kind)<<56 | dep(id) }

func (d dep) kind() depKind { return depKind(d >> 56) }
func (d dep) id() uint32    { return uint32(d) }

// interner gives every name (a file's path, a district's slug, a layout
// kind) a small number that stays the same for the Builder's life, so
// that deps are numbers and compare fast.
type interner struct {
	ids   map[string]uint32
	names []string
}

func (in *interner) id(name string) uint32 {
	if id, ok := in.ids[name]; ok {
		return id
	}
	if in.ids == nil {
		in.ids = map[string]uint32{}
	}
	id := uint32(len(in.names))
	in.ids[name] = id
	in.names = append(in.names, name)
	return id
}

// reads collects the deps of one output file while it renders. It is
// owned by one worker at a time.
type reads struct {
	deps  []dep
	names *interner // read-only while workers run: every id was made before
}

func (r *reads) add(kind depKind, id uint32) { r.deps = append(r.deps, mkDep(kind, id)) }

// sorted returns the deps, each once.
func (r *reads) sorted() []dep {
	slices.Sort(r.deps)
	return slices.Compact(r.deps)
}

// depValues tells the current value of every dep, for one linked model.
type depValues struct {
	site, assets, shared, communities, brandList, brandLinks, pages uint64
	layouts                                                         map[uint32]uint64       // by kind
	files                                                           map[uint32]*source.File // content files, by path
	byFile                                                          map[uint32]*community   // communities in the model, by file
	districts                                                       map[uint32]uint64       // members of each district, by slug
}

func newDepValues(m *model, names *interner, assetNames uint64, ls layouts, files map[string]*sourceFile) *depValues {
	v := &depValues{assets: assetNames, layouts: map[uint32]uint64{}, files: map[uint32]*source.File{},
		byFile: map[uint32]*community{}, districts: map[uint32]uint64{}}
	for name, sf := range files {
		if sf.file != nil {
			v.files[names.id(name)] = sf.file
		}
	}
	h := newHasher()
	h.str(m.site.file.Path)
	h.num(m.site.file.FrontHash) // the body is the home page's alone
	h.str(m.site.BaseURL)
	v.site = h.sum()
	for kind, l := range ls {
		v.layouts[names.id(kind)] = l.hash
	}
	if shared := ls[sharedSet]; shared != nil {
		v.shared = shared.hash
	}
	h = newHasher()
	for _, c := range m.communities {
		v.byFile[c.id] = c
		h.num(uint64(c.id))
	}
	v.communities = h.sum()
	for _, d := range m.site.districts {
		h = newHasher()
		for _, c := range d.communities {
			h.num(uint64(c.id))
		}
		v.districts[names.id(d.Slug)] = h.sum()
	}
	if m.brands != nil {
		h = newHasher()
		h.file(m.brands.file)
		v.brandList = h.sum()
		h = newHasher()
		for _, b := range m.brands.entries {
			h.num(uint64(fileID(b.profile)))
		}
		v.brandLinks = h.sum()
	}
	h = newHasher()
	for _, p := range m.pages {
		h.num(uint64(p.id))
		h.str(p.Path)
	}
	v.pages = h.sum()
	return v
}

// fileID is one more than the id of a community's file, and 0 for none.
func fileID(c *community) uint32 {
	if c == nil {
		return 0
	}
	return c.id + 1
}

// value returns the current value of d.
func (v *depValues) value(d dep, names *interner) uint64 {
	switch d.kind() {
	case depSite:
		return v.site
	case depAssets:
		return v.assets
	case depLayout:
		return v.layouts[d.id()]
	case depShared:
		return v.shared
	case depFront, depBody:
		f := v.files[d.id()]
		if f == nil {
			return 0
		}
		if d.kind() == depBody {
			return f.BodyHash
		}
		h := newHasher()
		h.str(f.Path)
		h.num(f.FrontHash)
		return h.sum()
	case depPrev, depNext:
		c := v.byFile[d.id()]
		if c == nil {
			return 1 << 63 // not in the model
		}
		if d.kind() == depPrev {
			return uint64(fileID(c.prev))
		}
		return uint64(fileID(c.next))
	case depBrandsOf:
		h := newHasher()
		if c := v.byFile[d.id()]; c != nil {
			for _, b := range c.brands {
				h.str(b.Anchor)
				h.str(b.Text)
			}
		}
		return h.sum()
	case depCommunities:
		return v.communities
	case depDistrict:
		return v.districts[d.id()]
	case depBrandList:
		return v.brandList
	case depBrandLinks:
		return v.brandLinks
	case depPages:
		return v.pages
	}
	return 0
}

// digest hashes the current values of deps: a file is written again when
// its digest changes.
func (v *depValues) digest(deps []dep, names *interner) uint64 {
	h := newHasher()
	for _, d := range deps {
		h.num(uint64(d))
		h.num(v.value(d, names))
	}
	return h.sum()
}

// hasher is 64-bit FNV-1a over what it is given. It allocates nothing,
// which matters when 10,000 pages are checked on every save.
type hasher uint64

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func newHasher() hasher { return fnvOffset }

func (h hasher) sum() uint64 { return uint64(h) }

func (h *hasher) byte(b byte) { *h = (*h ^ hasher(b)) * fnvPrime }

// str adds s and a terminator, so that "ab","c" and "a","bc" differ.
func (h *hasher) str(s string) {
	for i := 0; i < len(s); i++ {
		h.byte(s[i])
	}
	h.byte(0)
}

func (h *hasher) num(v uint64) {
	for i := 0; i < 8; i++ {
		h.byte(byte(v >> (8 * i)))
	}
}

func (h *hasher) file(f *source.File) {
	if f == nil {
		h.str("-")
		return
	}
	h.str(f.Path)
	h.num(f.FrontHash)
	h.num(f.BodyHash)
}
