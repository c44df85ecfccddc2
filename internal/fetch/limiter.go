package fetch

import (
	"context"
	"sync"

	"golang.org/x/time/rate"
)

// hostLimiter keeps one token bucket per host, so that a source is asked at
// most rate_per_host times per second however many workers fetch from it.
type hostLimiter struct {
	mu    sync.Mutex
	rps   float64
	clock Clock
	hosts map[string]*rate.Limiter
}

func newHostLimiter(rps float64, clock Clock) *hostLimiter {
	return &hostLimiter{rps: rps, clock: clock, hosts: map[string]*rate.Limiter{}}
}

// wait blocks until host may be asked again. It reserves against the injected
// clock (rate.Limiter's own Wait would use wall time).
func (h *hostLimiter) wait(ctx context.Context, host string) error {
	h.mu.Lock()
	lim, ok := h.hosts[host]
	if !ok {
		lim = rate.NewLimiter(rate.Limit(h.rps), 1)
		h.hosts[host] = lim
	}
	now := h.clock.Now()
	r := lim.ReserveN(now, 1)
	h.mu.Unlock()
	if !r.OK() {
		return context.Canceled
	}
	if err := h.clock.Sleep(ctx, r.DelayFrom(now)); err != nil {
		r.CancelAt(h.clock.Now())
		return err
	}
	return nil
}
