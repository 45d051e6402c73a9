package deploy

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"pinzhi/generator/internal/source"

	"gocloud.dev/blob"
	_ "gocloud.dev/blob/fileblob" // file:///path
	_ "gocloud.dev/blob/s3blob"   // s3://bucket, for AWS and every store that speaks its API
)

// schemes are the kinds of target pinzhi deploys to. Google Cloud Storage
// and Azure have drivers of their own in the Go CDK, left out because they
// would make the command 87 MB instead of 44 and every command start 19
// ms later; Cloud Storage is reached through its S3-compatible endpoint,
// Azure through a mounted folder (docs/hosting.md).
var schemes = []string{"s3", "file"}

// Open opens the bucket a target URL names. A path after an s3 bucket's
// name is the prefix the site is put under: s3://bucket/2016/pinzhi
// puts index.html at 2016/pinzhi/index.html. Credentials come from the
// store's usual environment variables and files only.
func Open(ctx context.Context, target string) (*blob.Bucket, error) {
	u, prefix, err := parseTarget(target)
	if err != nil {
		return nil, err
	}
	b, err := blob.OpenBucket(ctx, u.String())
	if err != nil {
		return nil, fmt.Errorf("cannot open %s: %w", Redact(target), err)
	}
	if prefix != "" {
		b = blob.PrefixedBucket(b, prefix+"/")
	}
	return b, nil
}

// parseTarget checks a target URL and returns the URL the Go CDK opens,
// with pinzhi's defaults, and the prefix the site goes under.
func parseTarget(target string) (u *url.URL, prefix string, err error) {
	u, err = url.Parse(target)
	if err != nil || u.Scheme == "" {
		return nil, "", fmt.Errorf("%s is not a storage URL: write it as s3://bucket/prefix?region=… or file:///path", Redact(target))
	}
	if !slices.Contains(schemes, u.Scheme) {
		return nil, "", fmt.Errorf("%s: pinzhi deploys to %s:// targets, not %s://; Google Cloud Storage takes s3://bucket?endpoint=https://storage.googleapis.com&region=auto",
			Redact(target), strings.Join(schemes, ":// and "), u.Scheme)
	}
	if source.HasCredential(u) {
		return nil, "", fmt.Errorf("%s carries a credential: give it in the store's environment variables or credentials file instead", Redact(target))
	}
	switch u.Scheme {
	case "s3":
		prefix = strings.Trim(u.Path, "/")
		u.Path = ""
		u.RawQuery = storeDefaults(u.Query()).Encode()
	case "file":
		u.RawQuery = folderDefaults(u.Query()).Encode()
	}
	return u, prefix, nil
}

// storeDefaults asks a store other than Amazon's for checksums only
// where the S3 API requires them, unless the query says otherwise: the
// AWS SDK now sends its own by default, in a form OSS, COS and other
// S3-compatible stores may refuse.
func storeDefaults(q url.Values) url.Values {
	endpoint, err := url.Parse(q.Get("endpoint"))
	if q.Get("endpoint") == "" || err == nil && strings.HasSuffix(endpoint.Hostname(), ".amazonaws.com") {
		return q
	}
	return withDefaults(q, map[string]string{"request_checksum_calculation": "when_required", "response_checksum_validation": "when_required"})
}

// folderDefaults makes a file:// target a plain copy of the site unless
// its query says otherwise: the folder is created, no .attrs file beside
// each file (a web server would serve them), and temporary files beside
// their final names, since a rename from /tmp fails across file systems.
func folderDefaults(q url.Values) url.Values {
	return withDefaults(q, map[string]string{"create_dir": "1", "metadata": "skip", "no_tmp_dir": "1"})
}

// withDefaults sets the parameters the query does not give.
func withDefaults(q url.Values, defaults map[string]string) url.Values {
	for name, value := range defaults {
		if !q.Has(name) {
			q.Set(name, value)
		}
	}
	return q
}

// Redact is the target as it may be printed: as written when it holds
// no secret, else without its user and password and with the values of
// query parameters that name a secret replaced.
func Redact(target string) string {
	u, err := url.Parse(target)
	if err != nil {
		return "the target"
	}
	if !source.HasCredential(u) {
		return target
	}
	u.User = nil
	q := u.Query()
	for name := range q {
		if source.SecretParam(name) {
			q.Set(name, "REDACTED")
		}
	}
	u.RawQuery = q.Encode()
	return u.String()
}
