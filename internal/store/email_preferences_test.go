package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

// confirmedSubscriber stores a confirmed subscriber of partners.
func confirmedSubscriber(t *testing.T, s *store.Store, email string, partners ...string) store.EmailSubscriber {
	t.Helper()
	ctx := context.Background()
	sub, _, err := s.RequestEmailSubscription(ctx, store.EmailSubscriber{Email: email, Schedule: "daily", Partners: partners})
	if err != nil {
		t.Fatal(err)
	}
	if sub, _, err = s.ConfirmEmailSubscriber(ctx, sub.ID, "yes"); err != nil {
		t.Fatal(err)
	}
	return sub
}

// Changing cities drops the waiting articles about no city still followed;
// the new choices are kept; an article about a kept city stays.
func TestSubscriberPreferences(t *testing.T) { storetest.Each(t, testSubscriberPreferences) }

func testSubscriberPreferences(t *testing.T, s *store.Store) {
	ctx := context.Background()
	sub := confirmedSubscriber(t, s, "p@example.org", "leiden", "venlo")
	venlo := tagged(t, s, "venlo", time.Now(), "venlo")
	both := tagged(t, s, "both", time.Now(), "venlo", "leiden")
	for _, a := range []store.Article{venlo, both} {
		if err := s.AddSubscriberDeliveries(ctx, a.ID, []string{"venlo"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetEmailSubscriberPreferences(ctx, sub.ID, []string{"leiden", "charlotte"}, "weekly", "nl"); err != nil {
		t.Fatal(err)
	}
	got, err := s.EmailSubscriber(ctx, sub.ID)
	if err != nil || got.Schedule != "weekly" || got.Language != "nl" || len(got.Partners) != 2 ||
		got.Partners[0] != "charlotte" || got.Partners[1] != "leiden" {
		t.Fatalf("after the change: %+v %v", got, err)
	}
	if pending, err := s.PendingEmailArticles(ctx, sub.Recipient()); err != nil || len(pending) != 1 || pending[0].ID != both.ID {
		t.Errorf("pending after the change: %v (%v), want [both]", titles(pending), err)
	}
	if err := s.SetEmailSubscriberPreferences(ctx, sub.ID, nil, "weekly", "nl"); err == nil {
		t.Error("no partner accepted")
	}
}

// A pause keeps the subscriber; what was queued during it is dropped when
// it ends, what was queued before stays.
func TestSubscriberPause(t *testing.T) { storetest.Each(t, testSubscriberPause) }

func testSubscriberPause(t *testing.T, s *store.Store) {
	ctx := context.Background()
	sub := confirmedSubscriber(t, s, "pause@example.org", "leiden")
	before := tagged(t, s, "before", time.Now(), "leiden")
	if err := s.AddSubscriberDeliveries(ctx, before.ID, []string{"leiden"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetEmailSubscriberPaused(ctx, sub.ID, true, time.Now().Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.EmailSubscriber(ctx, sub.ID); got.PausedAt.IsZero() {
		t.Fatal("not paused")
	}
	during := tagged(t, s, "during", time.Now(), "leiden")
	if _, err := s.DB.ExecContext(ctx, `INSERT INTO deliveries (article_id, channel, recipient, created_at)
		VALUES ($1, 'email', $2, $3)`, during.ID, sub.Recipient(), store.Millis(time.Now().Add(2*time.Second))); err != nil {
		t.Fatal(err)
	}
	if err := s.SetEmailSubscriberPaused(ctx, sub.ID, false, time.Now()); err != nil {
		t.Fatal(err)
	}
	got, _ := s.EmailSubscriber(ctx, sub.ID)
	pending, err := s.PendingEmailArticles(ctx, sub.Recipient())
	if err != nil || !got.PausedAt.IsZero() || len(pending) != 1 || pending[0].ID != before.ID {
		t.Errorf("after resuming: paused %v, pending %v (%v), want [before]", got.PausedAt, titles(pending), err)
	}
}

// The preference link goes out at most once per ConfirmResendAfter; the
// same request asking again (a retried job) is answered the same.
func TestClaimPreferenceLink(t *testing.T) { storetest.Each(t, testClaimPreferenceLink) }

func testClaimPreferenceLink(t *testing.T, s *store.Store) {
	ctx := context.Background()
	sub := confirmedSubscriber(t, s, "link@example.org", "leiden")
	t0 := time.UnixMilli(time.Now().UnixMilli())
	for _, c := range []struct {
		at   time.Time
		want bool
	}{
		{t0, true},
		{t0, true}, // the same request, retried
		{t0.Add(time.Minute), false},
		{t0.Add(store.ConfirmResendAfter), true},
	} {
		if got, err := s.ClaimPreferenceLink(ctx, sub.ID, c.at); err != nil || got != c.want {
			t.Errorf("claim at +%v: %v (%v), want %v", c.at.Sub(t0), got, err, c.want)
		}
	}
}

// Hard bounces are counted; the max-th suppresses the address once; the
// console's list shows it; consent proof is kept and erased with the rest.
func TestEmailBounces(t *testing.T) { storetest.Each(t, testEmailBounces) }

func testEmailBounces(t *testing.T, s *store.Store) {
	ctx := context.Background()
	sub := confirmedSubscriber(t, s, "bounce@example.org", "leiden")
	confirmedSubscriber(t, s, "ok@example.org", "leiden")
	for i, want := range []bool{false, false, true, false} {
		if got, err := s.RecordEmailBounce(ctx, sub.ID, 3, time.Now()); err != nil || got != want {
			t.Errorf("bounce %d: suppressed %v (%v), want %v", i+1, got, err, want)
		}
	}
	list, err := s.SuppressedEmailSubscribers(ctx)
	if err != nil || len(list) != 1 || list[0].ID != sub.ID || list[0].Bounces != 4 || list[0].SuppressedAt.IsZero() {
		t.Fatalf("suppressed: %+v (%v)", list, err)
	}
	if n, err := s.CountSuppressedEmailSubscribers(ctx); err != nil || n != 1 {
		t.Errorf("count suppressed: %d (%v)", n, err)
	}
	if err := s.SetEmailConsentIP(ctx, sub.ID, "hash1"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetEmailConsentIP(ctx, sub.ID, "hash2"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.EmailSubscriber(ctx, sub.ID); got.ConsentIP != "hash1" {
		t.Errorf("consent proof %q, want the first one", got.ConsentIP)
	}
	if err := s.DeleteEmailSubscriber(ctx, sub.ID); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.DB.QueryRowContext(ctx, `SELECT COUNT(*) FROM email_subscribers WHERE consent_ip <> '' OR suppressed_at > 0`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d rows keep proof or suppression after erasing (%v)", n, err)
	}
}
