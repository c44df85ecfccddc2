package fetch

import (
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

func defaultJitter() float64 { return rand.Float64() }

// backoff is the wait before retry attempt+1: base·2^attempt, the upper half
// of it jittered so that many clients do not retry in step.
func (c *Client) backoff(attempt int) time.Duration {
	d := c.opts.BaseBackoff << attempt
	return d/2 + time.Duration(c.opts.Jitter()*float64(d/2))
}

// retryAfterOf parses a Retry-After header (seconds or an HTTP date);
// 0 when absent or unreadable.
func retryAfterOf(h string, now time.Time) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0
	}
	if s, err := strconv.Atoi(h); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
