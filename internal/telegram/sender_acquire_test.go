package telegram

import (
	"context"
	"runtime"
	"testing"
)

// acquire returns exactly the number of send slots it took, also when a
// slot frees up while it waits for more (claimGather): a count off by one
// would leak slots (the sender stalls once all are leaked) or claim rows
// beyond them. Each round leaves one slot free, so acquire takes it and
// waits for a second; the test frees one as soon as the slots are full. Had
// the slot come a moment later, acquire returns 1; either way the count must
// match the slots it holds. The rounds make the wait path likely to be hit
// (it needs the test to free the slot within the 2 ms acquire waits).
func TestAcquireCountsTheSlotsItTakes(t *testing.T) {
	b := &Bot{sem: make(chan struct{}, 8)}
	ctx := context.Background()
	for round := range 300 {
		for range cap(b.sem) - 1 {
			b.sem <- struct{}{}
		}
		got := make(chan int, 1)
		go func() {
			n, err := b.acquire(ctx)
			if err != nil {
				t.Error(err)
			}
			got <- n
		}()
		for len(b.sem) < cap(b.sem) { // until acquire took the free slot
			runtime.Gosched()
		}
		<-b.sem // one of the test's slots frees up
		n := <-got
		if held := len(b.sem) - (cap(b.sem) - 2); held != n {
			t.Fatalf("round %d: acquire returned %d but holds %d slots", round, n, held)
		}
		for len(b.sem) > 0 {
			<-b.sem
		}
	}
}
