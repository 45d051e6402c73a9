package deploy

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"

	"gocloud.dev/blob"
	"gocloud.dev/gcerrors"
)

// ListName is the key, under the target's prefix, of the list of the
// objects pinzhi uploaded there.
const ListName = ".pinzhi-objects.json.gz"

// MetaSHA256 is the metadata key of the SHA-256 of an object's bytes, as
// they are in the site (before compression).
const MetaSHA256 = "pinzhi-sha256"

// listFormat names the list's format, so that a file of the same name
// written by anything else is not taken for it.
const listFormat = "pinzhi-objects 1"

// An entry is what the object list knows of one object: the SHA-256 of
// the file it was uploaded from and the fingerprint of its headers. An
// empty hash means the object may or may not have been written: a deploy
// was about to write it.
type entry struct {
	SHA256, Headers string
}

// objectList maps the keys of the objects pinzhi uploaded to their entries.
type objectList map[string]entry

type listFile struct {
	Format  string              `json:"format"`
	Objects map[string][]string `json:"objects"` // key: [sha256, headers]
}

// readObjectList reads the bucket's object list; an empty one when the
// bucket has none.
func readObjectList(ctx context.Context, b *blob.Bucket) (objectList, error) {
	data, err := b.ReadAll(ctx, ListName)
	if gcerrors.Code(err) == gcerrors.NotFound {
		return objectList{}, nil
	}
	if err != nil {
		return nil, err
	}
	l, err := decodeList(data)
	if err != nil {
		return nil, fmt.Errorf("%s in the target is not pinzhi's list of the objects it uploaded (%v); "+
			"it is left as it is: deploy to another prefix, or remove it if no pinzhi wrote it", ListName, err)
	}
	return l, nil
}

func decodeList(data []byte) (objectList, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	var lf listFile
	if err := json.NewDecoder(io.LimitReader(zr, 1<<30)).Decode(&lf); err != nil {
		return nil, err
	}
	if lf.Format != listFormat {
		return nil, fmt.Errorf("its format is %q", lf.Format)
	}
	l := make(objectList, len(lf.Objects))
	for key, e := range lf.Objects {
		if len(e) != 2 {
			return nil, fmt.Errorf("the entry of %q has %d fields", key, len(e))
		}
		l[key] = entry{SHA256: e[0], Headers: e[1]}
	}
	return l, nil
}

func encodeList(l objectList) []byte {
	lf := listFile{Format: listFormat, Objects: make(map[string][]string, len(l))}
	for key, e := range l {
		lf.Objects[key] = []string{e.SHA256, e.Headers}
	}
	data, _ := json.Marshal(lf) // strings only
	return compress(data)
}

// writeObjectList replaces the bucket's object list. It is not one of
// the site's files: it is never cached.
func writeObjectList(ctx context.Context, b *blob.Bucket, l objectList) error {
	return b.WriteAll(ctx, ListName, encodeList(l), &blob.WriterOptions{
		ContentType: "application/gzip", CacheControl: "no-store"})
}
