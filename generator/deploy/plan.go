package deploy

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"gocloud.dev/blob"
	"gocloud.dev/gcerrors"

	"pinzhi/generator/internal/publish"
)

// A Phase is a step of the uploads: each is finished before the next
// starts (see Order in the package documentation).
type Phase int

const (
	Assets Phase = iota
	NewPages
	ChangedPages
	Indexes
)

// An Upload is one object a deploy writes.
type Upload struct {
	Key   string
	Size  int64 // the bytes stored
	Phase Phase
	file  *file
}

// A Plan is what a deploy does, in order: the uploads, then the deletions.
type Plan struct {
	Uploads   []Upload
	Deletes   []string // objects pinzhi uploaded that the site no longer has
	Unchanged int      // files the bucket holds already
	// list is the object list as it will be once the deploy is done.
	list objectList
}

// Bytes is what the uploads store.
func (p *Plan) Bytes() int64 {
	var n int64
	for _, u := range p.Uploads {
		n += u.Size
	}
	return n
}

// A verdict is what a deploy does with one file of the site.
type verdict int

const (
	upload verdict = iota
	keep
	foreign // someone else's object has the file's name
)

// planner decides what to do with each file.
type planner struct {
	bucket *blob.Bucket
	known  objectList
	remote map[string]remote
	force  bool
	count  *Requests
	mu     sync.Mutex // guards count
}

// makePlan compares the site's files with the bucket and the object list.
func makePlan(ctx context.Context, p *planner, files []*file, workers int) (*Plan, error) {
	verdicts := make([]verdict, len(files))
	err := forEach(ctx, len(files), workers, func(ctx context.Context, i int) (err error) {
		verdicts[i], err = p.check(ctx, files[i])
		return err
	})
	if err != nil {
		return nil, err
	}
	plan := &Plan{list: objectList{}}
	var theirs []string
	for i, f := range files {
		plan.list[f.key] = f.entry()
		switch verdicts[i] {
		case keep:
			plan.Unchanged++
		case foreign:
			theirs = append(theirs, f.key)
		case upload:
			_, there := p.remote[f.key]
			plan.Uploads = append(plan.Uploads, Upload{Key: f.key, Size: f.size, Phase: phaseOf(f.key, !there), file: f})
		}
	}
	if len(theirs) > 0 {
		return nil, foreignError(theirs)
	}
	slices.SortStableFunc(plan.Uploads, func(a, b Upload) int { return int(a.Phase) - int(b.Phase) })
	for _, key := range slices.Sorted(maps.Keys(p.known)) {
		if _, inSite := plan.list[key]; inSite {
			continue
		}
		if _, there := p.remote[key]; there { // else it is gone, and only its entry goes
			plan.Deletes = append(plan.Deletes, key)
		}
	}
	// Pages go before the assets they link to, the reverse of uploads.
	slices.SortStableFunc(plan.Deletes, func(a, b string) int { return int(phaseOf(b, false)) - int(phaseOf(a, false)) })
	return plan, nil
}

// check decides what to do with one file (see What is uploaded in the
// package documentation).
func (p *planner) check(ctx context.Context, f *file) (verdict, error) {
	r, there := p.remote[f.key]
	if !there {
		return upload, nil
	}
	k, listed := p.known[f.key]
	want := f.entry()
	sameBytes := r.size == f.size && (r.md5 == nil || bytes.Equal(r.md5, f.md5))
	switch {
	case listed && !p.force && k == want && sameBytes:
		return keep, nil
	case listed && (p.force || r.size != f.size || k != entry{} && k != want):
		return upload, nil // what pinzhi last wrote there is not the file
	}
	attrs, err := p.bucket.Attributes(ctx, f.key)
	p.counted(func(c *Requests) { c.Head++ })
	switch {
	case gcerrors.Code(err) == gcerrors.NotFound:
		return upload, nil // gone since the listing
	case err != nil:
		return upload, err
	case !listed && attrs.Metadata[MetaSHA256] == "":
		return foreign, nil
	case !p.force && attrs.Metadata[MetaSHA256] == f.sha256 && attrs.Size == f.size && sameHeaders(attrs, f.headers):
		return keep, nil
	}
	return upload, nil
}

func (p *planner) counted(add func(*Requests)) {
	p.mu.Lock()
	add(p.count)
	p.mu.Unlock()
}

func sameHeaders(a *blob.Attributes, h headers) bool {
	return a.ContentType == h.contentType && a.CacheControl == h.cacheControl && a.ContentEncoding == h.contentEncoding
}

// phaseOf is the phase of the upload of the file at key.
func phaseOf(key string, isNew bool) Phase {
	switch {
	case publish.Immutable(key):
		return Assets
	case key == "feed.xml" || key == "sitemap.xml" || key == "robots.txt":
		return Indexes
	case path.Ext(key) != ".html":
		return Assets // what pages use: pictures and files outside assets/
	case isNew:
		return NewPages
	}
	return ChangedPages
}

// foreignError names the objects in the way.
func foreignError(keys []string) error {
	shown := keys[:min(len(keys), 5)]
	more := ""
	if len(keys) > len(shown) {
		more = fmt.Sprintf(" and %d more", len(keys)-len(shown))
	}
	return fmt.Errorf("the target holds %d objects that pinzhi did not upload where the site has files (%s%s); "+
		"pinzhi does not overwrite them: remove them from the bucket yourself, or deploy to another prefix",
		len(keys), strings.Join(shown, ", "), more)
}
