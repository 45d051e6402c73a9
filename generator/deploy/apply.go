package deploy

import (
	"context"
	"fmt"
	"sync/atomic"

	"gocloud.dev/blob"
	"gocloud.dev/gcerrors"
)

// apply carries the plan out: the pending list names what is about to
// be written, the uploads go phase by phase, the deletions follow, and
// the object list is written once, at the end.
func apply(ctx context.Context, opts Options, plan *Plan, known objectList, pending bool, count *Requests) error {
	if !plan.changes(known) && !pending {
		return nil
	}
	var done atomic.Int64
	total := len(plan.Uploads) + len(plan.Deletes)
	step := func() {
		if opts.Progress != nil {
			opts.Progress(int(done.Add(1)), total)
		}
	}
	if len(plan.Uploads) > 0 {
		if err := writePending(ctx, opts.Bucket, plan.Uploads, count); err != nil {
			return err
		}
		pending = true
	}
	if err := uploadAll(ctx, opts, plan.Uploads, step, count); err != nil {
		return err
	}
	if err := deleteAll(ctx, opts, plan.Deletes, step, count); err != nil {
		return err
	}
	if err := writeObjectList(ctx, opts.Bucket, plan.list, count); err != nil {
		return err
	}
	if pending {
		return removePending(ctx, opts.Bucket, count)
	}
	return nil
}

// uploadAll uploads phase by phase: a phase starts when the one before
// it is done.
func uploadAll(ctx context.Context, opts Options, uploads []Upload, step func(), count *Requests) error {
	var put, sent atomic.Int64
	defer func() { count.Put += int(put.Load()); count.Sent += sent.Load() }()
	phase := func(i int) Phase { return uploads[i].Phase }
	return inPhases(ctx, len(uploads), opts.Workers, phase, func(ctx context.Context, i int) error {
		if err := uploadOne(ctx, opts, uploads[i].file); err != nil {
			return fmt.Errorf("cannot upload %s: %w", uploads[i].Key, err)
		}
		put.Add(1)
		sent.Add(uploads[i].Size)
		step()
		return nil
	})
}

// uploadOne streams one file to the bucket with its headers and its
// hash. A file that is not what was planned (it changed since) is not
// written: the write is canceled before it is closed.
func uploadOne(ctx context.Context, opts Options, f *file) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w, err := opts.Bucket.NewWriter(ctx, f.key, &blob.WriterOptions{
		ContentType:                 f.headers.contentType,
		CacheControl:                f.headers.cacheControl,
		ContentEncoding:             f.headers.contentEncoding,
		DisableContentTypeDetection: true,
		Metadata:                    map[string]string{MetaSHA256: f.sha256},
	})
	if err != nil {
		return err
	}
	again := *f
	err = again.store(opts.Site, w)
	if err == nil && again.sha256 != f.sha256 {
		err = fmt.Errorf("the file changed while it was deployed; deploy again")
	}
	if err != nil {
		cancel()
		w.Close()
		return err
	}
	return w.Close()
}

// deleteAll deletes in the plan's order, pages before assets, the way
// uploads go in reverse; the object list still names each object until
// it is written at the end.
func deleteAll(ctx context.Context, opts Options, keys []string, step func(), count *Requests) error {
	var deleted atomic.Int64
	defer func() { count.Delete += int(deleted.Load()) }()
	phase := func(i int) Phase { return phaseOf(keys[i], false) }
	return inPhases(ctx, len(keys), opts.Workers, phase, func(ctx context.Context, i int) error {
		if err := opts.Bucket.Delete(ctx, keys[i]); err != nil && gcerrors.Code(err) != gcerrors.NotFound {
			return fmt.Errorf("cannot delete %s: %w", keys[i], err)
		}
		deleted.Add(1)
		step()
		return nil
	})
}
