package render

import (
	"encoding/binary"
	"hash/maphash"
	"slices"

	"pinzhi/generator/internal/layout"
	"pinzhi/generator/internal/model"
	"pinzhi/generator/internal/source"
)

// A Dep names one thing a file of the output may show: a kind and the id
// of what it is about (a content file, a district, a layout). While a
// page renders, every value of the model it reads adds its dep (see
// layoutdata.go); the page's digest is then a hash of the current value
// of each. After a change, a page is rendered again exactly when its
// digest changed: what it read is what it shows, so a layout that reaches
// the neighbours of neighbours, or the model's lists from a partial,
// stays correct without anyone declaring it. Deps may over-approximate;
// that costs a render, never a stale page.
type Dep uint64

type depKind uint8

const (
	DepSite        depKind = iota // content/_index.md's settings and the options
	DepAssets                     // the hashed names of all assets
	DepLayout                     // the layout files of a kind of page (id: the kind)
	DepShared                     // base.html and the partials, for cached renders
	DepFront                      // a content file's front matter (id: the file)
	DepBody                       // a content file's body
	DepPrev                       // which community comes before one
	DepNext                       // which community comes after one
	DepBrandsOf                   // a community's entries in the brand list
	DepCommunities                // the communities, in reading order
	DepDistrict                   // a district's communities (id: the district's slug)
	DepBrandList                  // the brand list's file: title, lead and entries
	DepBrandLinks                 // which community each brand entry links to
	DepPages                      // the plain pages
)

func MkDep(kind depKind, id uint32) Dep { return Dep(kind)<<56 | Dep(id) }

func (d Dep) Kind() depKind { return depKind(d >> 56) }
func (d Dep) ID() uint32    { return uint32(d) }

// Interner gives every name (a file's path, a district's slug, a layout
// kind) a small number that stays the same for the Builder's life, so
// that deps are numbers and compare fast.
type Interner struct {
	IDs   map[string]uint32
	Names []string
}

func (in *Interner) ID(name string) uint32 {
	if id, ok := in.IDs[name]; ok {
		return id
	}
	if in.IDs == nil {
		in.IDs = map[string]uint32{}
	}
	id := uint32(len(in.Names))
	in.IDs[name] = id
	in.Names = append(in.Names, name)
	return id
}

// Reads collects the deps of one output file while it renders. It is
// owned by one worker at a time.
type Reads struct {
	Deps  []Dep
	Names *Interner // read-only while workers run: every id was made before
}

func (r *Reads) add(kind depKind, id uint32) { r.Deps = append(r.Deps, MkDep(kind, id)) }

// Sorted returns the deps, each once, in a slice of their own: the one
// they were collected in is far larger than they are (a list page notes
// each community several times), and records live as long as the build.
func (r *Reads) Sorted() []Dep {
	slices.Sort(r.Deps)
	return slices.Clone(slices.Compact(r.Deps))
}

// DepValues tells the current value of every dep, for one linked model.
// Values are kept in arrays by id, made once per change: a change checks
// every file's deps, hundreds of thousands of them at 10,000 pages.
type DepValues struct {
	seed      maphash.Seed
	single    [DepPages + 1]uint64 // the deps about no one thing, by kind
	Layouts   map[uint32]uint64    // by kind
	districts map[uint32]uint64    // members of each district, by slug
	// By the id of a content file; 0 where it has no such value.
	front, Body, prev, next, brandsOf []uint64
	files                             []*source.File
}

func NewDepValues(seed maphash.Seed, m *model.Model, names *Interner, assetNames uint64, ls layout.Set, files map[string]*model.Source) *DepValues {
	v := &DepValues{seed: seed, Layouts: map[uint32]uint64{}, districts: map[uint32]uint64{}}
	for _, sf := range files {
		if sf.File != nil {
			v.SetFile(sf.ID, sf.File)
		}
	}
	h := newHasher(v.seed)
	h.str(m.Site.File.Path)
	h.num(m.Site.File.FrontHash) // the body is the home page's alone
	h.str(m.Site.BaseURL)
	v.single[DepSite] = h.sum()
	v.single[DepAssets] = assetNames
	for kind, l := range ls {
		v.Layouts[names.ID(kind)] = l.Hash
	}
	if shared := ls[layout.Shared]; shared != nil {
		v.single[DepShared] = shared.Hash
	}
	h = newHasher(v.seed)
	for _, c := range m.Communities {
		h.num(uint64(c.ID))
		v.setCommunity(c)
	}
	v.single[DepCommunities] = h.sum()
	for _, d := range m.Site.Districts {
		h = newHasher(v.seed)
		for _, c := range d.Communities {
			h.num(uint64(c.ID))
		}
		v.districts[names.ID(d.Slug)] = h.sum()
	}
	if m.Brands != nil {
		h = newHasher(v.seed)
		h.File(m.Brands.File)
		v.single[DepBrandList] = h.sum()
		h = newHasher(v.seed)
		for _, b := range m.Brands.Entries {
			h.num(uint64(fileID(b.Profile)))
		}
		v.single[DepBrandLinks] = h.sum()
	}
	h = newHasher(v.seed)
	for _, p := range m.Pages {
		h.num(uint64(p.ID))
		h.str(p.Path)
	}
	v.single[DepPages] = h.sum()
	return v
}

