package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

// Each outcome is stored as given: sent rows (with or without a note) get
// their send time, other outcomes keep their status and error and no send
// time; a call with no sent row works too. Recording no recipients records
// nothing, and a full chunk of recipients is recorded whole.
func TestDeliveryOutcomes(t *testing.T) { storetest.Each(t, testDeliveryOutcomes) }

func testDeliveryOutcomes(t *testing.T, s *store.Store) {
	ctx := context.Background()
	a := store.Article{Source: "s", URL: "https://example.org/outcomes", Title: "Outcomes", PublishedAt: time.Now()}
	if _, err := s.UpsertArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if n, err := s.RecordDeliveries(ctx, a.ID, "telegram", nil); err != nil || n != 0 {
		t.Fatalf("no recipients: %d rows (%v)", n, err)
	}
	var many []string
	for i := range 200 {
		many = append(many, fmt.Sprint(1000+i))
	}
	if n, err := s.RecordDeliveries(ctx, a.ID, "telegram", many); err != nil || n != 200 {
		t.Fatalf("200 recipients: %d rows (%v)", n, err)
	}
	rows, err := s.ClaimDeliveries(ctx, a.ID, "telegram", 0, 1<<62, 5, "r")
	if err != nil || len(rows) != 5 {
		t.Fatalf("claim: %d rows (%v)", len(rows), err)
	}
	want := []store.DeliveryOutcome{
		{ID: rows[0].ID, Status: store.DeliverySent},
		{ID: rows[1].ID, Status: store.DeliverySent, Error: "photo refused; sent as text"},
		{ID: rows[2].ID, Status: store.DeliverySkipped},
		{ID: rows[3].ID, Status: store.DeliveryFailed, Error: "403 Forbidden"},
	}
	if err := s.FinishDeliveries(ctx, want); err != nil {
		t.Fatal(err)
	}
	last := store.DeliveryOutcome{ID: rows[4].ID, Status: store.DeliveryFailed, Error: "400 Bad Request"}
	if err := s.FinishDeliveries(ctx, []store.DeliveryOutcome{last}); err != nil {
		t.Fatalf("finishing without a sent row: %v", err)
	}
	for _, o := range append(want, last) {
		var status, lastError string
		var sentAt int64
		if err := s.DB.QueryRowContext(ctx, `SELECT status, last_error, sent_at FROM deliveries WHERE id = $1`, o.ID).
			Scan(&status, &lastError, &sentAt); err != nil {
			t.Fatal(err)
		}
		if status != o.Status || lastError != o.Error || (sentAt > 0) != (o.Status == store.DeliverySent) {
			t.Errorf("row %d stored %q %q sent_at %d, want %+v", o.ID, status, lastError, sentAt, o)
		}
	}
}

// A sender that stalled past the stale limit gets its row released, resent by
// another sender and recorded sent; its own late outcome then changes nothing,
// so the row is not sent a third time nor marked failed.
func TestLateOutcomeKeepsResentRow(t *testing.T) { storetest.Each(t, testLateOutcomeKeepsResentRow) }

func testLateOutcomeKeepsResentRow(t *testing.T, s *store.Store) {
	ctx := context.Background()
	a := store.Article{Source: "s", URL: "https://example.org/late", Title: "Late", PublishedAt: time.Now()}
	if _, err := s.UpsertArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordDeliveries(ctx, a.ID, "telegram", []string{"1", "2"}); err != nil {
		t.Fatal(err)
	}
	stalled, err := s.ClaimDeliveries(ctx, a.ID, "telegram", 0, 1<<62, 2, "a")
	if err != nil || len(stalled) != 2 {
		t.Fatalf("claim: %+v %v", stalled, err)
	}
	if n, _, err := s.ReleaseStaleDeliveries(ctx, "telegram", time.Now().Add(time.Second)); err != nil || n != 2 {
		t.Fatalf("released %d (%v)", n, err)
	}
	resent, err := s.ClaimDeliveries(ctx, a.ID, "telegram", 0, 1<<62, 2, "b")
	if err != nil || len(resent) != 2 {
		t.Fatalf("second claim: %+v %v", resent, err)
	}
	if err := s.FinishDeliveries(ctx, []store.DeliveryOutcome{{ID: resent[0].ID, Status: store.DeliverySent},
		{ID: resent[1].ID, Status: store.DeliverySent}}); err != nil {
		t.Fatal(err)
	}
	late := []store.DeliveryOutcome{{ID: stalled[0].ID, Status: store.DeliveryPending, Error: "timeout"},
		{ID: stalled[1].ID, Status: store.DeliveryFailed, Error: "403"}}
	if err := s.FinishDeliveries(ctx, late); err != nil {
		t.Fatal(err)
	}
	counts, err := s.DeliveryCounts(ctx, a.ID, "telegram")
	if err != nil || counts["sent"] != 2 || len(counts) != 1 {
		t.Fatalf("ledger %v (%v), want both rows sent", counts, err)
	}
}
