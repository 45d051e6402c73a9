package generator

import (
	"cmp"
	"context"
	"errors"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"time"

	"pinzhi/generator/internal/linkcheck"
	"pinzhi/generator/internal/model"
	"pinzhi/generator/internal/render"
	"pinzhi/generator/internal/source"
)

// CheckOptions say what Check asks beyond the site's own pages.
type CheckOptions struct {
	// External makes Check ask every address outside the site whether
	// it answers.
	External    bool
	Concurrency int           // requests at once; 8 when 0
	Timeout     time.Duration // for one request; 10 s when 0
	RetryWait   time.Duration // before the one retry; 1 s when 0
	// CacheFile keeps lasting answers (an OK, a 404) for a day, so that a
	// check run again soon asks nobody twice; none when empty.
	CacheFile string
	// Allow judges the addresses a request would connect to: nil asks
	// public addresses only, and a link to another is a problem of its
	// page. Dial connects to an address allowed (nil: a net.Dialer).
	// Tests set both; see linkcheck.Checker.
	Allow func(netip.Addr) bool
	Dial  linkcheck.DialFunc
	Now   func() time.Time // for the cache; time.Now when nil
}

// CheckReport says what Check found.
type CheckReport struct {
	// Problems are what a reader would stumble on: broken links and
	// anchors, images without alt text, brand entries that should link
	// and do not; warnings for what only may be wrong.
	Problems Problems
	Warnings Problems // the build's own, those Problems repeat left out
	Pages    int      // HTML pages read
	Links    int      // links and images followed, on all pages
	External int      // distinct addresses outside the site
}

// Broken reports whether the check found anything that is not a warning.
func (r *CheckReport) Broken() bool {
	errs, _ := r.Problems.Split()
	return len(errs) > 0
}

// Check builds the site into a temporary folder, never opts.Out, and walks
// it as a reader would: every link and image of every page must lead to a
// file of the site, every #anchor to an id of its page, every image of a
// body must have alt text, and every brand entry that names a community
// with a page must link to it. A build that fails returns its Problems as
// the error, as Build does.
func Check(opts Options, co CheckOptions) (*CheckReport, error) {
	tmp, err := os.MkdirTemp("", "pinzhi-check-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp) // made by this call, holding only its build
	opts.Out = filepath.Join(tmp, "site")
	b := NewBuilder(opts)
	b.collectRefs, b.keepGoing = true, true
	built, err := b.Build()
	var found Problems
	if !errors.As(err, &found) && err != nil || b.last == nil {
		return nil, err // nothing rendered: the errors are all there is to say
	}
	c, err := newSiteChecker(b.last, opts.Out)
	if err != nil {
		return nil, err
	}
	c.problems.AddAll(found)
	c.followAll()
	c.reportDeadLinks()
	model.CheckBrands(b.last.model, &c.problems)
	report := &CheckReport{Pages: len(c.pages), Links: c.followed, External: len(c.external)}
	if co.External {
		c.askExternal(cmp.Or(opts.Context, context.Background()), co)
	}
	c.reportLayoutProblems()
	source.Sort(c.problems.Problems)
	report.Problems = slices.CompactFunc(c.problems.Problems, samePlace) // a link written twice on a line
	for _, w := range built.Warnings {
		if !slices.ContainsFunc(report.Problems, func(p source.Problem) bool { return samePlace(p, w) }) {
			report.Warnings = append(report.Warnings, w)
		}
	}
	return report, nil
}

// reportDeadLinks reports, as errors, the links of bodies the build
// warned of and wrote without their address (see deadScheme).
func (c *siteChecker) reportDeadLinks() {
	for _, o := range c.outputs {
		rec := c.records[o.Path]
		if rec == nil {
			continue
		}
		for _, r := range rec.Refs {
			if render.DeadScheme(r.Dest) {
				c.problems.AddAll(source.Problems{render.DeadLink(rec.File, r.Line, r.Dest, false)})
			}
		}
	}
}

// samePlace reports whether two problems say one thing of one line.
func samePlace(a, b source.Problem) bool {
	return a.Path == b.Path && a.Line == b.Line && a.Message == b.Message
}

// askExternal asks the addresses outside the site and reports those that
// do not answer, at every place that links to them.
func (c *siteChecker) askExternal(ctx context.Context, co CheckOptions) {
	now := co.Now
	if now == nil {
		now = time.Now
	}
	var cache *linkcheck.Cache
	if co.CacheFile != "" {
		var err error
		if cache, err = linkcheck.OpenCache(co.CacheFile, now); err != nil {
			c.problems.Warn(co.CacheFile, 0, "it is written anew after this check", "the answers kept from earlier checks are not used: the file %v", err)
		}
	}
	checker := &linkcheck.Checker{Allow: co.Allow, Dial: co.Dial, Concurrency: co.Concurrency, Timeout: co.Timeout,
		RetryWait: co.RetryWait, Cache: cache, Now: now, UserAgent: "pinzhi-check (link checker of a static site)"}
	urls := make([]string, 0, len(c.external))
	for u := range c.external {
		urls = append(urls, u)
	}
	slices.Sort(urls)
	results := checker.Check(ctx, urls)
	for _, u := range urls {
		if r := results[u]; !r.OK {
			for _, at := range c.external[u] {
				c.broken(at, u, source.M("%s", r.Problem), source.M("fix or remove the link; if it opens in a browser, the site may refuse programs: check it by hand"))
			}
		}
	}
	if err := cache.Save(); err != nil {
		c.problems.Warn(co.CacheFile, 0, "remove what stands at that path, or check the cache folder's permissions", "cannot save the answers for tomorrow: %s", source.UnwrapPathError(err))
	}
}
