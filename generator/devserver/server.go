// Package devserver is pinzhi's preview server: it builds a site, serves
// it, watches the source and keeps every open page in step.
//
// A save becomes a batch of changed paths (see Batch); the generator's
// Builder brings the output folder up to date, renaming each new file over
// the old one; only then are the browsers told, over Server-Sent Events at
// /__pinzhi/events: "reload", "css <link>" when only stylesheets changed,
// "error <problems>" when the build failed (the last good site stays
// served) and "ok" when it is good again. The script that listens,
// /__pinzhi/reload.js, is added to HTML responses, never to files, with the
// stamp of the build the page is of; the stream's first event, "hello",
// names the build served now, and a page whose stamp differs (it loaded
// while a rebuild ran, or the server restarted) reloads.
//
// The server is reachable by any web page its user visits, so: it answers
// only requests that name its own address (a page using DNS rebinding
// gets a 403), its own paths answer GET alone, it holds at most 256
// connections (closing the longest idle one to make room, so idle or slow
// clients cannot starve the pages) and 64 event streams, with header,
// idle and write timeouts. It watches the site's folder as well as
// content/, layouts/ and assets/, so that one of them made anew while
// serving is seen; what no build reads (see source.Ignored) starts no
// rebuild. It holds its output folder's lock for its whole life, and
// Ctrl-C stops a build in progress.
package devserver

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"pinzhi/generator"
	"pinzhi/generator/internal/source"
	"pinzhi/generator/lang"
)

// Options configure a Server.
type Options struct {
	Src  string // the site's folder, holding content/, layouts/ and assets/
	Bind string // the address to listen on; loopback when empty
	Port int    // 0 picks a free port
	// FixedPort makes a port in use an error; otherwise the next free one
	// of the ten after it is taken, with a message.
	FixedPort bool
	BaseURL   string // its path is kept; the server's address replaces its host
	Drafts    bool
	Out       string    // where the site is built; a temporary folder when empty
	Log       io.Writer // the terminal
	Poll      bool      // watch by polling instead of file system events
	// ImageCache keeps the sizes made of photographs, as for a build (see
	// generator.Options): the preview makes the same files from the same
	// cache, so that starting it or editing the stylesheet encodes no
	// photo a build has made.
	ImageCache string
	// Fonts are where to look for the share cards' font (see
	// generator.Options.Fonts).
	Fonts []string
	// Say prints the log and the overlay in the editor's language
	// (package lang); nil prints English.
	Say *lang.Printer
	// Context, when done, stops a build in progress (Run's context stops
	// the server): Ctrl-C must not wait for a layout that never ends.
	Context context.Context
	// Progress is told how far a build is (see generator.Options).
	Progress func(generator.Progress)
	// QRCode, when set, draws an address as a QR code for the terminal,
	// printed under each address other machines can open.
	QRCode func(url string) string
}

// Server is a running preview of one site.
type Server struct {
	opts     Options
	id       string
	listener net.Listener
	out      string
	ownsOut  bool
	builder  *generator.Builder
	files    *siteFiles
	hub      *hub
	hosts    *hostGuard
	conns    *connLimit
	streams  streams
	http     *http.Server
	served   bool // whether a build has succeeded: there is a site to serve
	// builds counts the rebuilds that changed the site; with id it stamps
	// pages and hellos, so that a page that missed a change reloads.
	builds atomic.Int64
}

