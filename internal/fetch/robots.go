package fetch

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// robotsTTL is how long a host's robots.txt is trusted before it is read again.
const robotsTTL = time.Hour

type robotsEntry struct {
	data    *robotstxt.RobotsData
	fetched time.Time
}

// robotsCache holds each host's robots.txt.
type robotsCache struct {
	mu    sync.Mutex
	hosts map[string]robotsEntry
}

// allowed reports whether agent may fetch u, reading the host's robots.txt
// through get when it is not cached. An unreachable robots.txt allows (the
// request itself will then fail or succeed on its own); a 5xx one forbids,
// as robotstxt decides.
func (c *Client) allowed(ctx context.Context, u *url.URL) bool {
	key := u.Scheme + "://" + u.Host
	c.robots.mu.Lock()
	e, ok := c.robots.hosts[key]
	c.robots.mu.Unlock()
	if !ok || c.clock.Now().Sub(e.fetched) > robotsTTL {
		e = robotsEntry{data: c.readRobots(ctx, key), fetched: c.clock.Now()}
		c.robots.mu.Lock()
		c.robots.hosts[key] = e
		c.robots.mu.Unlock()
	}
	if e.data == nil {
		return true
	}
	path := u.EscapedPath()
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	return e.data.TestAgent(path, robotsAgent)
}

func (c *Client) readRobots(ctx context.Context, base string) *robotstxt.RobotsData {
	if err := c.limiter.wait(ctx, hostOf(base)); err != nil {
		return nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/robots.txt", nil)
	if err != nil {
		return nil
	}
	req.Header.Set("User-Agent", c.userAgent)
	resp, err := c.http.Do(req)
	if err != nil {
		c.log.Warn("Cannot read robots.txt", slog.String("url", base+"/robots.txt"), slog.Any("error", err))
		return nil
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 512<<10))
	if err != nil {
		return nil
	}
	data, err := robotstxt.FromStatusAndBytes(resp.StatusCode, body)
	if err != nil {
		c.log.Warn("Bad robots.txt, allowing all", slog.String("url", base+"/robots.txt"), slog.Any("error", err))
		return nil
	}
	return data
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	return u.Host
}
