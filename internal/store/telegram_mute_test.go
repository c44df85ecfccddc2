package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

func TestTelegramMute(t *testing.T) { storetest.Each(t, testTelegramMute) }

func testTelegramMute(t *testing.T, s *store.Store) {
	ctx := context.Background()
	article := func(url string) store.Article {
		a := store.Article{Source: "s", URL: url, Title: url, PublishedAt: time.Now()}
		if _, err := s.UpsertArticle(ctx, &a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	for id := int64(1); id <= 3; id++ {
		if err := s.UpsertTelegramChat(ctx, store.TelegramChat{ID: id, Kind: "private"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.FollowPartner(ctx, id, "venlo"); err != nil {
			t.Fatal(err)
		}
	}
	before := article("https://example.org/before")
	if _, err := s.RecordTelegramFanout(ctx, before.ID, []string{"venlo"}); err != nil {
		t.Fatal(err)
	}
	until := time.Now().Add(time.Hour).Truncate(time.Millisecond)
	for id, u := range map[int64]time.Time{1: {}, 2: until, 3: time.Now().Add(-time.Minute)} {
		if err := s.MuteTelegramChat(ctx, id, u); err != nil {
			t.Fatal(err)
		}
	}
	// Muting skipped what was still pending for chats 1 and 2, and 3's
	// mute is already over (its row too was skipped when it muted).
	if c, _ := s.DeliveryCounts(ctx, before.ID, "telegram"); c["skipped"] != 3 || c["pending"] != 0 {
		t.Fatalf("rows pending when the chats muted: %v", c)
	}
	for id, want := range map[int64]struct {
		muted bool
		until time.Time
	}{1: {true, time.Time{}}, 2: {true, until}, 3: {false, time.Time{}}, 99: {false, time.Time{}}} {
		muted, u, err := s.TelegramChatMute(ctx, id)
		if err != nil || muted != want.muted || !u.Equal(want.until) {
			t.Errorf("chat %d: muted %v until %v (%v), want %v until %v", id, muted, u, err, want.muted, want.until)
		}
	}
	after := article("https://example.org/after")
	n, err := s.RecordTelegramFanout(ctx, after.ID, []string{"venlo"})
	if err != nil || n != 3 {
		t.Fatalf("fan-out: %d rows, %v", n, err)
	}
	if c, _ := s.DeliveryCounts(ctx, after.ID, "telegram"); c["skipped"] != 2 || c["pending"] != 1 {
		t.Fatalf("fan-out to two muted chats and one whose mute ended: %v", c)
	}
	ids, _ := s.PendingDeliveryIDs(ctx, after.ID, "telegram")
	rows, _ := s.DeliveryRecipients(ctx, after.ID, "telegram", ids[0], ids[0])
	if len(rows) != 1 || rows[0] != "3" {
		t.Fatalf("pending row for %v, want chat 3", rows)
	}
	for id, want := range map[int64]bool{1: true, 2: true, 3: false} {
		if was, err := s.UnmuteTelegramChat(ctx, id); err != nil || was != want {
			t.Errorf("unmute %d: %v %v, want %v", id, was, err, want)
		}
	}
	again := article("https://example.org/again")
	if _, err := s.RecordTelegramFanout(ctx, again.ID, []string{"venlo"}); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.DeliveryCounts(ctx, again.ID, "telegram"); c["pending"] != 3 {
		t.Fatalf("after /unmute: %v", c)
	}
}