// New listens on the configured address and builds the site once. A build
// with errors is not fatal: they are printed and shown in the browser.
func New(opts Options) (*Server, error) {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.Bind == "" {
		opts.Bind = "127.0.0.1"
	}
	ln, err := listen(opts)
	if err != nil {
		return nil, err
	}
	s := &Server{opts: opts, id: newID(), listener: ln, hub: newHub(), hosts: newHostGuard(opts.Bind), conns: newConnLimit(maxConnections)}
	if ip := net.ParseIP(opts.Bind); ip == nil || !ip.IsLoopback() {
		_, port, _ := net.SplitHostPort(ln.Addr().String())
		fmt.Fprint(opts.Log, opts.Say.Sprintf("warning: serving on %s: other machines on the network can open the preview\n", net.JoinHostPort(opts.Bind, port)))
	}
	if s.out, err = s.outputFolder(); err != nil {
		ln.Close()
		return nil, err
	}
	s.files = &siteFiles{dir: s.out, stamp: s.stamp}
	s.builder = generator.NewBuilder(generator.Options{
		SrcDir: opts.Src, Out: s.out, BaseURL: opts.BaseURL, Origin: s.origin(),
		Drafts: opts.Drafts, Preview: true, ImageCache: opts.ImageCache, Fonts: opts.Fonts, Note: func(n string) { fmt.Fprintln(opts.Log, n) }, Context: opts.Context,
		Progress: opts.Progress,
	})
	// The folder is the server's for its whole life: no build may write it
	// meanwhile, nor deploy what the preview wrote into it.
	if err := s.builder.Hold(); err != nil {
		ln.Close()
		s.cleanup()
		return nil, err
	}
	report, err := s.builder.Build()
	s.afterBuild(err)
	s.logBuild("built", report, err)
	if err != nil { // browsers that connect get it at once
		s.hub.send(message{"error", s.problemsText(err)})
	}
	s.http = &http.Server{Handler: s.guard(http.HandlerFunc(s.route)), ReadHeaderTimeout: headerTimeout,
		IdleTimeout: idleTimeout, ConnState: s.conns.track}
	return s, nil
}

// route sends the server's own paths to their handlers and everything else
// to the site. It is not an http.ServeMux, which would clean "/a/../b"
// into a redirect before the site's handler could refuse it.
func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case eventsPath:
		s.events(w, r)
	case scriptPath:
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(reloadScript)
	default:
		s.files.ServeHTTP(w, r)
	}
}

// listen opens the port, or the next free one when the port was not
// chosen by the user.
func listen(opts Options) (net.Listener, error) {
	tries := 10
	if opts.FixedPort || opts.Port == 0 {
		tries = 1
	}
	for i := range tries {
		addr := net.JoinHostPort(opts.Bind, strconv.Itoa(opts.Port+i))
		ln, err := net.Listen("tcp", addr)
		if err == nil {
			if i > 0 {
				fmt.Fprint(opts.Log, opts.Say.Sprintf("port %d is in use; serving on %d instead\n", opts.Port, opts.Port+i))
			}
			return ln, nil
		}
		if !errors.Is(err, syscall.EADDRINUSE) {
			return nil, fmt.Errorf("cannot listen on %s: %w", addr, err)
		}
	}
	if opts.FixedPort {
		return nil, fmt.Errorf("port %d is in use (another pinzhi serve?); choose another with --port", opts.Port)
	}
	return nil, fmt.Errorf("ports %d to %d are in use; choose another with --port", opts.Port, opts.Port+tries-1)
}

func (s *Server) outputFolder() (string, error) {
	if s.opts.Out != "" {
		return filepath.Abs(s.opts.Out)
	}
	parent, err := os.MkdirTemp("", "pinzhi-serve-")
	if err != nil {
		return "", err
	}
	s.ownsOut = true
	return filepath.Join(parent, "site"), nil
}

// origin is the scheme and host that links in the preview carry.
func (s *Server) origin() string {
	host, port, _ := net.SplitHostPort(s.listener.Addr().String())
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}

// stamp names the build being served: the server and its rebuild count.
func (s *Server) stamp() string { return s.id + "-" + strconv.FormatInt(s.builds.Load(), 10) }

// URL is the address of the site's home page.
func (s *Server) URL() string { return s.origin() + *s.files.basePath.Load() }

