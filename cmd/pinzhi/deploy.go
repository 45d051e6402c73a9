package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"

	"pinzhi/generator"
	"pinzhi/generator/deploy"
	"pinzhi/generator/lang"
)

const deployUsage = `Usage:
  pinzhi deploy [--src DIR] [--out DIR] [--to URL] [--build=false] [--dry-run] [--force] [--gzip] [--max-deletes 256]

pinzhi deploy builds the site into --out, then makes the target hold it:
it uploads only the files whose bytes or headers changed, assets before
the pages that use them and pages before the feed and sitemap, and then
deletes what it uploaded before that the site no longer has. It never
deletes or overwrites an object it did not upload. The target is --to, or
deploy: to: in content/_index.md: s3://bucket/prefix?region=… (Amazon S3,
Aliyun OSS, Tencent COS, MinIO, SeaweedFS: add endpoint=https://…) or
file:///path. Credentials come from the environment (AWS_ACCESS_KEY_ID,
AWS_SECRET_ACCESS_KEY) or ~/.aws/credentials, never from the site.
Exit status: 0 on success, 1 when the site or the deploy fails, 2 on bad
usage.

Flags:
`

// deployFlags are the flags of pinzhi deploy.
type deployFlags struct {
	src, out, to, baseURL string
	build, dryRun, force  bool
	gzip, verbose         bool
	maxDeletes            int
}

func (f *deployFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.src, "src", ".", "the site's `folder`, holding content/, layouts/ and assets/")
	fs.StringVar(&f.out, "out", "public", "the output `folder` to build into and deploy")
	fs.StringVar(&f.to, "to", "", "the target `URL`; replaces deploy: to: in content/_index.md")
	fs.StringVar(&f.baseURL, "base-url", "", "the `URL` the site is served from; replaces baseURL in content/_index.md")
	fs.BoolVar(&f.build, "build", true, "build the site first; --build=false deploys --out as the last build left it")
	fs.BoolVar(&f.dryRun, "dry-run", false, "print what would be uploaded and deleted, and change nothing")
	fs.BoolVar(&f.force, "force", false, "upload every file, changed or not")
	fs.BoolVar(&f.gzip, "gzip", false, "store text gzipped, with Content-Encoding: gzip (for stores that serve it as stored)")
	fs.IntVar(&f.maxDeletes, "max-deletes", 256, "fail, changing nothing, when more objects would be deleted (-1: no bound)")
	fs.BoolVar(&f.verbose, "v", false, "print every upload and deletion, and the requests made")
}

func deploySite(args []string, stdout, stderr io.Writer, say *lang.Printer) int {
	fs := flag.NewFlagSet("pinzhi deploy", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), deployUsage)
		fs.PrintDefaults()
	}
	var f deployFlags
	f.register(fs)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	target, code := f.target(generator.Options{SrcDir: f.src}, stderr, say)
	if target == "" {
		return code
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	bucket, err := deploy.Open(ctx, target)
	if err != nil {
		fmt.Fprintln(stderr, say.Sprintf("deploy failed: %s", printable(err.Error())))
		return 2
	}
	defer bucket.Close()
	out := filepath.Clean(f.out)
	if f.build {
		site := siteFlags{src: f.src, baseURL: f.baseURL}
		if code := buildInto(site.options(out), f.out, false, stderr, say); code != 0 {
			return code
		}
	}
	folder, err := deploy.OpenFolder(out, func(n string) { fmt.Fprintln(stderr, printable(n)) })
	if err != nil {
		fmt.Fprintln(stderr, say.Sprintf("deploy failed: %s", printable(err.Error())))
		return 1
	}
	defer folder.Close()
	opts := deploy.Options{Site: folder.Site, Files: folder.Files, Bucket: bucket, DryRun: f.dryRun,
		Force: f.force, Gzip: f.gzip, MaxDeletes: f.maxDeletes}
	return f.run(ctx, opts, deploy.Redact(target), stdout, stderr, say)
}

