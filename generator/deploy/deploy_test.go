package deploy

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"gocloud.dev/blob"
	"gocloud.dev/blob/memblob"
)

// site is a small built site: pages that link to a stylesheet by its
// hashed name, a picture, the feed and the sitemap.
func site(css string, pages ...string) fstest.MapFS {
	cssName := "assets/site." + css + ".css"
	fsys := fstest.MapFS{
		cssName:            {Data: []byte("body{color:#" + css + "}")},
		"assets/photo.jpg": {Data: bytes.Repeat([]byte{0xff, 0xd8}, 500)},
		"feed.xml":         {Data: []byte("<feed>" + strings.Join(pages, " ") + "</feed>")},
		"sitemap.xml":      {Data: []byte("<urlset>" + strings.Join(pages, " ") + "</urlset>")},
		"404.html":         {Data: []byte(`<link href=/` + cssName + `>not found`)},
	}
	for _, p := range pages {
		fsys[p+"/index.html"] = &fstest.MapFile{Data: []byte(`<link href=/` + cssName + `><img src=/assets/photo.jpg>` + p)}
	}
	return fsys
}

func files(fsys fstest.MapFS) []string { return slices.Sorted(maps.Keys(fsys)) }

func deployTo(t *testing.T, b *blob.Bucket, fsys fstest.MapFS, change func(*Options)) (*Result, error) {
	t.Helper()
	opts := Options{Site: fsys, Files: files(fsys), Bucket: b, MaxDeletes: 256}
	if change != nil {
		change(&opts)
	}
	return Deploy(context.Background(), opts)
}

func mustDeploy(t *testing.T, b *blob.Bucket, fsys fstest.MapFS, change func(*Options)) *Result {
	t.Helper()
	res, err := deployTo(t, b, fsys, change)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// contents reads every object of the bucket, as a browser would
// (uncompressed).
func contents(t *testing.T, b *blob.Bucket) map[string]string {
	t.Helper()
	out := map[string]string{}
	it := b.List(nil)
	for {
		o, err := it.Next(context.Background())
		if err != nil {
			break
		}
		data, err := b.ReadAll(context.Background(), o.Key)
		if err != nil {
			t.Fatal(err)
		}
		if a, _ := b.Attributes(context.Background(), o.Key); a.ContentEncoding == "gzip" {
			zr, err := gzip.NewReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if data, err = io.ReadAll(zr); err != nil {
				t.Fatal(err)
			}
		}
		out[o.Key] = string(data)
	}
	return out
}

// holdsExactly checks that the bucket holds the site, the object list and
// the other objects named, and nothing else.
func holdsExactly(t *testing.T, b *blob.Bucket, fsys fstest.MapFS, others ...string) {
	t.Helper()
	got := contents(t, b)
	for name, f := range fsys {
		if got[name] != string(f.Data) {
			t.Errorf("%s: the bucket holds %q, want %q", name, got[name], f.Data)
		}
		delete(got, name)
	}
	delete(got, ListName)
	for _, o := range others {
		delete(got, o)
	}
	if len(got) > 0 {
		t.Errorf("the bucket also holds %v", slices.Sorted(maps.Keys(got)))
	}
}

func uploaded(r *Result) []string {
	var keys []string
	for _, u := range r.Uploads {
		keys = append(keys, u.Key)
	}
	slices.Sort(keys)
	return keys
}

func TestDeployUploadsWhatChanged(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name   string
		before func(b *blob.Bucket) // after the first deploy of site("aa", "a", "b")
		opts   func(*Options)
		want   []string // uploaded by the second deploy of that site
	}{
		{"nothing", nil, nil, nil},
		{"force", nil, func(o *Options) { o.Force = true }, files(site("aa", "a", "b"))},
		{"headers changed: gzip", nil, func(o *Options) { o.Gzip = true },
			[]string{"404.html", "a/index.html", "assets/site.aa.css", "b/index.html", "feed.xml", "sitemap.xml"}},
		{"an object changed behind pinzhi's back", func(b *blob.Bucket) {
			b.WriteAll(ctx, "a/index.html", []byte("defaced"), nil)
		}, nil, []string{"a/index.html"}},
		{"an object changed behind pinzhi's back, same size", func(b *blob.Bucket) {
			data, _ := b.ReadAll(ctx, "b/index.html")
			b.WriteAll(ctx, "b/index.html", bytes.ToUpper(data), nil)
		}, nil, []string{"b/index.html"}},
		{"an object deleted behind pinzhi's back", func(b *blob.Bucket) {
			b.Delete(ctx, "feed.xml")
		}, nil, []string{"feed.xml"}},
		{"the object list lost: objects are known by their metadata", func(b *blob.Bucket) {
			b.Delete(ctx, ListName)
		}, nil, nil},
		{"a pending list left by a stopped deploy", func(b *blob.Bucket) {
			b.WriteAll(ctx, PendingName, []byte(`{"format":"pinzhi-pending 1","keys":["a/index.html","z/index.html"]}`), nil)
		}, nil, nil},
		{"a pending list, and the object changed since", func(b *blob.Bucket) {
			b.WriteAll(ctx, PendingName, []byte(`{"format":"pinzhi-pending 1","keys":["a/index.html"]}`), nil)
			data, _ := b.ReadAll(ctx, "a/index.html")
			b.WriteAll(ctx, "a/index.html", bytes.ToUpper(data), &blob.WriterOptions{Metadata: map[string]string{MetaSHA256: "0"}})
		}, nil, []string{"a/index.html"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := memblob.OpenBucket(nil)
			fsys := site("aa", "a", "b")
			mustDeploy(t, b, fsys, nil)
			if c.before != nil {
				c.before(b)
			}
			res := mustDeploy(t, b, fsys, c.opts)
			if got := uploaded(res); !slices.Equal(got, c.want) {
				t.Errorf("uploaded %v, want %v", got, c.want)
			}
			holdsExactly(t, b, fsys)
			unforced := func(o *Options) {
				if c.opts != nil {
					c.opts(o)
				}
				o.Force = false
			}
			if again := mustDeploy(t, b, fsys, unforced); len(again.Uploads) > 0 {
				t.Errorf("the deploy after uploaded %v", uploaded(again))
			}
		})
	}
}