// Run serves and rebuilds until ctx is done, then shuts down: the event
// streams end, requests in flight finish, a temporary folder is removed.
func (s *Server) Run(ctx context.Context) error {
	w := newWatcher(s.opts.Src, s.opts.Poll)
	defer w.close()
	serveErr := make(chan error, 1)
	go func() { serveErr <- s.http.Serve(s.listener) }()
	fmt.Fprint(s.opts.Log, s.opts.Say.Sprintf("serving %s at %s (Ctrl-C to stop)\n", source.Printable(s.opts.Src), s.URL()))
	s.printNetworkURLs()
	fmt.Fprint(s.opts.Log, s.opts.Say.Sprintf("building into %s\n", source.Printable(s.out)))
	for {
		select {
		case b := <-w.batches:
			s.rebuild(b)
		case n := <-w.notices:
			fmt.Fprintln(s.opts.Log, n)
		case err := <-serveErr:
			s.cleanup()
			return err
		case <-ctx.Done():
			return s.shutdown()
		}
	}
}

func (s *Server) shutdown() error {
	s.hub.close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := s.http.Shutdown(ctx)
	s.cleanup()
	fmt.Fprintln(s.opts.Log, s.opts.Say.Text("stopped"))
	return err
}

func (s *Server) cleanup() {
	if s.builder != nil {
		s.builder.Close()
	}
	if s.ownsOut {
		os.RemoveAll(filepath.Dir(s.out))
	}
}

// rebuild brings the site up to date after a batch and tells the browsers.
func (s *Server) rebuild(b Batch) {
	paths := b.Paths
	if b.Full {
		paths = append(slices.Clip(paths), ".") // the site's folder: everything (see generator.Builder.Update)
	}
	report, err := s.builder.Update(paths)
	s.afterBuild(err)
	s.logBuild("rebuilt", report, err)
	s.tell(b, report, err)
}

// afterBuild follows the site's base path and notes that there is a site.
func (s *Server) afterBuild(err error) {
	if err == nil || s.files.basePath.Load() == nil {
		base := s.builder.BasePath()
		s.files.basePath.Store(&base)
	}
	s.served = s.served || err == nil
}

// tell sends the browsers what the rebuild means for them.
func (s *Server) tell(b Batch, report *generator.Report, err error) {
	if err != nil {
		s.hub.send(message{"error", s.problemsText(err)})
		return
	}
	if len(report.Written) == 0 && len(report.Removed) == 0 {
		s.hub.send(message{"ok", ""})
		return
	}
	s.builds.Add(1) // after the files are written: a page read before is stamped older
	if links, ok := s.stylesheetsOnly(b); ok {
		for _, l := range links {
			s.hub.send(message{"css", l})
		}
		return
	}
	s.hub.send(message{"reload", ""})
}

// stylesheetsOnly returns the new links of the stylesheets a batch
// changed, when it changed nothing else.
func (s *Server) stylesheetsOnly(b Batch) ([]string, bool) {
	if b.Full || len(b.Paths) == 0 {
		return nil, false
	}
	var links []string
	for _, p := range b.Paths {
		name, ok := strings.CutPrefix(p, "assets/")
		if !ok || filepath.Ext(name) != ".css" {
			return nil, false
		}
		link, ok := s.builder.AssetURL(name)
		if !ok {
			return nil, false
		}
		links = append(links, link)
	}
	return links, true
}

func (s *Server) logBuild(verb string, report *generator.Report, err error) {
	if report != nil {
		for _, w := range report.Warnings {
			fmt.Fprintln(s.opts.Log, s.opts.Say.Problem(w))
		}
	}
	if err != nil {
		fmt.Fprintln(s.opts.Log, s.problemsText(err))
		if s.served {
			fmt.Fprintln(s.opts.Log, s.opts.Say.Text("build failed; still serving the last good site"))
		} else {
			fmt.Fprintln(s.opts.Log, s.opts.Say.Text("build failed; the preview shows the site once the problems are fixed"))
		}
		return
	}
	fmt.Fprint(s.opts.Log, s.opts.Say.Sprintf("%s: %d written, %d removed in %d ms\n", s.opts.Say.Text(verb), len(report.Written), len(report.Removed), report.Duration.Milliseconds()))
}

// problemsText prints a failed build's problems, a line each, in the
// editor's language.
func (s *Server) problemsText(err error) string {
	var ps generator.Problems
	if errors.As(err, &ps) {
		return s.opts.Say.Problems(ps)
	}
	return source.Printable(err.Error())
}

func newID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