// target is the URL to deploy to: --to, else deploy: to: of the site.
// It is "" when there is none, with the exit status to return.
func (f *deployFlags) target(opts generator.Options, stderr io.Writer, say *lang.Printer) (string, int) {
	if f.to != "" {
		return f.to, 0
	}
	to, _, err := generator.DeployTarget(opts)
	var problems generator.Problems
	switch {
	case errors.As(err, &problems):
		fmt.Fprintln(stderr, say.Problems(problems))
		return "", 1
	case err != nil:
		fmt.Fprintln(stderr, say.Sprintf("deploy failed: %s", printable(err.Error())))
		return "", 1
	case to == "":
		fmt.Fprint(stderr, say.Sprintf("pinzhi deploy: no target: pass --to URL, or write deploy: with to: URL under it in content/_index.md\n"))
		return "", 2
	}
	return to, 0
}

// run deploys and prints what was done, and returns the exit status.
func (f *deployFlags) run(ctx context.Context, opts deploy.Options, shown string, stdout, stderr io.Writer, say *lang.Printer) int {
	var progress *progressLine
	if file, ok := stderr.(*os.File); ok && !f.dryRun {
		progress = newProgressLine(file)
		opts.Progress = func(done, total int) { progress.show(generator.Progress{Phase: "deploy", Done: done, Total: total}) }
	}
	res, err := deploy.Deploy(ctx, opts)
	if progress != nil {
		progress.clear()
	}
	if res != nil && (f.dryRun || f.verbose) {
		printPlan(stdout, &res.Plan, say)
	}
	if err != nil {
		fmt.Fprintln(stderr, say.Sprintf("deploy failed: %s", storeFailure(err, shown, say)))
		return 1
	}
	if f.verbose {
		r := res.Requests
		fmt.Fprintf(stderr, "  requests: %d list, %d get, %d head, %d put, %d delete; %s sent\n", r.List, r.Get, r.Head, r.Put, r.Delete, size(r.Sent))
	}
	if f.dryRun {
		fmt.Fprint(stdout, say.Sprintf("dry run for %s: %d files to upload (%s), %d objects to delete, %d unchanged; nothing was changed\n",
			shown, len(res.Uploads), size(res.Bytes()), len(res.Deletes), res.Unchanged))
		return 0
	}
	fmt.Fprint(stdout, say.Sprintf("deployed to %s: %d files uploaded (%s), %d objects deleted, %d unchanged, in %d ms\n",
		shown, len(res.Uploads), size(res.Bytes()), len(res.Deletes), res.Unchanged, res.Duration.Milliseconds()))
	return 0
}

// printPlan prints each upload and deletion, one a line, in their order.
func printPlan(w io.Writer, p *deploy.Plan, say *lang.Printer) {
	for _, u := range p.Uploads {
		fmt.Fprintf(w, "%s  %s  %s\n", say.Text("upload"), printable(u.Key), size(u.Size))
	}
	for _, key := range p.Deletes {
		fmt.Fprintf(w, "%s  %s\n", say.Text("delete"), printable(key))
	}
}

// storeFailure is a deploy's error as one line that says what to do.
func storeFailure(err error, target string, say *lang.Printer) string {
	switch deploy.Classify(err) {
	case deploy.Unreachable:
		return say.Sprintf("nothing answers at the address of %s: check endpoint= in the URL and the network", target)
	case deploy.NoBucket:
		return say.Sprintf("the bucket of %s does not exist: create it in the store's console, or correct its name", target)
	case deploy.Refused:
		return say.Sprintf("the store refused the credentials for %s: check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or ~/.aws/credentials) and the key's permissions on the bucket", target)
	case deploy.NoCredentials:
		return say.Sprintf("no credentials for %s: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or write them in ~/.aws/credentials", target)
	}
	return printable(err.Error())
}

// size is n bytes as a person reads it.
func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
