package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

func TestAdminSessions(t *testing.T) { storetest.Each(t, testAdminSessions) }

// testAdminSessions: a session is found by its hash until it expires, with
// the account's current role; a new password or removing the account ends
// its sessions; login failures are counted per key and window.
func testAdminSessions(t *testing.T, s *store.Store) {
	ctx := context.Background()
	now := time.UnixMilli(1_800_000_000_000)
	if err := s.AddAdminUser(ctx, store.AdminUser{Name: "anna", Role: "editor", PasswordHash: "h1", CreatedAt: now}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddAdminUser(ctx, store.AdminUser{Name: "anna", Role: "admin", PasswordHash: "h2", CreatedAt: now}); !errors.Is(err, store.ErrExists) {
		t.Fatalf("adding a taken name: %v", err)
	}
	ss := store.AdminSession{IDHash: "abc", Username: "anna", CSRF: "tok", CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
	if err := s.AddAdminSession(ctx, ss); err != nil {
		t.Fatal(err)
	}
	got, err := s.AdminSession(ctx, "abc", now.Add(59*time.Minute))
	if err != nil || got.Username != "anna" || got.Role != "editor" || got.CSRF != "tok" || !got.ExpiresAt.Equal(ss.ExpiresAt) {
		t.Fatalf("session %+v %v", got, err)
	}
	if _, err := s.AdminSession(ctx, "abc", now.Add(time.Hour)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("an expired session was found: %v", err)
	}
	if err := s.SetAdminPassword(ctx, "anna", "h3"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AdminSession(ctx, "abc", now); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a new password kept the old session: %v", err)
	}
	if err := s.SetAdminPassword(ctx, "nobody", "h"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("password of a missing account: %v", err)
	}
	ss.IDHash = "def"
	if err := s.AddAdminSession(ctx, ss); err != nil {
		t.Fatal(err)
	}
	if err := s.RemoveAdminUser(ctx, "anna"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AdminSession(ctx, "def", now); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a removed account's session was found: %v", err)
	}
	if err := s.RemoveAdminUser(ctx, "anna"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("removing twice: %v", err)
	}

	for i := range 3 {
		if err := s.RecordLoginFailure(ctx, now.Add(time.Duration(i)*time.Minute), "user:x", "addr:1"); err != nil {
			t.Fatal(err)
		}
	}
	n, oldest, err := s.LoginFailures(ctx, "user:x", now.Add(30*time.Second))
	if err != nil || n != 2 || !oldest.Equal(now.Add(time.Minute)) {
		t.Errorf("failures since +30s: %d, oldest %v, %v", n, oldest, err)
	}
	if err := s.ClearLoginFailures(ctx, "user:x"); err != nil {
		t.Fatal(err)
	}
	if n, _, _ := s.LoginFailures(ctx, "user:x", now); n != 0 {
		t.Errorf("%d failures after clearing", n)
	}
	if n, _, _ := s.LoginFailures(ctx, "addr:1", now); n != 3 {
		t.Errorf("clearing one key cleared another: %d", n)
	}
	if err := s.DeleteExpiredAdminSessions(ctx, now, now.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if n, _, _ := s.LoginFailures(ctx, "addr:1", now); n != 1 {
		t.Errorf("old failures kept: %d", n)
	}
}

func TestSentMessages(t *testing.T) { storetest.Each(t, testSentMessages) }

// testSentMessages: a sent delivery keeps its message id; SentMessages
// lists those within the window until they are marked deleted; hiding
// skips the pending rows.
func testSentMessages(t *testing.T, s *store.Store) {
	ctx := context.Background()
	a := store.Article{Source: "s", URL: "https://example.org/m", Title: "M", PublishedAt: time.Now()}
	if _, err := s.UpsertArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordDeliveries(ctx, a.ID, "telegram", []string{"11", "@chan", "13"}); err != nil {
		t.Fatal(err)
	}
	ids, _ := s.PendingDeliveryIDs(ctx, a.ID, "telegram")
	rows, err := s.ClaimDeliveries(ctx, a.ID, "telegram", ids[0], ids[1], 2, "r")
	if err != nil || len(rows) != 2 {
		t.Fatalf("claim %v %v", rows, err)
	}
	if err := s.FinishDeliveries(ctx, []store.DeliveryOutcome{
		{ID: rows[0].ID, Attempt: rows[0].Attempts, Status: store.DeliverySent, MessageID: 501},
		{ID: rows[1].ID, Attempt: rows[1].Attempts, Status: store.DeliverySent, MessageID: 502}}); err != nil {
		t.Fatal(err)
	}
	msgs, err := s.SentMessages(ctx, a.ID, "telegram", time.Now().Add(-time.Hour))
	if err != nil || len(msgs) != 2 || msgs[0].MessageID != 501 || msgs[1].Recipient != "@chan" || msgs[1].MessageID != 502 {
		t.Fatalf("sent messages %+v %v", msgs, err)
	}
	if later, _ := s.SentMessages(ctx, a.ID, "telegram", time.Now().Add(time.Hour)); len(later) != 0 {
		t.Errorf("messages outside the window: %+v", later)
	}
	if err := s.MessageDeleted(ctx, msgs[0].DeliveryID, "deleted"); err != nil {
		t.Fatal(err)
	}
	if left, _ := s.SentMessages(ctx, a.ID, "telegram", time.Now().Add(-time.Hour)); len(left) != 1 || left[0].MessageID != 502 {
		t.Errorf("after deleting one: %+v", left)
	}
	if err := s.SkipArticleDeliveries(ctx, a.ID, "telegram", "article withdrawn"); err != nil {
		t.Fatal(err)
	}
	if pending, _ := s.PendingDeliveryIDs(ctx, a.ID, "telegram"); len(pending) != 0 {
		t.Errorf("pending rows after skipping: %v", pending)
	}
	counts, _ := s.DeliveryCounts(ctx, a.ID, "telegram")
	if counts["sent"] != 2 || counts["skipped"] != 1 {
		t.Errorf("counts %v", counts)
	}
}
