package deploy

import (
	"context"
	"io"

	"gocloud.dev/blob"
)

// A remote is what the bucket's listing says of one object.
type remote struct {
	size int64
	md5  []byte // nil when the store gives none, or an ETag that is not one
}

// listPage is how many objects one listing request asks for: S3's most.
const listPage = 1000

// listRemote lists the objects under the bucket's prefix and keeps those
// whose keys keep accepts: the site's and pinzhi's, so that a prefix
// holding a million objects of others costs the time to list them and
// no memory. It counts the requests it took.
func listRemote(ctx context.Context, b *blob.Bucket, keep func(key string) bool, count *Requests) (map[string]remote, error) {
	objects := map[string]remote{}
	token := blob.FirstPageToken
	for {
		page, next, err := b.ListPage(ctx, token, listPage, nil)
		count.List++
		if err != nil && err != io.EOF {
			return nil, err
		}
		for _, o := range page {
			if !o.IsDir && keep(o.Key) {
				objects[o.Key] = remote{size: o.Size, md5: o.MD5}
			}
		}
		if len(next) == 0 || err == io.EOF {
			return objects, nil
		}
		token = next
	}
}
