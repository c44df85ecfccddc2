package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

func TestTelegramLedger(t *testing.T) { storetest.Each(t, testTelegramLedger) }

func testTelegramLedger(t *testing.T, s *store.Store) {
	ctx := context.Background()
	a := store.Article{Source: "s", URL: "https://example.org/a", Title: "A", PublishedAt: time.Now()}
	if _, err := s.UpsertArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	followChats(t, s, map[int64][]string{1: {"venlo"}, 2: {"venlo", "leiden"}, 3: {"leiden"}, 4: {"kayseri"}, 5: {"venlo"}})
	if err := s.DeactivateTelegramChat(ctx, 5, "blocked"); err != nil {
		t.Fatal(err)
	}
	n, err := s.RecordTelegramFanout(ctx, a.ID, []string{"venlo", "leiden"})
	if err != nil || n != 3 { // 1, 2 (once), 3; not 4 (other partner) nor 5 (inactive)
		t.Fatalf("fan-out recorded %d rows: %v", n, err)
	}
	if n, err := s.RecordTelegramFanout(ctx, a.ID, []string{"venlo"}); err != nil || n != 0 {
		t.Fatalf("a second fan-out recorded %d more rows (%v)", n, err)
	}
	if n, _ := s.RecordDeliveries(ctx, a.ID, "telegram", []string{"@chan", "@chan", "1"}); n != 1 {
		t.Fatalf("channel rows: %d", n)
	}
	ids, err := s.PendingDeliveryIDs(ctx, a.ID, "telegram")
	if err != nil || len(ids) != 4 {
		t.Fatalf("pending %v %v", ids, err)
	}
	claimed, err := s.ClaimDeliveries(ctx, a.ID, "telegram", ids[0], ids[2], 2, "r")
	if err != nil || len(claimed) != 2 || claimed[0].Status != "sending" || claimed[0].Attempts != 1 {
		t.Fatalf("claim %+v %v", claimed, err)
	}
	more, _ := s.ClaimDeliveries(ctx, a.ID, "telegram", ids[0], ids[2], 10, "r")
	if len(more) != 1 || more[0].ID != ids[2] {
		t.Fatalf("second claim %+v: the range or the claimed rows leaked", more)
	}
	if err := s.FinishDeliveries(ctx, []store.DeliveryOutcome{
		{ID: claimed[0].ID, Attempt: claimed[0].Attempts, Status: store.DeliverySent},
		{ID: claimed[1].ID, Attempt: claimed[1].Attempts, Status: store.DeliveryFailed, Error: "403"}}); err != nil {
		t.Fatal(err)
	}
	times, err := s.RecentDeliveryTimes(ctx, "telegram", time.Now().Add(-time.Minute), 10)
	if err != nil || len(times) != 2 { // one sent, one still sending (more[0])
		t.Fatalf("recent times %v %v", times, err)
	}
	// more[0] was left in sending, as by a crash.
	released, articles, err := s.ReleaseStaleDeliveries(ctx, "telegram", time.Now().Add(time.Second))
	if err != nil || released != 1 || !slices.Equal(articles, []int64{a.ID}) {
		t.Fatalf("released %d %v %v", released, articles, err)
	}
	counts, _ := s.DeliveryCounts(ctx, a.ID, "telegram")
	if counts["sent"] != 1 || counts["failed"] != 1 || counts["pending"] != 2 {
		t.Fatalf("counts %v", counts)
	}
}

func TestTelegramChatLifecycle(t *testing.T) { storetest.Each(t, testTelegramChatLifecycle) }

func testTelegramChatLifecycle(t *testing.T, s *store.Store) {
	ctx := context.Background()
	a := store.Article{Source: "s", URL: "https://example.org/a", Title: "A", PublishedAt: time.Now()}
	if _, err := s.UpsertArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if err := s.UpsertTelegramChat(ctx, store.TelegramChat{ID: -7, Kind: "group", Language: "fr"}); err != nil {
		t.Fatal(err)
	}
	if err := s.UpsertTelegramChat(ctx, store.TelegramChat{ID: -7, Kind: "group", Language: "de"}); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.TelegramChat(ctx, -7); c.Language != "fr" {
		t.Fatalf("the first language must stay: %+v", c)
	}
	s.FollowPartner(ctx, -7, "venlo")
	s.RecordTelegramFanout(ctx, a.ID, []string{"venlo"})
	if err := s.MigrateTelegramChat(ctx, -7, -1007); err != nil {
		t.Fatal(err)
	}
	if f, _ := s.TelegramFollows(ctx, -1007); !slices.Equal(f, []string{"venlo"}) {
		t.Fatalf("follows not moved: %v", f)
	}
	ids, _ := s.PendingDeliveryIDs(ctx, a.ID, "telegram")
	rows, _ := s.ClaimDeliveries(ctx, a.ID, "telegram", ids[0], ids[0], 1, "r")
	if len(rows) != 1 || rows[0].Recipient != "-1007" {
		t.Fatalf("delivery not moved: %+v", rows)
	}
	if err := s.DeleteTelegramChat(ctx, -1007); err != nil {
		t.Fatal(err)
	}
	if _, err := s.TelegramChat(ctx, -1007); err != store.ErrNotFound {
		t.Fatalf("deleted chat: %v", err)
	}
	if f, err := s.TelegramFollows(ctx, -1007); err != nil || len(f) != 0 {
		t.Fatalf("follows survived /stop: %v (%v)", f, err)
	}
	if off, err := s.TelegramUpdateOffset(ctx); err != nil || off != 0 {
		t.Fatal(off, err)
	}
	s.SetTelegramUpdateOffset(ctx, 42)
	if off, _ := s.TelegramUpdateOffset(ctx); off != 42 {
		t.Fatalf("offset %d", off)
	}
}
