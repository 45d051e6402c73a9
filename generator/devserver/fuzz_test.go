package devserver

import (
	"net/http"
	"path"
	"strings"
	"testing"
)

// FuzzResolve feeds arbitrary request paths to the file server's path
// resolution. A path it accepts must name a file inside the site folder
// (no "..", no absolute path, no backslash); anything else must be refused.
// Seeds: testdata/fuzz/FuzzResolve.
func FuzzResolve(f *testing.F) {
	for _, seed := range []string{"/", "/pinzhi/", "/pinzhi/communities/a/", "/pinzhi/../etc/passwd",
		"/pinzhi/..", "//etc/passwd", "/pinzhi/a\\..\\b", "/pinzhi/./x", "/pinzhi/%2e%2e/", "/pinzhi//a//b/", "/pinzhi\x00/"} {
		f.Add(seed, "/pinzhi/")
		f.Add(seed, "/")
	}
	f.Fuzz(func(t *testing.T, p, base string) {
		if !strings.HasPrefix(base, "/") || !strings.HasSuffix(base, "/") {
			return // base paths come from a checked base URL
		}
		s := &siteFiles{}
		s.basePath.Store(&base)
		rel, status := s.resolve(p)
		if status != http.StatusOK {
			return
		}
		if strings.HasPrefix(rel, "/") || strings.ContainsAny(rel, "\\\x00") {
			t.Fatalf("resolve(%q, %q) = %q", p, base, rel)
		}
		if clean := path.Clean("/" + rel); clean != "/"+strings.TrimSuffix(rel, "/") && rel != "" {
			t.Fatalf("resolve(%q, %q) = %q, not clean", p, base, rel)
		}
		for _, seg := range strings.Split(rel, "/") {
			if seg == ".." || seg == "." {
				t.Fatalf("resolve(%q, %q) = %q climbs", p, base, rel)
			}
		}
	})
}
