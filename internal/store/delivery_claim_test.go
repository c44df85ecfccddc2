package store_test

import (
	"context"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

// Two send jobs may cover the same rows (the sweep re-queues a row whose job
// it did not see): claiming must hand each row to one of them only.
func TestConcurrentClaimsTakeEachRowOnce(t *testing.T) { storetest.Each(t, testConcurrentClaims) }

func testConcurrentClaims(t *testing.T, s *store.Store) {
	ctx := context.Background()
	a := store.Article{Source: "s", URL: "https://example.org/claims", Title: "Claims", PublishedAt: time.Now()}
	if _, err := s.UpsertArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	const rows, claimers = 300, 8
	var recipients []string
	for i := range rows {
		recipients = append(recipients, strconv.Itoa(1000+i))
	}
	if _, err := s.RecordDeliveries(ctx, a.ID, "telegram", recipients); err != nil {
		t.Fatal(err)
	}
	ids, err := s.PendingDeliveryIDs(ctx, a.ID, "telegram")
	if err != nil || len(ids) != rows {
		t.Fatalf("rows %d %v", len(ids), err)
	}
	claimed := make([][]int64, claimers)
	var wg sync.WaitGroup
	for c := range claimers {
		wg.Go(func() {
			for {
				got, err := s.ClaimDeliveries(ctx, a.ID, "telegram", ids[0], ids[len(ids)-1], 7, "r")
				if err != nil {
					t.Error(err)
					return
				}
				if len(got) == 0 {
					return
				}
				for _, d := range got {
					claimed[c] = append(claimed[c], d.ID)
				}
			}
		})
	}
	wg.Wait()
	times := map[int64]int{}
	for _, list := range claimed {
		for _, id := range list {
			times[id]++
		}
	}
	for id, n := range times {
		if n != 1 {
			t.Errorf("row %d claimed %d times", id, n)
		}
	}
	if len(times) != rows {
		t.Errorf("%d rows claimed, want %d", len(times), rows)
	}
	busy := 0
	for _, list := range claimed {
		if len(list) > 0 {
			busy++
		}
	}
	t.Logf("%d rows claimed by %d of %d concurrent claimers", len(times), busy, claimers)
}
