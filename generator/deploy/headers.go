package deploy

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"pinzhi/generator/internal/publish"
)

// headers are the HTTP headers an object is stored with.
type headers struct {
	contentType     string
	cacheControl    string
	contentEncoding string
}

const (
	immutable  = "public, max-age=31536000, immutable"
	revalidate = "no-cache"
)

// headersOf are the headers of the file at the slash path name.
func headersOf(name string, gzip bool) headers {
	h := headers{contentType: publish.ContentType(name), cacheControl: revalidate}
	if h.contentType == "" {
		h.contentType = "application/octet-stream"
	}
	if publish.Immutable(name) {
		h.cacheControl = immutable
	}
	if gzip && compressible(h.contentType) {
		h.contentEncoding = "gzip"
	}
	return h
}

// compressible reports whether gzip makes a file of the type smaller:
// text does, pictures are compressed already.
func compressible(contentType string) bool {
	return strings.Contains(contentType, "charset=utf-8")
}

// fingerprint names the headers in the object list, so that a change of
// them uploads the object again.
func (h headers) fingerprint() string {
	sum := sha256.Sum256([]byte(h.contentType + "\n" + h.cacheControl + "\n" + h.contentEncoding))
	return hex.EncodeToString(sum[:4])
}
