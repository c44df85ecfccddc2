package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

func TestReplicas(t *testing.T) { storetest.Each(t, testReplicas) }

// A replica that stops heart-beating is dead; the rows it claimed go back
// to pending at once, those of live replicas do not; a clean stop forgets it.
func testReplicas(t *testing.T, s *store.Store) {
	ctx := context.Background()
	now := time.Now()
	if err := s.Heartbeat(ctx, "a", now.Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := s.Heartbeat(ctx, "b", now); err != nil {
		t.Fatal(err)
	}
	dead, err := s.DeadReplicas(ctx, now.Add(-30*time.Second))
	if err != nil || len(dead) != 1 || !dead["a"] {
		t.Fatalf("dead %v %v, want a", dead, err)
	}

	a := store.Article{Source: "s", URL: "https://example.org/r", Title: "R", PublishedAt: now}
	if _, err := s.UpsertArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordDeliveries(ctx, a.ID, "telegram", []string{"1", "2", "3"}); err != nil {
		t.Fatal(err)
	}
	ids, _ := s.PendingDeliveryIDs(ctx, a.ID, "telegram")
	if _, err := s.ClaimDeliveries(ctx, a.ID, "telegram", ids[0], ids[1], 2, "a"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ClaimDeliveries(ctx, a.ID, "telegram", ids[2], ids[2], 1, "b"); err != nil {
		t.Fatal(err)
	}
	n, articles, err := s.ReleaseDeliveriesOf(ctx, "telegram", []string{"a"})
	if err != nil || n != 2 || len(articles) != 1 || articles[0] != a.ID {
		t.Fatalf("released %d rows of %v (%v), want a's 2", n, articles, err)
	}
	if pending, _ := s.PendingDeliveryIDs(ctx, a.ID, "telegram"); len(pending) != 2 {
		t.Fatalf("pending %v, want a's two rows (b's is still sending)", pending)
	}
	if n, _, err := s.ReleaseDeliveriesOf(ctx, "telegram", nil); err != nil || n != 0 {
		t.Fatalf("released %d rows of no replica (%v)", n, err)
	}

	if err := s.RemoveReplica(ctx, "b", now.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	if dead, _ := s.DeadReplicas(ctx, now.Add(time.Hour)); len(dead) != 1 || !dead["a"] {
		t.Fatalf("after b stopped: %v, want only a (b forgotten)", dead)
	}
	if err := s.RemoveReplica(ctx, "c", now); err != nil { // forgets a, dead for long
		t.Fatal(err)
	}
	if dead, err := s.DeadReplicas(ctx, now.Add(time.Hour)); err != nil || len(dead) != 0 {
		t.Fatalf("long-dead replicas not forgotten: %v (%v)", dead, err)
	}
}

func TestReleaseTelegramHolds(t *testing.T) { storetest.Each(t, testReleaseTelegramHolds) }

// The chats and slots a dead replica held are free again; those of a live
// one stay held.
func testReleaseTelegramHolds(t *testing.T, s *store.Store) {
	ctx := context.Background()
	if err := s.EnsureTelegramSlots(ctx, 2); err != nil {
		t.Fatal(err)
	}
	now := time.UnixMilli(1_000_000)
	lease := now.Add(time.Hour)
	for _, h := range []struct{ chat, holder string }{{"1", "dead"}, {"2", "live"}} {
		got, err := s.TakeTelegramSends(ctx, []string{h.chat}, now, lease, time.Second, h.holder)
		if err != nil || !got[0].SlotOK {
			t.Fatalf("take %s: %+v %v", h.chat, got, err)
		}
	}
	if err := s.ReleaseTelegramHolds(ctx, []string{"dead"}, now.Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	later := now.Add(3 * time.Second) // past the chats' gap, within the lease
	got, err := s.TakeTelegramSends(ctx, []string{"1", "2"}, later, lease, time.Second, "other")
	if err != nil {
		t.Fatal(err)
	}
	if !got[0].ChatOK || !got[0].SlotOK {
		t.Errorf("the dead replica's chat and slot not free: %+v", got[0])
	}
	if got[1].ChatOK {
		t.Errorf("the live replica's chat was freed: %+v", got[1])
	}
}