// grow makes the arrays hold id.
func (v *DepValues) grow(id uint32) {
	for _, a := range []*[]uint64{&v.front, &v.Body, &v.prev, &v.next, &v.brandsOf} {
		for uint32(len(*a)) <= id {
			*a = append(*a, 0)
		}
	}
	for uint32(len(v.files)) <= id {
		v.files = append(v.files, nil)
	}
}

// SetFile notes the values of a content file's own parts. The id stands
// for the file's path, so the hashes of its text are enough; +1 tells a
// file there from one that is not.
func (v *DepValues) SetFile(id uint32, f *source.File) {
	v.grow(id)
	v.files[id] = f
	v.front[id] = f.FrontHash + 1
	v.Body[id] = f.BodyHash + 1
}

// setCommunity notes what a community of the model is linked to.
func (v *DepValues) setCommunity(c *model.Community) {
	v.grow(c.ID)
	v.prev[c.ID] = uint64(fileID(c.Prev))
	v.next[c.ID] = uint64(fileID(c.Next))
	h := newHasher(v.seed)
	h.num(1) // in the model
	for _, b := range c.Brands {
		h.str(b.Anchor)
		h.str(b.Text)
	}
	v.brandsOf[c.ID] = h.sum()
}

// fileID is one more than the id of a community's file, and 0 for none.
func fileID(c *model.Community) uint32 {
	if c == nil {
		return 0
	}
	return c.ID + 1
}

// value returns the current value of d.
func (v *DepValues) value(d Dep) uint64 {
	id := d.ID()
	at := func(a []uint64) uint64 {
		if id < uint32(len(a)) {
			return a[id]
		}
		return 0
	}
	switch d.Kind() {
	case DepLayout:
		return v.Layouts[id]
	case DepDistrict:
		return v.districts[id]
	case DepFront:
		return at(v.front)
	case DepBody:
		return at(v.Body)
	case DepPrev:
		return at(v.prev)
	case DepNext:
		return at(v.next)
	case DepBrandsOf:
		return at(v.brandsOf)
	}
	return v.single[d.Kind()]
}

// digest hashes the current values of deps.
func (v *DepValues) digest(deps []Dep) uint64 {
	h := newHasher(v.seed)
	for _, d := range deps {
		h.num(uint64(d))
		h.num(v.value(d))
	}
	return h.sum()
}

// Changed returns, sorted, every dep whose value differs between old and
// v: a file of the output is rendered again when it showed one of them.
func (v *DepValues) Changed(old *DepValues) []Dep {
	var ds []Dep
	for k := range v.single {
		if v.single[k] != old.single[k] {
			ds = append(ds, MkDep(depKind(k), 0))
		}
	}
	ds = appendChangedMap(ds, DepLayout, v.Layouts, old.Layouts)
	ds = appendChangedMap(ds, DepDistrict, v.districts, old.districts)
	for _, a := range []struct {
		Kind     depKind
		now, was []uint64
	}{{DepFront, v.front, old.front}, {DepBody, v.Body, old.Body}, {DepPrev, v.prev, old.prev},
		{DepNext, v.next, old.next}, {DepBrandsOf, v.brandsOf, old.brandsOf}} {
		for id := range max(len(a.now), len(a.was)) {
			if at(a.now, id) != at(a.was, id) {
				ds = append(ds, MkDep(a.Kind, uint32(id)))
			}
		}
	}
	slices.Sort(ds)
	return ds
}

func at(a []uint64, i int) uint64 {
	if i < len(a) {
		return a[i]
	}
	return 0
}

func appendChangedMap(ds []Dep, kind depKind, now, was map[uint32]uint64) []Dep {
	for id, val := range now {
		if was[id] != val {
			ds = append(ds, MkDep(kind, id))
		}
	}
	for id := range was {
		if _, ok := now[id]; !ok {
			ds = append(ds, MkDep(kind, id))
		}
	}
	return ds
}

// ShowsAny reports whether deps and some, both sorted, share a dep. It
// looks up each of the shorter list in the longer: a change to the brand
// list changes a dep of every community, and a list page shows thousands.
func ShowsAny(deps, some []Dep) bool {
	if len(some) > len(deps) {
		deps, some = some, deps
	}
	for _, d := range some {
		if _, found := slices.BinarySearch(deps, d); found {
			return true
		}
	}
	return false
}

// A hasher digests what pages showed, with hash/maphash: it allocates
// nothing, which matters when 10,000 pages are checked on every save. Its
// seed is the Builder's (Builder.seed), so that the digests of two
// builds by one Builder compare; no digest leaves the process.
type hasher struct{ h maphash.Hash }

func newHasher(seed maphash.Seed) *hasher {
	h := new(hasher)
	h.h.SetSeed(seed)
	return h
}

func (h *hasher) sum() uint64 { return h.h.Sum64() }

func (h *hasher) str(s string) {
	h.h.WriteString(s)
	h.h.WriteByte(0)
}

func (h *hasher) num(v uint64) {
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], v)
	h.h.Write(b[:])
}

func (h *hasher) File(f *source.File) {
	if f == nil {
		h.str("-")
		return
	}
	h.str(f.Path)
	h.num(f.FrontHash)
	h.num(f.BodyHash)
}