func TestDeployDeletesOnlyItsOwn(t *testing.T) {
	ctx := context.Background()
	b := memblob.OpenBucket(nil)
	mustDeploy(t, b, site("aa", "a", "b", "c"), nil)
	b.WriteAll(ctx, "theirs.txt", []byte("a colleague's"), nil)
	next := site("bb", "a")
	res := mustDeploy(t, b, next, nil)
	if want := []string{"b/index.html", "c/index.html", "assets/site.aa.css"}; !slices.Equal(res.Deletes, want) {
		t.Errorf("deleted %v, want %v", res.Deletes, want)
	}
	holdsExactly(t, b, next, "theirs.txt")
}

// TestDeployRefusesBeforeChanging: each refusal leaves the bucket as it
// was.
func TestDeployRefusesBeforeChanging(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name  string
		setup func(b *blob.Bucket)
		next  fstest.MapFS
		opts  func(*Options)
		want  string
	}{
		{"more deletions than allowed", nil, site("aa", "a"), func(o *Options) { o.MaxDeletes = 1 }, "more than --max-deletes 1"},
		{"someone else's object where the site has a file", func(b *blob.Bucket) {
			b.WriteAll(ctx, "d/index.html", []byte("theirs"), nil)
		}, site("aa", "a", "b", "c", "d"), nil, "pinzhi does not overwrite them"},
		{"an object list pinzhi did not write", func(b *blob.Bucket) {
			b.WriteAll(ctx, ListName, []byte("{}"), nil)
		}, site("bb", "a"), nil, ".pinzhi-objects.json.gz in the target is not a list pinzhi wrote"},
		{"a pending list pinzhi did not write", func(b *blob.Bucket) {
			b.WriteAll(ctx, PendingName, []byte(`["a"]`), nil)
		}, site("bb", "a"), nil, ".pinzhi-pending.json in the target is not a list pinzhi wrote"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := memblob.OpenBucket(nil)
			mustDeploy(t, b, site("aa", "a", "b", "c"), nil)
			if c.setup != nil {
				c.setup(b)
			}
			before := contents(t, b)
			_, err := deployTo(t, b, c.next, c.opts)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one with %q", err, c.want)
			}
			if after := contents(t, b); !maps.Equal(before, after) {
				t.Errorf("the refused deploy changed the bucket")
			}
		})
	}
}

