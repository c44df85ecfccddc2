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
		{ID: rows[0].ID, Attempt: rows[0].Attempts, Status: store.DeliverySent},
		{ID: rows[1].ID, Attempt: rows[1].Attempts, Status: store.DeliverySent, Error: "photo refused; sent as text"},
		{ID: rows[2].ID, Attempt: rows[2].Attempts, Status: store.DeliverySkipped},
		{ID: rows[3].ID, Attempt: rows[3].Attempts, Status: store.DeliveryFailed, Error: "403 Forbidden"},
	}
	if err := s.FinishDeliveries(ctx, want); err != nil {
		t.Fatal(err)
	}
	last := store.DeliveryOutcome{ID: rows[4].ID, Attempt: rows[4].Attempts, Status: store.DeliveryFailed, Error: "400 Bad Request"}
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
	if err := s.FinishDeliveries(ctx, []store.DeliveryOutcome{{ID: resent[0].ID, Attempt: resent[0].Attempts, Status: store.DeliverySent},
		{ID: resent[1].ID, Attempt: resent[1].Attempts, Status: store.DeliverySent}}); err != nil {
		t.Fatal(err)
	}
	late := []store.DeliveryOutcome{{ID: stalled[0].ID, Attempt: stalled[0].Attempts, Status: store.DeliveryPending, Error: "timeout"},
		{ID: stalled[1].ID, Attempt: stalled[1].Attempts, Status: store.DeliveryFailed, Error: "403"}}
	if err := s.FinishDeliveries(ctx, late); err != nil {
		t.Fatal(err)
	}
	counts, err := s.DeliveryCounts(ctx, a.ID, "telegram")
	if err != nil || counts["sent"] != 2 || len(counts) != 1 {
		t.Fatalf("ledger %v (%v), want both rows sent", counts, err)
	}
}

// An outcome applies only to the claim it came from. A sender that stalled
// past the stale limit has its rows released and claimed again by another
// sender, which is still sending them; the first sender's late outcomes (one
// sent, one "try again later") change nothing: the rows stay in the second
// claim, whose own outcomes are then stored. Were the late "pending" stored,
// the second sender's message would go out and the row be claimed a third
// time (a duplicate); were the late "sent" stored, the second send's failure
// would be lost.
func TestLateOutcomeLeavesReclaimedRow(t *testing.T) {
	storetest.Each(t, testLateOutcomeLeavesReclaimedRow)
}

func testLateOutcomeLeavesReclaimedRow(t *testing.T, s *store.Store) {
	ctx := context.Background()
	a := store.Article{Source: "s", URL: "https://example.org/reclaimed", Title: "Reclaimed", PublishedAt: time.Now()}
	if _, err := s.UpsertArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordDeliveries(ctx, a.ID, "telegram", []string{"1", "2", "3"}); err != nil {
		t.Fatal(err)
	}
	stalled, err := s.ClaimDeliveries(ctx, a.ID, "telegram", 0, 1<<62, 3, "a")
	if err != nil || len(stalled) != 3 {
		t.Fatalf("claim: %+v %v", stalled, err)
	}
	if n, _, err := s.ReleaseStaleDeliveries(ctx, "telegram", time.Now().Add(time.Second)); err != nil || n != 3 {
		t.Fatalf("released %d (%v)", n, err)
	}
	again, err := s.ClaimDeliveries(ctx, a.ID, "telegram", 0, 1<<62, 3, "b")
	if err != nil || len(again) != 3 || again[0].Attempts != stalled[0].Attempts+1 {
		t.Fatalf("second claim: %+v %v", again, err)
	}
	late := []store.DeliveryOutcome{
		{ID: stalled[0].ID, Attempt: stalled[0].Attempts, Status: store.DeliveryPending, Error: "timeout"},
		{ID: stalled[1].ID, Attempt: stalled[1].Attempts, Status: store.DeliverySent},
		{ID: stalled[2].ID, Attempt: stalled[2].Attempts, Status: store.DeliverySent, Error: "photo refused; sent as text"},
	}
	if err := s.FinishDeliveries(ctx, late); err != nil {
		t.Fatal(err)
	}
	counts, err := s.DeliveryCounts(ctx, a.ID, "telegram")
	if err != nil || counts[store.DeliverySending] != 3 || len(counts) != 1 {
		t.Fatalf("after the late outcomes the ledger is %v (%v), want all 3 rows still sending under the second claim", counts, err)
	}
	if more, err := s.ClaimDeliveries(ctx, a.ID, "telegram", 0, 1<<62, 3, "c"); err != nil || len(more) != 0 {
		t.Fatalf("a third claim took %+v (%v): a late outcome returned a re-claimed row to pending", more, err)
	}
	current := []store.DeliveryOutcome{
		{ID: again[0].ID, Attempt: again[0].Attempts, Status: store.DeliverySent},
		{ID: again[1].ID, Attempt: again[1].Attempts, Status: store.DeliveryFailed, Error: "403"},
		{ID: again[2].ID, Attempt: again[2].Attempts, Status: store.DeliveryPending, Error: "429"},
	}
	if err := s.FinishDeliveries(ctx, current); err != nil {
		t.Fatal(err)
	}
	for _, o := range current {
		var status, lastError string
		if err := s.DB.QueryRowContext(ctx, `SELECT status, last_error FROM deliveries WHERE id = $1`, o.ID).
			Scan(&status, &lastError); err != nil {
			t.Fatal(err)
		}
		if status != o.Status || lastError != o.Error {
			t.Errorf("row %d stored %q %q, want the second claim's outcome %+v", o.ID, status, lastError, o)
		}
	}
}
