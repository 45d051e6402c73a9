package publish

import (
	"path"
	"strings"
)

// contentTypes are the types of the files a site has; text is UTF-8.
var contentTypes = map[string]string{
	".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
	".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
	".xml": "application/xml; charset=utf-8", ".txt": "text/plain; charset=utf-8",
	".json": "application/json; charset=utf-8", ".webmanifest": "application/manifest+json; charset=utf-8",
	".svg": "image/svg+xml; charset=utf-8", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
	".gif": "image/gif", ".webp": "image/webp", ".avif": "image/avif", ".ico": "image/x-icon",
	".woff2": "font/woff2", ".woff": "font/woff", ".pdf": "application/pdf", ".mp4": "video/mp4",
}

// ContentType is the Content-Type a host sends the file of the site at
// the slash path name with: text as UTF-8, the feed as Atom; "" for a
// kind of file the table does not know. It is pinzhi's own table, the
// same on every machine (mime.TypeByExtension reads /etc/mime.types).
func ContentType(name string) string {
	if name == "feed.xml" {
		return "application/atom+xml; charset=utf-8"
	}
	return contentTypes[strings.ToLower(path.Ext(name))]
}

// Immutable reports whether the file at the slash path name may be
// cached for ever: everything under assets/ is named by its content.
func Immutable(name string) bool { return strings.HasPrefix(name, "assets/") }
