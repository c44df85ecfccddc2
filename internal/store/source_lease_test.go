package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

func TestSourceLeaseTakenAndReleasedConcurrently(t *testing.T) {
	storetest.Each(t, testSourceLeaseTakenAndReleasedConcurrently)
}

// testSourceLeaseTakenAndReleasedConcurrently: holders taking and releasing
// one source's lease at once never get an error (a release between the
// insert that finds the lease taken and the read of its end means it is
// free), and never two hold it at once.
func testSourceLeaseTakenAndReleasedConcurrently(t *testing.T, s *store.Store) {
	ctx := context.Background()
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		holders int
		errs    = make(chan error, 8)
	)
	for h := 0; h < 8; h++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			holder := fmt.Sprintf("holder-%d", h)
			for i := 0; i < 150; i++ {
				ok, _, err := s.TakeSourceLease(ctx, "src", holder, time.Minute)
				if err != nil {
					errs <- err
					return
				}
				if !ok {
					continue
				}
				mu.Lock()
				holders++
				two := holders > 1
				mu.Unlock()
				if two {
					errs <- fmt.Errorf("%s holds the lease while another does", holder)
					return
				}
				mu.Lock()
				holders--
				mu.Unlock()
				if err := s.ReleaseSourceLease(ctx, "src", holder); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
