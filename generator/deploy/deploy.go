package deploy

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"time"

	"gocloud.dev/blob"
	"golang.org/x/sync/errgroup"
)

// Options say what to deploy where.
type Options struct {
	Site   fs.FS    // the built site
	Files  []string // the files of Site pinzhi wrote, as slash paths
	Bucket *blob.Bucket
	// DryRun makes the plan and changes nothing.
	DryRun bool
	// Force uploads every file, changed or not.
	Force bool
	// Gzip stores text compressed, with Content-Encoding: gzip.
	Gzip bool
	// MaxDeletes bounds the objects a deploy may delete; a plan with more
	// fails before anything is changed. Negative means no bound.
	MaxDeletes int
	// Workers is how many requests are made at once; 0 means 10.
	Workers int
	// Progress, when set, is told of each upload and deletion done.
	Progress func(done, total int)
}

// Requests counts the requests a deploy made, by kind.
type Requests struct {
	List   int // pages of the bucket's listing
	Head   int // objects' attributes read
	Put    int // objects written, the object lists among them
	Delete int
	Get    int   // the object lists read
	Sent   int64 // bytes written, the object lists' among them
}

// A Result is what a deploy did, or with DryRun would do.
type Result struct {
	Plan
	Requests Requests
	Duration time.Duration
}

// ErrTooManyDeletes is returned, wrapped, when a plan deletes more
// objects than Options.MaxDeletes.
var ErrTooManyDeletes = errors.New("too many deletions")

// Deploy makes the bucket hold the site: it uploads what changed, in the
// order the package documentation gives, and deletes what pinzhi uploaded
// before that the site no longer has. On an error the bucket holds the
// old site with some new objects beside it, and the next deploy finishes
// the job.
func Deploy(ctx context.Context, opts Options) (*Result, error) {
	start := time.Now()
	if opts.Workers <= 0 {
		opts.Workers = 10
	}
	res := &Result{}
	plan, known, pending, err := prepare(ctx, opts, &res.Requests)
	if err != nil {
		return nil, err
	}
	res.Plan = *plan
	if opts.MaxDeletes >= 0 && len(plan.Deletes) > opts.MaxDeletes {
		return res, tooManyDeletes(len(plan.Deletes), opts.MaxDeletes)
	}
	if !opts.DryRun {
		err = apply(ctx, opts, plan, known, pending, &res.Requests)
	}
	res.Duration = time.Since(start)
	return res, err
}

// prepare reads the object list, then lists the bucket while it hashes
// the site (the listing waits on the store, the hashing on the disk and
// the processor: at 20,000 files each takes about a second), and makes
// the plan; pending reports whether a stopped deploy left a pending list.
func prepare(ctx context.Context, opts Options, count *Requests) (plan *Plan, known objectList, pending bool, err error) {
	known, pending, err = readObjectList(ctx, opts.Bucket, count)
	if err != nil {
		return nil, nil, false, err
	}
	var (
		remote map[string]remote
		files  []*file
	)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		remote, err = listRemote(gctx, opts.Bucket, mayBeOurs(opts.Files, known), count)
		return err
	})
	g.Go(func() (err error) {
		files, err = readFiles(gctx, opts.Site, opts.Files, opts.Gzip, opts.Workers)
		return err
	})
	if err := g.Wait(); err != nil {
		return nil, nil, false, err
	}
	p := &planner{bucket: opts.Bucket, known: known, remote: remote, force: opts.Force, count: count}
	plan, err = makePlan(ctx, p, files, opts.Workers)
	return plan, known, pending, err
}

// mayBeOurs accepts the keys of the site's files and of pinzhi's list:
// of the bucket's objects, the only ones a deploy writes or deletes.
func mayBeOurs(site []string, known objectList) func(key string) bool {
	inSite := make(map[string]bool, len(site))
	for _, f := range site {
		inSite[f] = true
	}
	return func(key string) bool {
		_, own := known[key]
		return inSite[key] || own
	}
}

// changes reports whether the plan changes the bucket, or its list.
func (p *Plan) changes(known objectList) bool {
	return len(p.Uploads) > 0 || len(p.Deletes) > 0 || !maps.Equal(p.list, known)
}

func tooManyDeletes(n, max int) error {
	return fmt.Errorf("%w: the site no longer has %d objects pinzhi uploaded, more than --max-deletes %d; "+
		"check that the target is this site's bucket and prefix, then pass --max-deletes %d", ErrTooManyDeletes, n, max, n)
}
