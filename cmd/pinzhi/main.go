// Command pinzhi builds and previews the 品质社区 publication.
//
//	pinzhi build [--src DIR] [--out DIR] [--base-url URL] [--drafts]
//	pinzhi serve [--src DIR] [--port 1313] [--bind 127.0.0.1] [--base-url URL] [--drafts=false]
//	pinzhi check [--src DIR] [--base-url URL] [--drafts] [--external]
//	pinzhi new community TITLE --district DISTRICT [--leader NAME] [--role ROLE] [--slug SLUG]
//	pinzhi new page PATH TITLE
//	pinzhi deploy [--src DIR] [--out DIR] [--to URL] [--build=false] [--dry-run] [--force] [--gzip] [--max-deletes 256]
//	pinzhi version
//
// Exit status: 0 on success, 1 when the site has errors, 2 on bad usage.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"

	"pinzhi/generator"
	"pinzhi/generator/lang"
)

const usage = `pinzhi builds the 品质社区 publication from Markdown.

Usage:
  pinzhi build   build the site into public/
  pinzhi serve   preview the site, rebuilt on every save
  pinzhi check   follow every link, anchor and image of the site, as a reader would
  pinzhi new     write a new community or page: pinzhi new community 丹顶鹤社区 --district 鄞州区
  pinzhi deploy  build the site and publish it to an object store: pinzhi deploy --to s3://bucket/pinzhi
  pinzhi version

--src is the site's folder, holding content/, layouts/ and assets/ (default ".").
Run "pinzhi <command> --help" for a command's flags.
`

// memoryLimit is the soft limit on the Go heap, unless GOMEMLIMIT sets
// another: past it, the runtime collects garbage more often instead of
// letting it grow to twice what is in use. A build of 50,000 pages has
// 150 to 195 MB in use and would otherwise reach 480 MB; the limit sits
// 60 MB above that, since a limit at the heap in use makes the collector
// run without pause (at 200 MiB the build took twice as long). A site of
// 10,000 pages never gets near it.
const memoryLimit = 256 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	say := lang.New(lang.FromEnv(os.Getenv)) // the editor's language
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "build":
		return build(args[1:], stderr, say)
	case "serve":
		return serve(args[1:], stdout, stderr, say)
	case "check":
		return check(args[1:], stdout, stderr, say)
	case "new":
		return newFile(args[1:], stdout, stderr, say)
	case "deploy":
		return deploySite(args[1:], stdout, stderr, say)
	case "version":
		fmt.Fprintln(stdout, "pinzhi", version())
		return 0
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "pinzhi: unknown command %q\n\n%s", args[0], usage)
	return 2
}

// siteFlags are the flags build and serve share.
type siteFlags struct {
	src, baseURL string
	drafts       bool
}

// register adds the flags; drafts is whether drafts are shown unless
// --drafts=false says otherwise: serve previews them, build and check
// leave them out.
func (f *siteFlags) register(fs *flag.FlagSet, drafts bool) {
	fs.StringVar(&f.src, "src", ".", "the site's `folder`, holding content/, layouts/ and assets/")
	fs.StringVar(&f.baseURL, "base-url", "", "the `URL` the site is served from; replaces baseURL in content/_index.md")
	fs.BoolVar(&f.drafts, "drafts", drafts, "build pages marked draft: true, each marked 草稿")
}

// imageCache is where the sizes of photographs are kept between builds:
// the user's cache folder, or none when there is no such folder.
func imageCache() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "pinzhi", "images")
}

func (f *siteFlags) options(out string) generator.Options {
	return generator.Options{SrcDir: f.src, Out: out, BaseURL: f.baseURL, Drafts: f.drafts,
		FileDates: gitDatesLater(f.src), ImageCache: imageCache(), Fonts: generator.SystemFonts, Note: func(n string) { fmt.Fprintln(os.Stderr, n) }}
}

func build(args []string, stderr io.Writer, say *lang.Printer) int {
	fs := flag.NewFlagSet("pinzhi build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var site siteFlags
	site.register(fs, false)
	out := fs.String("out", "public", "the output `folder`, replaced whole when the build succeeds")
	verbose := fs.Bool("v", false, "print how long each phase of the build took")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	return buildInto(site.options(filepath.Clean(*out)), *out, *verbose, stderr, say)
}

// buildInto builds the site with opts into out, printing its warnings,
// its problems or what it built, and returns the exit status.
func buildInto(opts generator.Options, out string, verbose bool, stderr io.Writer, say *lang.Printer) int {
	var progress *progressLine
	if f, ok := stderr.(*os.File); ok {
		progress = newProgressLine(f)
		opts.Progress = progress.show
	}
	report, err := generator.Build(opts)
	if progress != nil {
		progress.clear() // Build has stopped telling it
	}
	printWarnings(stderr, report, say)
	if err != nil {
		return reportError(stderr, err, say)
	}
	fmt.Fprint(stderr, say.Sprintf("built %d files into %s in %d ms\n", report.Files, printable(out), report.Duration.Milliseconds()))
	if verbose {
		for _, p := range report.Phases {
			fmt.Fprintf(stderr, "  %-7s %5d ms\n", p.Name, p.Duration.Milliseconds())
		}
	}
	return 0
}

// parseFlags parses args; ok is false when the command should exit with code.
func parseFlags(fs *flag.FlagSet, args []string) (code int, ok bool) {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		return 0, false
	case err != nil:
		return 2, false
	case fs.NArg() > 0:
		fmt.Fprintf(fs.Output(), "%s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return 2, false
	}
	return 0, true
}

func printWarnings(w io.Writer, r *generator.Report, say *lang.Printer) {
	if r == nil {
		return
	}
	for _, p := range r.Warnings {
		fmt.Fprintln(w, say.Problem(p))
	}
}

// reportError prints a failed build's problems, one a line, and returns
// the exit status for them.
func reportError(w io.Writer, err error, say *lang.Printer) int {
	return reportFailure(w, "build", "; the output folder was not changed", err, say)
}

// reportFailure prints the problems of a failed command ("build",
// "check"), with what it did not do, and returns the exit status.
func reportFailure(w io.Writer, command, unchanged string, err error, say *lang.Printer) int {
	var problems generator.Problems
	if errors.As(err, &problems) {
		fmt.Fprintln(w, say.Problems(problems))
		fmt.Fprint(w, say.Sprintf("%s failed: %d %s%s\n", say.Text(command), len(problems),
			say.Text(plural(len(problems), "problem", "problems")), say.Text(unchanged)))
		return 1
	}
	fmt.Fprintf(w, "%s failed: %s\n", command, printable(err.Error()))
	return 1
}

// printable escapes what a terminal would act on in text that may hold a
// file name (see generator.Printable).
func printable(s string) string { return generator.Printable(s) }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += " " + s.Value[:12]
		}
	}
	return v
}
