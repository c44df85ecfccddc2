// Package fetch is the one HTTP client for every request to a source: it
// identifies itself, obeys robots.txt and a per-host rate limit, sends
// conditional requests, retries what may recover, caps body sizes and hands
// back UTF-8.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
)

// robotsAgent is the product token matched against robots.txt groups.
const robotsAgent = "partnerfeed"

// Errors a caller may want to tell apart.
var (
	ErrDisallowed = errors.New("fetch: disallowed by robots.txt")
	ErrTooLarge   = errors.New("fetch: body exceeds max_body_bytes")
	ErrRedirects  = errors.New("fetch: too many redirects")
)

// StatusError is a final non-2xx, non-304 answer.
type StatusError struct {
	URL  string
	Code int
}

// Error says which URL answered which status.
func (e *StatusError) Error() string { return fmt.Sprintf("fetch: %s: HTTP %d", e.URL, e.Code) }

// Validators are the conditional-GET state of one URL.
type Validators struct {
	ETag         string
	LastModified string
}

// Response is a fetched page.
type Response struct {
	URL         string // after redirects
	Status      int
	NotModified bool   // 304: Body is empty, the caller's copy is current
	Body        []byte // decoded to UTF-8
	ContentType string
	Charset     string // the charset the body was decoded from
	Validators  Validators
}

// Options tune a Client; the zero value is production behaviour.
type Options struct {
	Clock        Clock             // default WallClock
	Transport    http.RoundTripper // default http.DefaultTransport's clone
	MaxAttempts  int               // default 4
	MaxRedirects int               // default 10
	BaseBackoff  time.Duration     // default 1s; doubled per attempt, with jitter
	MaxWait      time.Duration     // longest Retry-After honoured; default 2m
	Jitter       func() float64    // in [0,1); default math/rand
	Log          *slog.Logger
}

// Client is safe for concurrent use.
type Client struct {
	cfg       config.Fetch
	userAgent string
	opts      Options
	clock     Clock
	http      *http.Client
	limiter   *hostLimiter
	robots    robotsCache
	log       *slog.Logger
}

// New builds the client from the fetch section of the config.
func New(cfg config.Fetch, version string, opts Options) *Client {
	if opts.Clock == nil {
		opts.Clock = WallClock{}
	}
	if opts.Transport == nil {
		opts.Transport = http.DefaultTransport.(*http.Transport).Clone()
	}
	if opts.MaxAttempts == 0 {
		opts.MaxAttempts = 4
	}
	if opts.MaxRedirects == 0 {
		opts.MaxRedirects = 10
	}
	if opts.BaseBackoff == 0 {
		opts.BaseBackoff = time.Second
	}
	if opts.MaxWait == 0 {
		opts.MaxWait = 2 * time.Minute
	}
	if opts.Jitter == nil {
		opts.Jitter = defaultJitter
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	rps := cfg.RatePerHost
	if rps <= 0 {
		rps = 1
	}
	ua := cfg.UserAgent
	if ua == "" {
		ua = fmt.Sprintf("partnerfeed/%s (+%s)", version, cfg.ContactURL)
	}
	c := &Client{cfg: cfg, userAgent: ua, opts: opts, clock: opts.Clock, log: opts.Log,
		limiter: newHostLimiter(rps, opts.Clock), robots: robotsCache{hosts: map[string]robotsEntry{}}}
	c.http = &http.Client{Transport: opts.Transport, Timeout: cfg.Timeout, CheckRedirect: c.checkRedirect}
	return c
}

// UserAgent is the User-Agent header sent with every request.
func (c *Client) UserAgent() string { return c.userAgent }

// checkRedirect limits redirects and applies robots.txt and the rate limit to
// each hop, since every hop is a request to a (maybe other) host.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= c.opts.MaxRedirects {
		return fmt.Errorf("%w (%d) at %s", ErrRedirects, len(via), req.URL)
	}
	if !c.allowed(req.Context(), req.URL) {
		return fmt.Errorf("%w: %s", ErrDisallowed, req.URL)
	}
	return c.limiter.wait(req.Context(), req.URL.Host)
}

// Get fetches rawURL, conditionally when v holds validators. 5xx, 429 and
// transport errors are retried with exponential backoff and jitter (or the
// server's Retry-After); other failures return at once.
func (c *Client) Get(ctx context.Context, rawURL string, v Validators) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("fetch: bad URL %q", rawURL)
	}
	if !c.allowed(ctx, u) {
		return nil, fmt.Errorf("%w: %s", ErrDisallowed, rawURL)
	}
	var lastErr error
	for attempt := 0; attempt < c.opts.MaxAttempts; attempt++ {
		resp, retryAfter, err := c.try(ctx, u, v)
		if err == nil {
			return resp, nil
		}
		lastErr = err
		if retryAfter < 0 || ctx.Err() != nil || attempt == c.opts.MaxAttempts-1 {
			break
		}
		wait := c.backoff(attempt)
		if retryAfter > 0 {
			if retryAfter > c.opts.MaxWait {
				break
			}
			wait = retryAfter
		}
		// Each failed attempt is a WARN: a source going down shows at once.
		c.log.Warn("Fetch attempt failed; retrying", slog.String("url", rawURL), slog.Int("attempt", attempt+1),
			slog.Duration("wait", wait), slog.Any("error", err))
		if err := c.clock.Sleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("fetch: %s: %w", rawURL, err)
		}
	}
	return nil, lastErr
}

// try sends one request. retryAfter < 0 means the error is final; > 0 is the
// server's requested wait; 0 means retry after the usual backoff.
func (c *Client) try(ctx context.Context, u *url.URL, v Validators) (*Response, time.Duration, error) {
	if err := c.limiter.wait(ctx, u.Host); err != nil {
		return nil, -1, fmt.Errorf("fetch: %s: %w", u, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, -1, fmt.Errorf("fetch: %w", err)
	}
	req.Header.Set("User-Agent", c.userAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
	req.Header.Set("Accept-Language", "de,en;q=0.8")
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		if errors.Is(err, ErrRedirects) || errors.Is(err, ErrDisallowed) || ctx.Err() != nil {
			return nil, -1, fmt.Errorf("fetch: %s: %w", u, err)
		}
		return nil, 0, fmt.Errorf("fetch: %s: %w", u, err)
	}
	defer resp.Body.Close()
	final := resp.Request.URL.String()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return &Response{URL: final, Status: resp.StatusCode, NotModified: true, Validators: v}, 0, nil
	case resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, retryAfterOf(resp.Header.Get("Retry-After"), c.clock.Now()), &StatusError{URL: final, Code: resp.StatusCode}
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, -1, &StatusError{URL: final, Code: resp.StatusCode}
	}
	body, err := readCapped(resp.Body, c.cfg.MaxBodyBytes)
	if errors.Is(err, ErrTooLarge) {
		return nil, -1, fmt.Errorf("%w (%d bytes): %s", ErrTooLarge, c.cfg.MaxBodyBytes, final)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("fetch: read %s: %w", final, err)
	}
	ct := resp.Header.Get("Content-Type")
	utf, cs, err := toUTF8(body, ct)
	if err != nil {
		return nil, -1, err
	}
	return &Response{URL: final, Status: resp.StatusCode, Body: utf, ContentType: ct, Charset: cs,
		Validators: Validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")}}, 0, nil
}

func readCapped(r io.Reader, max int64) ([]byte, error) {
	if max <= 0 {
		max = 10 << 20
	}
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, ErrTooLarge
	}
	return b, nil
}
