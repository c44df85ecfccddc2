package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/notify"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

func tagged(t *testing.T, s *store.Store, url string, published time.Time, partners ...string) store.Article {
	t.Helper()
	a := store.Article{Source: "x", URL: url, Title: url, PublishedAt: published}
	if _, err := s.UpsertArticle(context.Background(), &a); err != nil {
		t.Fatal(err)
	}
	var tags []store.Tag
	for _, p := range partners {
		tags = append(tags, store.Tag{Partner: p, Score: 1})
	}
	if _, err := s.ReplaceTags(context.Background(), a.ID, tags); err != nil {
		t.Fatal(err)
	}
	return a
}

func titles(list []store.Article) []string {
	var out []string
	for _, a := range list {
		out = append(out, a.Title)
	}
	return out
}

// The ledger decides what an issue holds: the rows pending when it is opened,
// and only those, even when it is opened again for a retry.
func TestDigestLedger(t *testing.T) { storetest.Each(t, testDigestLedger) }

func testDigestLedger(t *testing.T, s *store.Store) {
	ctx := context.Background()
	now := time.Now()
	tagged(t, s, "old", now.Add(-10*24*time.Hour), "leiden") // before the seed window
	recent := tagged(t, s, "recent", now.Add(-time.Hour), "leiden", "venlo")
	tagged(t, s, "other", now.Add(-time.Hour), "venlo")

	rcpt := store.DigestRecipient("office")
	seeded, err := s.SeedEmailRecipient(ctx, rcpt, []string{"leiden"}, now, notify.Rule{MaxAge: 7 * 24 * time.Hour}.Welcome(now))
	if err != nil || !seeded {
		t.Fatalf("seed: %v %v", seeded, err)
	}
	if again, err := s.SeedEmailRecipient(ctx, rcpt, []string{"leiden"}, now, notify.Rule{MaxAge: 30 * 24 * time.Hour}.Welcome(now)); err != nil || again {
		t.Errorf("seeded twice (%v)", err)
	}
	if seen, _ := s.EmailRecipientSeenAt(ctx, rcpt); seen.UnixMilli() != now.UnixMilli() {
		t.Errorf("seen at %v, want %v", seen, now)
	}
	slot := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	iss, err := s.OpenDigestIssue(ctx, rcpt, slot)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := s.IssueArticles(ctx, iss.ID)
	if len(got) != 1 || got[0].ID != recent.ID {
		t.Fatalf("first issue holds %v, want [recent]", titles(got))
	}

	// Arrives after the issue was opened: the retry keeps the old content.
	late := tagged(t, s, "late", now, "leiden")
	if err := s.AddEmailDeliveries(ctx, late.ID, []string{rcpt}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddEmailDeliveries(ctx, late.ID, []string{rcpt}); err != nil { // idempotent
		t.Fatal(err)
	}
	again, _ := s.OpenDigestIssue(ctx, rcpt, slot)
	got, _ = s.IssueArticles(ctx, again.ID)
	if again.ID != iss.ID || len(got) != 1 {
		t.Fatalf("reopened issue %d holds %v", again.ID, titles(got))
	}
	if err := s.RecordDigestSends(ctx, []store.DigestSend{{IssueID: iss.ID, Address: "a@example.org",
		Status: "sent", MessageID: "id@x"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.FinishDigestIssues(ctx, []int64{iss.ID}, store.IssueSent); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.DigestIssues(ctx, rcpt); len(list) != 1 || list[0].MessageID != "id@x" || list[0].Status != store.IssueSent {
		t.Errorf("finished issue: %+v", list)
	}
	next, _ := s.OpenDigestIssue(ctx, rcpt, slot.Add(7*24*time.Hour))
	got, _ = s.IssueArticles(ctx, next.ID)
	if len(got) != 1 || got[0].ID != late.ID {
		t.Fatalf("next issue holds %v, want [late]", titles(got))
	}
	if pending, err := s.PendingEmailArticles(ctx, rcpt); err != nil || len(pending) != 0 {
		t.Errorf("pending after two issues: %v (%v)", titles(pending), err)
	}
}

// Only confirmed subscribers following a partner get ledger rows; deleting a
// subscriber leaves nothing of it.
func TestSubscriberLedger(t *testing.T) { storetest.Each(t, testSubscriberLedger) }

func testSubscriberLedger(t *testing.T, s *store.Store) {
	ctx := context.Background()
	pending, need, err := s.RequestEmailSubscription(ctx, store.EmailSubscriber{Email: "p@example.org",
		Schedule: "daily", Partners: []string{"leiden"}})
	if err != nil || !need {
		t.Fatal(need, err)
	}
	if _, again, err := s.RequestEmailSubscription(ctx, store.EmailSubscriber{Email: "p@example.org",
		Schedule: "daily", Partners: []string{"leiden"}}); err != nil || again {
		t.Errorf("a second request at once sends a second confirmation mail (%v)", err)
	}
	conf, _, _ := s.RequestEmailSubscription(ctx, store.EmailSubscriber{Email: "c@example.org",
		Schedule: "daily", Partners: []string{"leiden", "venlo"}})
	if _, first, err := s.ConfirmEmailSubscriber(ctx, conf.ID, "yes"); err != nil || !first {
		t.Fatal(first, err)
	}
	if _, first, err := s.ConfirmEmailSubscriber(ctx, conf.ID, "again"); err != nil || first {
		t.Errorf("confirmed twice (%v)", err)
	}
	if _, need, err := s.RequestEmailSubscription(ctx, store.EmailSubscriber{Email: "c@example.org",
		Schedule: "weekly", Partners: []string{"venlo"}}); err != nil || need {
		t.Errorf("a confirmed address asked to confirm again (%v)", err)
	}
	a := tagged(t, s, "a", time.Now(), "leiden")
	b := tagged(t, s, "b", time.Now(), "charlotte")
	if err := s.AddSubscriberDeliveries(ctx, a.ID, []string{"leiden"}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddSubscriberDeliveries(ctx, b.ID, []string{"charlotte"}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.PendingEmailArticles(ctx, conf.Recipient()); len(got) != 1 || got[0].ID != a.ID {
		t.Errorf("confirmed subscriber pending %v, want [a]", titles(got))
	}
	if got, err := s.PendingEmailArticles(ctx, pending.Recipient()); err != nil || len(got) != 0 {
		t.Errorf("unconfirmed subscriber got rows: %v (%v)", titles(got), err)
	}
	ids, _ := s.ConfirmedSubscriberIDs(ctx, "daily")
	if len(ids) != 1 || ids[0] != conf.ID {
		t.Errorf("confirmed daily: %v", ids)
	}
	if err := s.DeleteEmailSubscriber(ctx, conf.ID); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.DB.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM deliveries) + (SELECT COUNT(*) FROM email_subscriber_partners
		WHERE subscriber_id = $1) + (SELECT COUNT(*) FROM email_subscribers WHERE id = $1)`, conf.ID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("%d rows left of a deleted subscriber", n)
	}
	if n, _ := s.DeleteUnconfirmedEmailSubscribers(ctx, time.Now().Add(time.Minute)); n != 1 {
		t.Errorf("deleted %d unconfirmed subscribers, want 1", n)
	}
}
