package deploy

import (
	"crypto/sha256"
	"encoding/hex"
	"mime"
	"path"
	"strings"
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

// types are the content types of the files a site holds: the system's
// own table (mime.TypeByExtension reads /etc/mime.types) differs from
// machine to machine, and a changed type would upload the site again.
var types = map[string]string{
	".html":  "text/html; charset=utf-8",
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".json":  "application/json; charset=utf-8",
	".xml":   "application/xml; charset=utf-8",
	".txt":   "text/plain; charset=utf-8",
	".svg":   "image/svg+xml; charset=utf-8",
	".png":   "image/png",
	".jpg":   "image/jpeg",
	".jpeg":  "image/jpeg",
	".webp":  "image/webp",
	".avif":  "image/avif",
	".gif":   "image/gif",
	".ico":   "image/x-icon",
	".woff2": "font/woff2",
	".pdf":   "application/pdf",
}

// headersOf are the headers of the file at the slash path name.
func headersOf(name string, gzip bool) headers {
	h := headers{contentType: contentType(name), cacheControl: revalidate}
	if strings.HasPrefix(name, "assets/") {
		h.cacheControl = immutable
	}
	if gzip && compressible(h.contentType) {
		h.contentEncoding = "gzip"
	}
	return h
}

func contentType(name string) string {
	if name == "feed.xml" {
		return "application/atom+xml; charset=utf-8"
	}
	ext := strings.ToLower(path.Ext(name))
	if t, ok := types[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
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
