package devserver

import (
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"pinzhi/generator/internal/publish"
)

// siteFiles serves a built site from a folder, as a static host would:
// pretty URLs (a folder's index.html), the site's own 404 page, no folder
// listings, and never a file outside the folder, whatever the request
// path or a symbolic link inside says. HTML responses get the reload
// script.
type siteFiles struct {
	dir      string
	basePath atomic.Pointer[string] // "/" or "/pinzhi/": follows the site's baseURL
	stamp    func() string          // the build being served, for the reload script
}

func (s *siteFiles) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	http.NewResponseController(w).SetWriteDeadline(time.Now().Add(writeTimeout))
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	rel, status := s.resolve(r.URL.Path)
	switch status {
	case http.StatusBadRequest:
		http.Error(w, "bad request path", http.StatusBadRequest)
		return
	case http.StatusFound:
		http.Redirect(w, r, rel, http.StatusFound)
		return
	case http.StatusNotFound:
		s.notFound(w, r)
		return
	}
	s.serveFile(w, r, rel)
}

// resolve turns a request path into a slash path inside the site folder.
// It answers 400 for paths that try to climb out (any ".." segment, a
// backslash, a NUL), 302 with a new path for the site root without its
// slash, and 404 for paths outside the base path.
func (s *siteFiles) resolve(p string) (string, int) {
	if strings.ContainsAny(p, "\\\x00") {
		return "", http.StatusBadRequest
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			return "", http.StatusBadRequest
		}
	}
	base := *s.basePath.Load()
	if p == "/" && base != "/" || p == strings.TrimSuffix(base, "/") {
		return base, http.StatusFound
	}
	if !strings.HasPrefix(p, base) {
		return "", http.StatusNotFound
	}
	rel := path.Clean("/" + strings.TrimPrefix(p, base))
	if strings.HasSuffix(p, "/") && rel != "/" {
		rel += "/"
	}
	return strings.TrimPrefix(rel, "/"), http.StatusOK
}

// serveFile sends the file at rel; a folder sends its index.html.
func (s *siteFiles) serveFile(w http.ResponseWriter, r *http.Request, rel string) {
	stamp := s.currentStamp() // before the file is read: never newer than it
	root, err := os.OpenRoot(s.dir)
	if err != nil {
		s.notFound(w, r)
		return
	}
	defer root.Close()
	name := strings.TrimSuffix(rel, "/")
	if name == "" {
		name = "."
	}
	info, err := root.Stat(name)
	if err == nil && info.IsDir() {
		if rel != "" && !strings.HasSuffix(rel, "/") {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
		name = path.Join(name, "index.html")
	}
	f, err := root.Open(name)
	if err != nil {
		s.notFound(w, r)
		return
	}
	defer f.Close()
	info, err = f.Stat()
	if err != nil || info.IsDir() {
		s.notFound(w, r)
		return
	}
	s.send(w, r, name, info, f, http.StatusOK, stamp)
}

// send writes a file: HTML whole, with the reload script; anything else
// through http.ServeContent, which answers ranges and conditional requests.
func (s *siteFiles) send(w http.ResponseWriter, r *http.Request, name string, info fs.FileInfo, f *os.File, status int, stamp string) {
	h := w.Header()
	h.Set("Cache-Control", "no-cache")
	if ctype := publish.ContentType(name); ctype != "" {
		h.Set("Content-Type", ctype)
	}
	if path.Ext(name) != ".html" {
		if status == http.StatusOK {
			http.ServeContent(w, r, name, info.ModTime(), f)
			return
		}
		w.WriteHeader(status)
		io.Copy(w, f)
		return
	}
	page, err := io.ReadAll(f)
	if err != nil {
		http.Error(w, "cannot read "+name, http.StatusInternalServerError)
		return
	}
	page = injectReload(page, stamp)
	h.Set("Content-Length", strconv.Itoa(len(page)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(page)
	}
}

// notFound sends the site's 404 page, or a page of its own before the site
// has one, with the 404 status either way.
func (s *siteFiles) notFound(w http.ResponseWriter, r *http.Request) {
	stamp := s.currentStamp()
	if root, err := os.OpenRoot(s.dir); err == nil {
		defer root.Close()
		if f, err := root.Open("404.html"); err == nil {
			defer f.Close()
			if info, err := f.Stat(); err == nil && !info.IsDir() {
				s.send(w, r, "404.html", info, f, http.StatusNotFound, stamp)
				return
			}
		}
	}
	page := injectReload([]byte(noSitePage), stamp)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		w.Write(page)
	}
}

func (s *siteFiles) currentStamp() string {
	if s.stamp == nil {
		return ""
	}
	return s.stamp()
}

// noSitePage is shown until the first good build: the reload script then
// shows why the build failed, and reloads when it is fixed.
const noSitePage = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">` +
	`<meta name="viewport" content="width=device-width, initial-scale=1"><title>pinzhi serve</title></head>` +
	`<body><p>No page here yet. 这里还没有页面。</p></body></html>`