func TestDryRunChangesNothing(t *testing.T) {
	b := memblob.OpenBucket(nil)
	mustDeploy(t, b, site("aa", "a", "b"), nil)
	before := contents(t, b)
	res := mustDeploy(t, b, site("bb", "a", "c"), func(o *Options) { o.DryRun = true })
	if want := []string{"404.html", "a/index.html", "assets/site.bb.css", "c/index.html", "feed.xml", "sitemap.xml"}; !slices.Equal(uploaded(res), want) {
		t.Errorf("the plan uploads %v, want %v", uploaded(res), want)
	}
	if want := []string{"b/index.html", "assets/site.aa.css"}; !slices.Equal(res.Deletes, want) {
		t.Errorf("the plan deletes %v, want %v", res.Deletes, want)
	}
	if !maps.Equal(before, contents(t, b)) {
		t.Errorf("a dry run changed the bucket")
	}
}

func TestUploadOrder(t *testing.T) {
	b := memblob.OpenBucket(nil)
	mustDeploy(t, b, site("aa", "a", "b"), nil)
	res := mustDeploy(t, b, site("bb", "a", "b", "c"), func(o *Options) { o.DryRun = true })
	var order []string
	for _, u := range res.Uploads {
		order = append(order, u.Key)
	}
	want := []string{"assets/site.bb.css", "c/index.html", "404.html", "a/index.html", "b/index.html", "feed.xml", "sitemap.xml"}
	if !slices.Equal(order, want) {
		t.Errorf("uploads in the order %v, want %v", order, want)
	}
}

// TestStoppedDeploy stops a deploy after each number of uploads in turn:
// every page the bucket holds then has its stylesheet, and the next deploy
// leaves exactly the site, its predecessor's objects deleted.
func TestStoppedDeploy(t *testing.T) {
	old, next := site("aa", "a", "b", "c"), site("bb", "a", "b", "d", "e")
	for stop := 1; stop <= 9; stop++ { // 8 uploads, then 2 deletions
		b := memblob.OpenBucket(nil)
		mustDeploy(t, b, old, nil)
		ctx, cancel := context.WithCancel(context.Background())
		_, err := Deploy(ctx, Options{Site: next, Files: files(next), Bucket: b, Workers: 1, MaxDeletes: -1,
			Progress: func(done, _ int) {
				if done == stop {
					cancel()
				}
			}})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("stopped after %d: error %v", stop, err)
		}
		for key, page := range contents(t, b) {
			if !strings.HasSuffix(key, ".html") {
				continue
			}
			css := strings.TrimPrefix(strings.SplitN(strings.SplitN(page, "href=", 2)[1], ">", 2)[0], "/")
			if _, err := b.Attributes(context.Background(), css); err != nil {
				t.Errorf("stopped after %d: %s links to %s, which is not there", stop, key, css)
			}
		}
		mustDeploy(t, b, next, nil)
		holdsExactly(t, b, next)
	}
}

