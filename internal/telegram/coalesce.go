package telegram

import (
	"context"
	"sync"
	"time"
)

// coalescer runs concurrent calls of one kind as batches (group commit):
// a call that arrives while a batch is in the database waits and goes with
// the next one, so a busy moment makes batches larger instead of making
// more round trips. The first waiting call leads (runs) the next batch.
type coalescer[Q, R any] struct {
	run   func(ctx context.Context, qs []Q) ([]R, error) // len(result) == len(qs)
	max   int
	mu    sync.Mutex
	queue []*coalesced[Q, R]
	busy  bool
}

// batchTimeout bounds one batch's round trip (a database that hangs).
const batchTimeout = 30 * time.Second

type coalesced[Q, R any] struct {
	q    Q
	r    R
	err  error
	lead bool // woken to run the next batch, not with a result
	done chan struct{}
}

// do runs q in a batch and returns its result. A batch, once started, runs
// to its end without the callers' cancellation (it is short, and what it
// took must reach a caller to be given back), within batchTimeout.
func (c *coalescer[Q, R]) do(ctx context.Context, q Q) (R, error) {
	me := &coalesced[Q, R]{q: q, done: make(chan struct{})}
	c.mu.Lock()
	c.queue = append(c.queue, me)
	if c.busy {
		c.mu.Unlock()
		<-me.done
		if !me.lead {
			return me.r, me.err
		}
		c.mu.Lock()
	}
	c.busy = true
	batch := c.queue[:min(len(c.queue), c.max)]
	c.queue = c.queue[len(batch):]
	c.mu.Unlock()

	qs := make([]Q, len(batch))
	for i, p := range batch {
		qs[i] = p.q
	}
	runCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), batchTimeout)
	rs, err := c.run(runCtx, qs)
	cancel()
	for i, p := range batch {
		if err != nil {
			p.err = err
		} else {
			p.r = rs[i]
		}
	}

	c.mu.Lock()
	if len(c.queue) > 0 {
		next := c.queue[0]
		next.lead = true
		close(next.done)
	} else {
		c.busy = false
	}
	c.mu.Unlock()
	for _, p := range batch {
		if p != me {
			close(p.done)
		}
	}
	return me.r, me.err
}
