package deploy

import (
	"context"
	"fmt"
	"maps"
	"sync/atomic"

	"gocloud.dev/blob"
)

// apply carries the plan out: the list claims what is about to be
// written, the uploads go phase by phase, the list is written, the
// deletions follow, and the list is written again without them.
func apply(ctx context.Context, opts Options, plan *Plan, known objectList, count *Requests) error {
	if !plan.changes(known) {
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
		claim := maps.Clone(known)
		for _, u := range plan.Uploads {
			claim[u.Key] = entry{} // may be written from now on
		}
		if err := writeList(ctx, opts.Bucket, claim, count); err != nil {
			return err
		}
	}
	if err := uploadAll(ctx, opts, plan.Uploads, step, count); err != nil {
		return err
	}
	after := maps.Clone(plan.list)
	for _, key := range plan.Deletes {
		after[key] = known[key] // still pinzhi's until deleted
	}
	if err := writeList(ctx, opts.Bucket, after, count); err != nil {
		return err
	}
	if len(plan.Deletes) == 0 {
		return nil
	}
	var deleted atomic.Int64
	err := forEach(ctx, len(plan.Deletes), opts.Workers, func(i int) error {
		if err := opts.Bucket.Delete(ctx, plan.Deletes[i]); err != nil {
			return fmt.Errorf("cannot delete %s: %w", plan.Deletes[i], err)
		}
		deleted.Add(1)
		step()
		return nil
	})
	count.Delete += int(deleted.Load())
	if err != nil {
		return err
	}
	return writeList(ctx, opts.Bucket, plan.list, count)
}

func writeList(ctx context.Context, b *blob.Bucket, l objectList, count *Requests) error {
	count.Put++
	if err := writeObjectList(ctx, b, l); err != nil {
		return fmt.Errorf("cannot write %s: %w", ListName, err)
	}
	return nil
}

// uploadAll uploads phase by phase: a phase starts when the one before
// it is done.
func uploadAll(ctx context.Context, opts Options, uploads []Upload, step func(), count *Requests) error {
	var put atomic.Int64
	defer func() { count.Put += int(put.Load()) }()
	for start := 0; start < len(uploads); {
		end := start
		for end < len(uploads) && uploads[end].Phase == uploads[start].Phase {
			end++
		}
		phase := uploads[start:end]
		err := forEach(ctx, len(phase), opts.Workers, func(i int) error {
			if err := uploadOne(ctx, opts, phase[i].file); err != nil {
				return fmt.Errorf("cannot upload %s: %w", phase[i].Key, err)
			}
			put.Add(1)
			step()
			return nil
		})
		if err != nil {
			return err
		}
		start = end
	}
	return nil
}

// uploadOne writes one file with its headers and its hash.
func uploadOne(ctx context.Context, opts Options, f *file) error {
	again := *f
	data, err := again.stored(opts.Site)
	if err != nil {
		return err
	}
	if again.sha256 != f.sha256 {
		return fmt.Errorf("the file changed while it was deployed; deploy again")
	}
	return opts.Bucket.WriteAll(ctx, f.key, data, &blob.WriterOptions{
		ContentType:                 f.headers.contentType,
		CacheControl:                f.headers.cacheControl,
		ContentEncoding:             f.headers.contentEncoding,
		DisableContentTypeDetection: true,
		Metadata:                    map[string]string{MetaSHA256: f.sha256},
	})
}
