// Command static serves a built site as the README's host settings do:
// under its base path, text compressed, assets/ cached forever, the rest
// revalidated, 404.html for a missing address, the feed as Atom. The
// Lighthouse script measures the site through it, as readers would get it
// from a configured host.
//
//	go run ./bench/static [-addr 127.0.0.1:8080] [-prefix /pinzhi/] DIR
package main

import (
	"compress/gzip"
	"flag"
	"log"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "the `address` to listen on")
	prefix := flag.String("prefix", "/pinzhi/", "the site's base `path`")
	flag.Parse()
	if flag.NArg() != 1 {
		log.Fatal("usage: static [-addr A] [-prefix /pinzhi/] DIR")
	}
	dir := flag.Arg(0)
	files := http.StripPrefix(*prefix, http.FileServer(http.Dir(dir)))
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rel := strings.TrimPrefix(r.URL.Path, *prefix)
		switch {
		case !strings.HasPrefix(r.URL.Path, *prefix):
			http.NotFound(w, r)
			return
		case strings.HasPrefix(rel, "assets/"):
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		default:
			w.Header().Set("Cache-Control", "no-cache")
		}
		if rel == "feed.xml" {
			w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
		}
		if !exists(dir, rel) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			page, _ := os.ReadFile(filepath.Join(dir, "404.html"))
			w.Write(page)
			return
		}
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") && compressible(rel) {
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Add("Vary", "Accept-Encoding")
			r.Header.Del("Range") // ranges of the file on disk mean nothing compressed
			gz := gzip.NewWriter(w)
			defer gz.Close()
			w = gzipWriter{w, gz}
		}
		files.ServeHTTP(w, r)
	})
	log.Printf("serving %s at http://%s%s", dir, *addr, *prefix)
	log.Fatal(http.ListenAndServe(*addr, handler))
}

// exists reports whether the site has a file at rel, or a folder there
// with an index.html.
func exists(dir, rel string) bool {
	p := filepath.Join(dir, filepath.FromSlash(path.Clean("/"+rel)))
	info, err := os.Stat(p)
	if err == nil && info.IsDir() {
		_, err = os.Stat(filepath.Join(p, "index.html"))
	}
	return err == nil
}

func compressible(rel string) bool {
	switch path.Ext(rel) {
	case "", ".html", ".css", ".js", ".json", ".svg", ".xml", ".txt":
		return true
	}
	return false
}

// gzipWriter sends what is written through gzip. http.FileServer sets
// the length of the file as it is on disk, which is removed before the
// header goes out.
type gzipWriter struct {
	http.ResponseWriter
	gz *gzip.Writer
}

func (w gzipWriter) WriteHeader(code int) {
	w.ResponseWriter.Header().Del("Content-Length")
	w.ResponseWriter.WriteHeader(code)
}

func (w gzipWriter) Write(b []byte) (int, error) { return w.gz.Write(b) }
