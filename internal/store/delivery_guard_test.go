package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

// Skipping a recipient's pending rows (a chat muted or gone) leaves its sent
// rows sent; moving the unsent rows of a chat that changed its id leaves out
// an article the new id already has a row for (no second message).
func TestDeliveryGuards(t *testing.T) { storetest.Each(t, testDeliveryGuards) }

func testDeliveryGuards(t *testing.T, s *store.Store) {
	ctx := context.Background()
	article := func(url string) store.Article {
		a := store.Article{Source: "s", URL: url, Title: url, PublishedAt: time.Now()}
		if _, err := s.UpsertArticle(ctx, &a); err != nil {
			t.Fatal(err)
		}
		return a
	}
	sent, waiting := article("https://example.org/sent"), article("https://example.org/waiting")
	for _, a := range []store.Article{sent, waiting} {
		if _, err := s.RecordDeliveries(ctx, a.ID, "telegram", []string{"-7", "-1007"}); err != nil {
			t.Fatal(err)
		}
	}
	sendAll(t, s, sent.ID)
	if err := s.SkipPendingDeliveries(ctx, "telegram", "-1007", "muted"); err != nil {
		t.Fatal(err)
	}
	for a, want := range map[int64]map[string]int{sent.ID: {"sent": 2}, waiting.ID: {"pending": 1, "skipped": 1}} {
		got, err := s.DeliveryCounts(ctx, a, "telegram")
		if err != nil || len(got) != len(want) || got["sent"] != want["sent"] || got["pending"] != want["pending"] {
			t.Fatalf("article %d after skipping -1007: %v (%v), want %v", a, got, err, want)
		}
	}
	// -7 became -1007, which already has rows for both articles.
	if err := s.MoveDeliveries(ctx, "telegram", "-7", "-1007"); err != nil {
		t.Fatalf("move onto rows the new id has: %v", err)
	}
	recipients, err := s.DeliveryRecipients(ctx, waiting.ID, "telegram", 0, 1<<62)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(recipients)
	if !slices.Equal(recipients, []string{"-1007", "-7"}) {
		t.Fatalf("rows of the waiting article: %v, want -7's kept where -1007 had one", recipients)
	}
}
