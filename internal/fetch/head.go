package fetch

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
)

// Head is what a HEAD request learned about a resource.
type Head struct {
	URL         string // after redirects
	ContentType string
	// Length is the Content-Length in bytes, -1 when the server gave none.
	Length int64
}

// Head asks for rawURL's headers only, as politely as Get asks for a page:
// robots.txt, the per-host rate limit and the User-Agent, redirects
// followed. It tries once (what it learns is optional); a non-2xx answer is
// a *StatusError.
func (c *Client) Head(ctx context.Context, rawURL string) (Head, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Head{}, fmt.Errorf("fetch: bad URL %q", rawURL)
	}
	if !c.allowed(ctx, u) {
		return Head{}, fmt.Errorf("%w: %s", ErrDisallowed, rawURL)
	}
	if err := c.limiter.wait(ctx, u.Host); err != nil {
		return Head{}, fmt.Errorf("fetch: %s: %w", u, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, u.String(), nil)
	if err != nil {
		return Head{}, fmt.Errorf("fetch: %w", err)
	}
	req.Header.Set("User-Agent", c.userAgent)
	req.Header.Set("Accept", "image/*,*/*;q=0.8")
	resp, err := c.http.Do(req)
	if err != nil {
		return Head{}, fmt.Errorf("fetch: head %s: %w", u, err)
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 4<<10)) // a HEAD has no body; a broken server may send one
	final := resp.Request.URL.String()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return Head{}, &StatusError{URL: final, Code: resp.StatusCode}
	}
	return Head{URL: final, ContentType: resp.Header.Get("Content-Type"), Length: resp.ContentLength}, nil
}