func TestHeaders(t *testing.T) {
	cases := []struct {
		name, contentType, cacheControl, encoding string
		gzip                                      bool
	}{
		{"index.html", "text/html; charset=utf-8", "no-cache", "", false},
		{"index.html", "text/html; charset=utf-8", "no-cache", "gzip", true},
		{"feed.xml", "application/atom+xml; charset=utf-8", "no-cache", "", false},
		{"sitemap.xml", "application/xml; charset=utf-8", "no-cache", "", false},
		{"robots.txt", "text/plain; charset=utf-8", "no-cache", "", false},
		{"assets/site.0e1f2a3b4c.css", "text/css; charset=utf-8", immutable, "gzip", true},
		{"assets/pinzhi-search.8aeaac8872.js", "text/javascript; charset=utf-8", immutable, "", false},
		{"assets/search/s0.bcfb9cc98e.json", "application/json; charset=utf-8", immutable, "", false},
		{"assets/cards/c28284e2bf8e2eea.png", "image/png", immutable, "", true},
		{"assets/award-640.126d01efde.webp", "image/webp", immutable, "", true},
		{"assets/favicon.5aafa73a4f.svg", "image/svg+xml; charset=utf-8", immutable, "gzip", true},
		{"assets/clip.xyz", "application/octet-stream", immutable, "", true},
	}
	for _, c := range cases {
		h := headersOf(c.name, c.gzip)
		if h.contentType != c.contentType || h.cacheControl != c.cacheControl || h.contentEncoding != c.encoding {
			t.Errorf("%s (gzip %v): %+v", c.name, c.gzip, h)
		}
	}
}

// changing is a site whose file at key has other bytes each time it is
// opened, as a file being rebuilt while it is deployed would.
type changing struct {
	fstest.MapFS
	key   string
	mu    sync.Mutex
	opens int
}

func (c *changing) Open(name string) (fs.File, error) {
	if name != c.key {
		return c.MapFS.Open(name)
	}
	c.mu.Lock()
	c.opens++
	now := fstest.MapFS{name: {Data: []byte(strings.Repeat("x", c.opens))}}
	c.mu.Unlock()
	return now.Open(name)
}

// TestFileChangedWhileDeployed: a file whose bytes are not those planned
// is not written, and the deploy says so.
func TestFileChangedWhileDeployed(t *testing.T) {
	b := memblob.OpenBucket(nil)
	old := site("aa", "a")
	mustDeploy(t, b, old, nil)
	next := site("aa", "a")
	site := &changing{MapFS: next, key: "a/index.html"}
	_, err := Deploy(context.Background(), Options{Site: site, Files: files(next), Bucket: b, MaxDeletes: -1})
	if err == nil || !strings.Contains(err.Error(), "changed while it was deployed") {
		t.Fatalf("error %v", err)
	}
	if got := contents(t, b)["a/index.html"]; got != string(old["a/index.html"].Data) {
		t.Errorf("the bucket holds %q, the file as it was before", got)
	}
}

// TestListsAreBounded: a list larger than any pinzhi writes is refused
// before it is read whole, or decompressed whole.
func TestListsAreBounded(t *testing.T) {
	ctx := context.Background()
	b := memblob.OpenBucket(nil)
	b.WriteAll(ctx, "big", bytes.Repeat([]byte("x"), 1000), nil)
	if _, err := readBounded(ctx, b, "big", 999); !errors.Is(err, errListTooLarge) {
		t.Errorf("reading 1,000 bytes with a bound of 999: %v", err)
	}
	if data, err := readBounded(ctx, b, "big", 1000); err != nil || len(data) != 1000 {
		t.Errorf("reading 1,000 bytes with a bound of 1,000: %d bytes, %v", len(data), err)
	}
	bomb := compress(bytes.Repeat([]byte(" "), 1<<20)) // 1 KB that is 1 MB
	if _, err := gunzip(bomb, 1<<19); !errors.Is(err, errListTooLarge) {
		t.Errorf("1 MB with a bound of 512 KB: %v", err)
	}
	b.WriteAll(ctx, ListName, bomb, nil)
	if _, err := deployTo(t, b, site("aa", "a"), nil); err == nil || !strings.Contains(err.Error(), "is not a list pinzhi wrote") {
		t.Errorf("a list that is no list: %v", err)
	}
}
