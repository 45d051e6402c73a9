package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"pinzhi/generator"
	"pinzhi/generator/lang"
)

const checkUsage = `Usage:
  pinzhi check [--src DIR] [--base-url URL] [--drafts] [--external]

pinzhi check builds the site into a temporary folder (public/ is not
touched) and follows it as a reader would: every link and #anchor of every
page must lead somewhere, every picture of a page's text must have alt
text, and every brand entry that names a community with a page must link
to it. Problems are reported at the line of the Markdown that wrote them.
Exit status: 0 when nothing is broken, 1 otherwise, 2 on bad usage.

Flags:
`

func check(args []string, stdout, stderr io.Writer, say *lang.Printer) int {
	fs := flag.NewFlagSet("pinzhi check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), checkUsage)
		fs.PrintDefaults()
	}
	var site siteFlags
	site.register(fs, false)
	external := fs.Bool("external", false, "also ask every address outside the site whether it answers (8 at a time; answers kept a day)")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	co := generator.CheckOptions{External: *external}
	if dir, err := os.UserCacheDir(); err == nil {
		co.CacheFile = filepath.Join(dir, "pinzhi", "external-links.json")
	}
	report, err := generator.Check(site.options(""), co)
	if err != nil {
		return reportFailure(stderr, "check", "", err, say)
	}
	for _, p := range append(report.Warnings, report.Problems...) {
		fmt.Fprintln(stderr, say.Problem(p))
	}
	asked := "not asked: --external asks them"
	if *external {
		asked = "asked"
	}
	fmt.Fprint(stdout, say.Sprintf("checked %d pages: %d links and images, %d addresses outside the site (%s)\n",
		report.Pages, report.Links, report.External, say.Text(asked)))
	if report.Broken() {
		errs, _ := report.Problems.Split()
		fmt.Fprint(stderr, say.Sprintf("%s failed: %d %s%s\n", say.Text("check"), len(errs), say.Text(plural(len(errs), "problem", "problems")), ""))
		return 1
	}
	return 0
}
