package linkcheck

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"sync"
	"time"
)

// A Result is what an address outside the site answered.
type Result struct {
	OK      bool
	Status  int       // the last HTTP status; 0 when no answer came
	Problem string    // why it is broken: "404 Not Found", "timed out after 10s"
	Checked time.Time // when it was asked
	// Lasting is set for an answer worth remembering: an OK or a status
	// that says the page is gone, not a timeout or a server's bad minute.
	Lasting bool
}

// Checker asks addresses outside the site whether they answer. It asks
// public addresses only (see Public), at every redirect too.
type Checker struct {
	// Allow judges every address a request would connect to; nil is
	// Public. Tests allow the loopback addresses of their own servers.
	Allow func(netip.Addr) bool
	// Dial connects to an address Allow accepted; nil is a net.Dialer.
	Dial DialFunc
	// Resolver finds a name's addresses; nil is net.DefaultResolver.
	Resolver    *net.Resolver
	Concurrency int           // requests at once; 8 when 0
	Timeout     time.Duration // for one request; 10 s when 0
	RetryWait   time.Duration // before the retry; 1 s when 0
	UserAgent   string
	Cache       *Cache           // may be nil
	Now         func() time.Time // time.Now when nil
}

// Check asks each of urls once, Concurrency at a time, and returns the
// result of each. A result the cache holds from the last day is used
// without a request.
func (c *Checker) Check(ctx context.Context, urls []string) map[string]Result {
	results := make(map[string]Result, len(urls))
	var todo []string
	for _, u := range urls {
		if _, seen := results[u]; seen {
			continue
		}
		r, cached := c.Cache.Get(u)
		results[u] = r
		if !cached {
			todo = append(todo, u)
		}
	}
	client := guardedClient(c.Allow, c.Dial, c.Resolver)
	defer client.CloseIdleConnections()
	var mu sync.Mutex
	slots := make(chan struct{}, cmp.Or(c.Concurrency, 8))
	var wg sync.WaitGroup
	for _, u := range todo {
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer func() { <-slots; wg.Done() }()
			r := c.checkOne(ctx, client, u)
			mu.Lock()
			results[u] = r
			mu.Unlock()
		}()
	}
	wg.Wait()
	for _, u := range todo {
		if r := results[u]; r.Lasting {
			c.Cache.Put(u, r)
		}
	}
	return results
}

// checkOne asks with HEAD, which servers answer without the page; a
// server that answers HEAD with an error is asked again with GET, since
// many refuse or mishandle HEAD. A failure that may pass (no answer, a
// timeout, 429, 5xx) is tried once more after a pause.
func (c *Checker) checkOne(ctx context.Context, client *http.Client, url string) Result {
	r := c.request(ctx, client, http.MethodHead, url)
	if r.OK || r.Lasting && r.Status == 0 {
		return r
	}
	if r.Status != 0 {
		if r = c.request(ctx, client, http.MethodGet, url); r.OK || r.Lasting {
			return r
		}
	}
	select {
	case <-time.After(cmp.Or(c.RetryWait, time.Second)):
	case <-ctx.Done():
		return r
	}
	return c.request(ctx, client, http.MethodGet, url)
}

// request makes one request and reads the answer's status; a GET reads
// no more of the body than it must to be polite to the connection.
func (c *Checker) request(ctx context.Context, client *http.Client, method, url string) Result {
	timeout := cmp.Or(c.Timeout, 10*time.Second)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	res := Result{Checked: now()}
	req, err := http.NewRequestWithContext(ctx, method, url, nil)
	if err != nil {
		res.Problem, res.Lasting = "is not a valid address: "+err.Error(), true
		return res
	}
	if c.UserAgent != "" {
		req.Header.Set("User-Agent", c.UserAgent)
	}
	resp, err := client.Do(req)
	if errors.Is(err, ErrPrivate) {
		res.Problem, res.Lasting = ErrPrivate.Error(), true
		return res
	}
	if err != nil {
		res.Problem = describe(err, timeout)
		return res
	}
	io.CopyN(io.Discard, resp.Body, 4096)
	resp.Body.Close()
	res.Status = resp.StatusCode
	switch {
	case resp.StatusCode < 400:
		res.OK, res.Lasting = true, true
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone:
		res.Problem, res.Lasting = resp.Status, true
	default:
		res.Problem = resp.Status
	}
	return res
}

// describe says why a request got no answer, in words an editor can use.
func describe(err error, timeout time.Duration) string {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return "timed out after " + timeout.String()
	case errors.Is(err, context.Canceled):
		return "not checked: the check was stopped"
	}
	return fmt.Sprintf("could not be reached: %v", unwrapURLError(err))
}

func unwrapURLError(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}
