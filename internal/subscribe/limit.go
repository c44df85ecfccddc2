package subscribe

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// limiter is a token bucket per client IP.
type limiter struct {
	mu      sync.Mutex
	every   rate.Limit
	burst   int
	clients map[string]*client
}

type client struct {
	lim  *rate.Limiter
	seen time.Time
}

func newLimiter(every rate.Limit, burst int) *limiter {
	return &limiter{every: every, burst: burst, clients: map[string]*client{}}
}

// allow reports whether the client may make one more request now.
func (l *limiter) allow(ip string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	if len(l.clients) > 10000 { // forget clients idle long enough to have a full bucket
		for k, c := range l.clients {
			if now.Sub(c.seen) > time.Hour {
				delete(l.clients, k)
			}
		}
	}
	c := l.clients[ip]
	if c == nil {
		c = &client{lim: rate.NewLimiter(l.every, l.burst)}
		l.clients[ip] = c
	}
	c.seen = now
	return c.lim.AllowN(now, 1)
}
