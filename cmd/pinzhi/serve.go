package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"pinzhi/generator"
	"pinzhi/generator/devserver"
	"pinzhi/generator/lang"
)

func serve(args []string, stdout, stderr io.Writer, say *lang.Printer) int {
	fs := flag.NewFlagSet("pinzhi serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var site siteFlags
	site.register(fs, true)
	port := fs.Int("port", 1313, "the `port` to serve on; when it is in use and not given, the next free one")
	bind := fs.String("bind", "127.0.0.1", "the `address` to listen on; 0.0.0.0 lets a phone on the same network in (pinzhi prints its addresses, with QR codes)")
	out := fs.String("out", "", "build into this `folder` (default: a temporary one, removed on exit)")
	poll := fs.Bool("poll", false, "look for changes every 300 ms instead of using file system events")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	portGiven := false
	fs.Visit(func(f *flag.Flag) { portGiven = portGiven || f.Name == "port" })
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	opts := devserver.Options{
		Src: site.src, Bind: *bind, Port: *port, FixedPort: portGiven, BaseURL: site.baseURL,
		Drafts: site.drafts, Out: *out, Log: stdout, Poll: *poll, Context: ctx, ImageCache: imageCache(), Fonts: generator.SystemFonts, Say: say,
	}
	var progress *progressLine
	if f, ok := stdout.(*os.File); ok {
		progress = newProgressLine(f)
		opts.Progress = progress.show
		if isTerminal(f) {
			opts.QRCode = terminalQRCode
		}
	}
	s, err := devserver.New(opts)
	if progress != nil {
		progress.clear()
		progress.on = false // the first build is the long one; rebuilds say what they did
	}
	if err != nil {
		fmt.Fprintln(stderr, "pinzhi serve:", printable(err.Error()))
		return 1
	}
	if err := s.Run(ctx); err != nil {
		fmt.Fprintln(stderr, "pinzhi serve:", printable(err.Error()))
		return 1
	}
	return 0
}
