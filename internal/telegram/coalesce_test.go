package telegram

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"testing"
)

// Every call gets its own result; calls that arrive while a batch runs go
// together in a later batch; an error reaches every call of its batch.
func TestCoalescer(t *testing.T) {
	release := make(chan struct{})
	var mu sync.Mutex
	var sizes []int
	c := coalescer[int, int]{max: 64, run: func(_ context.Context, qs []int) ([]int, error) {
		mu.Lock()
		sizes = append(sizes, len(qs))
		first := len(sizes) == 1
		mu.Unlock()
		if first {
			<-release // the first batch holds until every other call queued
		}
		out := make([]int, len(qs))
		for i, q := range qs {
			if q < 0 {
				return nil, errors.New("negative")
			}
			out[i] = 2 * q
		}
		return out, nil
	}}
	const n = 50
	var wg sync.WaitGroup
	results := make([]int, n)
	wg.Go(func() { results[0], _ = c.do(context.Background(), 0) })
	for { // wait until the first batch is running
		mu.Lock()
		started := len(sizes) == 1
		mu.Unlock()
		if started {
			break
		}
		runtime.Gosched()
	}
	for i := 1; i < n; i++ {
		wg.Go(func() { results[i], _ = c.do(context.Background(), i) })
	}
	for { // all others queued behind the first batch
		c.mu.Lock()
		queued := len(c.queue)
		c.mu.Unlock()
		if queued == n-1 {
			break
		}
		runtime.Gosched()
	}
	close(release)
	wg.Wait()
	for i, r := range results {
		if r != 2*i {
			t.Fatalf("call %d got %d, want %d", i, r, 2*i)
		}
	}
	if len(sizes) != 2 || sizes[1] != n-1 {
		t.Fatalf("batch sizes %v, want [1 %d]", sizes, n-1)
	}
	if _, err := c.do(context.Background(), -1); err == nil {
		t.Fatal("error of the batch not returned")
	}
	if c.busy || len(c.queue) != 0 {
		t.Fatal("coalescer not idle after the calls")
	}
}
