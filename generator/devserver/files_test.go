package devserver

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// servedSite is a small built site, with traps: symbolic links out of the
// folder and a folder without an index.
func servedSite(t *testing.T, base string) *httptest.Server {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"index.html":                 "<!doctype html><html><body><h1>首页</h1></body></html>",
		"404.html":                   "<!doctype html><html><body><h1>页面未找到</h1></body></html>",
		"communities/a/index.html":   "<!doctype html><html><body><h1>社区</h1></body></html>",
		"assets/site.0123456789.css": "body{color:red}",
		"feed.xml":                   "<?xml version=\"1.0\"?><feed/>",
		"robots.txt":                 "User-agent: *",
		"nolist/file.txt":            "x",
		"noend.html":                 "<p>没有 body 结束标签",
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	secret := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(secret, []byte("SECRET"), 0o644)
	os.Symlink(secret, filepath.Join(dir, "escape.txt"))
	os.Symlink(filepath.Dir(secret), filepath.Join(dir, "escdir"))
	s := &siteFiles{dir: dir, stamp: func() string { return "b7" }}
	s.basePath.Store(&base)
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return srv
}

type response struct {
	status int
	ctype  string
	body   string
}

// get sends a request with the path exactly as written, unnormalised.
func get(t *testing.T, srv *httptest.Server, method, rawPath string) response {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.URL.Opaque = rawPath // sent as is: no cleaning by the client
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return response{res.StatusCode, res.Header.Get("Content-Type"), string(body)}
}

func TestServeFiles(t *testing.T) {
	srv := servedSite(t, "/pinzhi/")
	cases := []struct {
		path   string
		status int
		ctype  string
		body   string // a part of the body, when set
	}{
		{"/pinzhi/", 200, "text/html; charset=utf-8", "<h1>首页</h1>"},
		{"/pinzhi/communities/a/", 200, "text/html; charset=utf-8", "<h1>社区</h1>"},
		{"/pinzhi/communities/a", 301, "", ""},
		{"/pinzhi/communities/a/index.html", 200, "text/html; charset=utf-8", "社区"},
		{"/pinzhi/assets/site.0123456789.css", 200, "text/css; charset=utf-8", "body{color:red}"},
		{"/pinzhi/feed.xml", 200, "application/atom+xml; charset=utf-8", "<feed/>"},
		{"/pinzhi/robots.txt", 200, "text/plain; charset=utf-8", "User-agent"},
		{"/pinzhi/missing/", 404, "text/html; charset=utf-8", "页面未找到"},
		{"/pinzhi/nolist/", 404, "text/html; charset=utf-8", "页面未找到"},
		{"/", 302, "", ""},
		{"/pinzhi", 302, "", ""},
		{"/elsewhere/", 404, "text/html; charset=utf-8", "页面未找到"},
		{"/pinzhi/../../etc/passwd", 400, "", ""},
		{"/pinzhi/%2e%2e/%2e%2e/etc/passwd", 400, "", ""},
		{"/pinzhi/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", 400, "", ""},
		{"/pinzhi/..%5c..%5cetc%5cpasswd", 400, "", ""},
		{"/pinzhi/a\\b", 400, "", ""},
		{"//etc/passwd", 404, "", ""},
		{"/pinzhi//etc/passwd", 404, "", ""},
		{"/pinzhi/escape.txt", 404, "", ""},
		{"/pinzhi/escdir/secret.txt", 404, "", ""},
		{"/pinzhi/%00", 400, "", ""},
	}
	for _, c := range cases {
		r := get(t, srv, "GET", c.path)
		if r.status != c.status || c.ctype != "" && r.ctype != c.ctype || !strings.Contains(r.body, c.body) {
			t.Errorf("GET %s: %d %q %.60q; want %d %q %q", c.path, r.status, r.ctype, r.body, c.status, c.ctype, c.body)
		}
		if strings.Contains(r.body, "SECRET") || strings.Contains(r.body, "root:") {
			t.Errorf("GET %s returned a file outside the site", c.path)
		}
	}
	if r := get(t, srv, "POST", "/pinzhi/"); r.status != 405 {
		t.Errorf("POST: %d", r.status)
	}
	if r := get(t, srv, "HEAD", "/pinzhi/"); r.status != 200 || r.body != "" {
		t.Errorf("HEAD: %d %q", r.status, r.body)
	}
}

func TestInjectedScript(t *testing.T) {
	srv := servedSite(t, "/")
	for _, p := range []string{"/", "/communities/a/", "/missing", "/noend.html"} {
		if r := get(t, srv, "GET", p); strings.Count(r.body, `<script src="/__pinzhi/reload.js" data-build="b7"></script>`) != 1 {
			t.Errorf("%s: the reload script is not in the page once: %q", p, r.body)
		}
	}
	if r := get(t, srv, "GET", "/"); !strings.HasSuffix(r.body, `<script src="/__pinzhi/reload.js" data-build="b7"></script></body></html>`) {
		t.Errorf("the script is not before </body>: %q", r.body)
	}
	for _, p := range []string{"/assets/site.0123456789.css", "/feed.xml"} {
		if r := get(t, srv, "GET", p); strings.Contains(r.body, "reload.js") {
			t.Errorf("%s: script injected into a file that is not HTML", p)
		}
	}
}
