package deploy

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"gocloud.dev/blob"
	"gocloud.dev/gcerrors"
)

// ListName is the key, under the target's prefix, of the list of the
// objects pinzhi uploaded there.
const ListName = ".pinzhi-objects.json.gz"

// PendingName is the key of the list of the objects a deploy is about to
// write: it is there only while a deploy runs, or after one was stopped.
const PendingName = ".pinzhi-pending.json"

// MetaSHA256 is the metadata key of the SHA-256 of an object's bytes, as
// they are in the site (before compression).
const MetaSHA256 = "pinzhi-sha256"

// The lists' formats, so that a file of the same name written by
// anything else is not taken for one.
const (
	listFormat    = "pinzhi-objects 1"
	pendingFormat = "pinzhi-pending 1"
)

// An entry is what the object list knows of one object: the hash of the
// file it was uploaded from (the first 64 bits of its SHA-256, in hex:
// enough to tell two versions of a file apart, and a list of 20,000
// objects a third the size it would be with whole hashes) and the
// fingerprint of its headers. The zero entry means the object may or may
// not have been written: a deploy was about to write it.
type entry struct {
	Hash, Headers string
}

// listHash is the hash the object list keeps of a SHA-256 in hex.
func listHash(sha256 string) string { return sha256[:16] }

// objectList maps the keys of the objects pinzhi uploaded to their entries.
type objectList map[string]entry

type listFile struct {
	Format  string            `json:"format"`
	Objects map[string]string `json:"objects"` // key: "hash headers"
}

type pendingFile struct {
	Format string   `json:"format"`
	Keys   []string `json:"keys"`
}

// readObjectList reads the bucket's object list, with the objects a
// stopped deploy was about to write as zero entries; an empty list when
// the bucket has none. pending reports whether there was a pending list.
func readObjectList(ctx context.Context, b *blob.Bucket, count *Requests) (l objectList, pending bool, err error) {
	if l, err = readList(ctx, b, ListName, decodeList, count); err != nil {
		return nil, false, err
	}
	if l == nil {
		l = objectList{}
	}
	claimed, err := readList(ctx, b, PendingName, decodePending, count)
	if err != nil {
		return nil, false, err
	}
	for key := range claimed {
		l[key] = entry{}
	}
	return l, claimed != nil, nil
}

// The bounds on pinzhi's lists, which anyone with the bucket's keys
// could replace: the object list of a site of 20,000 files is 350 KB
// gzipped and 1.3 MB of JSON, so these leave room for sites a hundred
// times larger and keep a hostile list from taking the machine's memory.
const (
	maxListBytes = 64 << 20
	maxListJSON  = 256 << 20
)

var errListTooLarge = errors.New("it is larger than any list pinzhi writes")

// readBounded reads an object of at most limit bytes.
func readBounded(ctx context.Context, b *blob.Bucket, name string, limit int64) ([]byte, error) {
	r, err := b.NewReader(ctx, name, nil)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err == nil && int64(len(data)) > limit {
		err = errListTooLarge
	}
	return data, err
}

// readList reads and decodes one of the lists; nil when there is none.
func readList(ctx context.Context, b *blob.Bucket, name string, decode func([]byte) (objectList, error), count *Requests) (l objectList, err error) {
	count.Get++
	data, err := readBounded(ctx, b, name, maxListBytes)
	switch {
	case gcerrors.Code(err) == gcerrors.NotFound:
		return nil, nil
	case err == nil:
		l, err = decode(data)
	case !errors.Is(err, errListTooLarge):
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("%s in the target is not a list pinzhi wrote (%v); "+
			"it is left as it is: deploy to another prefix, or remove it if no pinzhi wrote it", name, err)
	}
	return l, nil
}

// gunzip decompresses data of at most limit bytes once decompressed.
func gunzip(data []byte, limit int64) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	text, err := io.ReadAll(io.LimitReader(zr, limit+1))
	if err == nil && int64(len(text)) > limit {
		err = errListTooLarge
	}
	return text, err
}

func decodeList(data []byte) (objectList, error) {
	text, err := gunzip(data, maxListJSON)
	if err != nil {
		return nil, err
	}
	var lf listFile
	if err := json.Unmarshal(text, &lf); err != nil {
		return nil, err
	}
	if lf.Format != listFormat {
		return nil, fmt.Errorf("its format is %q", lf.Format)
	}
	l := make(objectList, len(lf.Objects))
	for key, e := range lf.Objects {
		hash, headers, ok := strings.Cut(e, " ")
		if !ok {
			return nil, fmt.Errorf("the entry of %q is %q", key, e)
		}
		l[key] = entry{Hash: hash, Headers: headers}
	}
	return l, nil
}

func decodePending(data []byte) (objectList, error) {
	var pf pendingFile
	if err := json.Unmarshal(data, &pf); err != nil {
		return nil, err
	}
	if pf.Format != pendingFormat {
		return nil, fmt.Errorf("its format is %q", pf.Format)
	}
	l := make(objectList, len(pf.Keys))
	for _, key := range pf.Keys {
		l[key] = entry{}
	}
	return l, nil
}

func encodeList(l objectList) []byte {
	lf := listFile{Format: listFormat, Objects: make(map[string]string, len(l))}
	for key, e := range l {
		lf.Objects[key] = e.Hash + " " + e.Headers
	}
	data, _ := json.Marshal(lf) // strings only
	return compress(data)
}

// writeObjectList replaces the bucket's object list.
func writeObjectList(ctx context.Context, b *blob.Bucket, l objectList, count *Requests) error {
	return writeOwn(ctx, b, ListName, encodeList(l), "application/gzip", count)
}

// writePending names the objects about to be written.
func writePending(ctx context.Context, b *blob.Bucket, uploads []Upload, count *Requests) error {
	pf := pendingFile{Format: pendingFormat}
	for _, u := range uploads {
		pf.Keys = append(pf.Keys, u.Key)
	}
	data, _ := json.Marshal(pf) // strings only
	return writeOwn(ctx, b, PendingName, data, "application/json", count)
}

// writeOwn writes one of pinzhi's lists. Neither is one of the site's
// files: they are never cached.
func writeOwn(ctx context.Context, b *blob.Bucket, name string, data []byte, contentType string, count *Requests) error {
	count.Put++
	count.Sent += int64(len(data))
	if err := b.WriteAll(ctx, name, data, &blob.WriterOptions{ContentType: contentType, CacheControl: "no-store"}); err != nil {
		return fmt.Errorf("cannot write %s: %w", name, err)
	}
	return nil
}

// removePending removes the pending list once the object list holds
// what it named.
func removePending(ctx context.Context, b *blob.Bucket, count *Requests) error {
	count.Delete++
	if err := b.Delete(ctx, PendingName); err != nil && gcerrors.Code(err) != gcerrors.NotFound {
		return fmt.Errorf("cannot remove %s: %w", PendingName, err)
	}
	return nil
}
