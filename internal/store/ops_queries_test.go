package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

// A source's history keeps its latest passes with their figures, newest
// first; a source whose last pass failed is listed as failing with its error.
func TestSourceRuns(t *testing.T) { storetest.Each(t, testSourceRuns) }

func testSourceRuns(t *testing.T, s *store.Store) {
	ctx := context.Background()
	start := time.UnixMilli(1_700_000_000_000)
	for i := range store.SourceRunsKept + 3 {
		at := start.Add(time.Duration(i) * time.Hour)
		r := store.SourceRun{Source: "krefeld", StartedAt: at, FinishedAt: at.Add(time.Minute), Pages: int64(i),
			NotModified: 1, Found: 10, New: 2, Updated: 1, Failed: 3, Failures: "https://x/1: 404"}
		if err := s.RecordSourcePass(ctx, r); err != nil {
			t.Fatal(err)
		}
		if err := s.RecordSourceRun(ctx, "krefeld", at, true); err != nil {
			t.Fatal(err)
		}
	}
	bad := start.Add(100 * time.Hour)
	s.RecordSourcePass(ctx, store.SourceRun{Source: "muster", StartedAt: bad, FinishedAt: bad, Error: "fetch: 503"})
	s.RecordSourceRun(ctx, "muster", bad, false)

	runs, err := s.SourceRuns(ctx, "krefeld", 100)
	if err != nil || len(runs) != store.SourceRunsKept {
		t.Fatalf("kept %d passes (%v), want %d", len(runs), err, store.SourceRunsKept)
	}
	last := runs[0]
	if last.Pages != int64(store.SourceRunsKept+2) || !last.OK() || last.Found != 10 || last.NotModified != 1 ||
		last.Failed != 3 || last.Failures != "https://x/1: 404" || !last.FinishedAt.Equal(last.StartedAt.Add(time.Minute)) {
		t.Errorf("newest pass: %+v", last)
	}
	if runs[len(runs)-1].Pages != 3 {
		t.Errorf("oldest kept pass has pages %d, want 3 (the first 3 dropped)", runs[len(runs)-1].Pages)
	}
	if r, _ := s.SourceRuns(ctx, "krefeld", 2); len(r) != 2 || r[0].Pages != last.Pages {
		t.Errorf("limit 2: %+v", r)
	}
	failing, err := s.FailingSources(ctx)
	if err != nil || len(failing) != 1 || failing[0].Source != "muster" || failing[0].Error != "fetch: 503" ||
		!failing[0].LastSuccessAt.IsZero() || !failing[0].LastRunAt.Equal(bad) {
		t.Fatalf("failing sources: %+v %v", failing, err)
	}
	s.RecordSourceRun(ctx, "muster", bad.Add(time.Hour), true)
	if failing, _ := s.FailingSources(ctx); len(failing) != 0 {
		t.Errorf("a source read again is still failing: %+v", failing)
	}
}

// Counts per partner, channel and state; lookup by exact value only; a
// deletion leaves nothing of the subscriber.
func TestSubscriberCountsAndLookup(t *testing.T) { storetest.Each(t, testSubscriberCountsAndLookup) }

func testSubscriberCountsAndLookup(t *testing.T, s *store.Store) {
	ctx := context.Background()
	p, _, _ := s.RequestEmailSubscription(ctx, store.EmailSubscriber{Email: "Pending@Example.org", Schedule: "daily", Partners: []string{"leiden"}})
	c, _, _ := s.RequestEmailSubscription(ctx, store.EmailSubscriber{Email: "c@example.org", Schedule: "daily", Partners: []string{"leiden", "venlo"}})
	if _, _, err := s.ConfirmEmailSubscriber(ctx, c.ID, "yes"); err != nil {
		t.Fatal(err)
	}
	b, _, _ := s.RequestEmailSubscription(ctx, store.EmailSubscriber{Email: "b@example.org", Schedule: "daily", Partners: []string{"leiden"}})
	if _, _, err := s.ConfirmEmailSubscriber(ctx, b.ID, "yes"); err != nil {
		t.Fatal(err)
	}
	if suppressed, err := s.RecordEmailBounce(ctx, b.ID, 1, time.Now()); err != nil || !suppressed {
		t.Fatalf("bounce: suppressed %v, %v", suppressed, err)
	}
	for _, f := range []string{"https://a.example/users/x", "https://b.example/users/y"} {
		if _, err := s.AddFediFollower(ctx, "venlo", f, "https://a.example/inbox", time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range []int64{-1001, 42} {
		s.UpsertTelegramChat(ctx, store.TelegramChat{ID: id, Kind: "private"})
		s.FollowPartner(ctx, id, "venlo")
	}
	s.DeactivateTelegramChat(ctx, 42, "blocked")
	counts, err := s.SubscriberCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int64{}
	for _, sc := range counts {
		got[fmt.Sprintf("%s/%s/%s", sc.Channel, sc.Partner, sc.State)] = sc.N
	}
	want := map[string]int64{"email/leiden/pending": 1, "email/leiden/confirmed": 1, "email/venlo/confirmed": 1,
		"email/leiden/suppressed": 1, "fediverse/venlo/following": 2, "telegram/venlo/active": 1, "telegram/venlo/blocked": 1}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("counts %v, want %v", got, want)
	}

	for _, miss := range []string{"pending@example", "example.org", "c@", "4", "-100", ""} {
		if _, err := s.LookupSubscriber(ctx, miss); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("lookup %q: %v, want not found (exact values only)", miss, err)
		}
	}
	f, err := s.LookupSubscriber(ctx, " pending@example.org ")
	if err != nil || f.Email == nil || f.Email.ID != p.ID || f.Chat != nil {
		t.Fatalf("lookup of an address: %+v %v", f, err)
	}
	f, err = s.LookupSubscriber(ctx, "-1001")
	if err != nil || f.Chat == nil || f.Chat.ID != -1001 || fmt.Sprint(f.Follows) != "[venlo]" {
		t.Fatalf("lookup of a chat: %+v %v", f, err)
	}
	a := tagged(t, s, "https://x/a", time.Now(), "venlo")
	s.RecordDeliveries(ctx, a.ID, "telegram", []string{"-1001"})
	s.AddSubscriberDeliveries(ctx, a.ID, []string{"venlo"})
	if d, err := s.DeleteSubscriber(ctx, "-1001"); err != nil || d.Chat == nil {
		t.Fatalf("delete chat: %+v %v", d, err)
	}
	if d, err := s.DeleteSubscriber(ctx, "C@example.org"); err != nil || d.Email == nil || d.Email.ID != c.ID {
		t.Fatalf("delete address: %+v %v", d, err)
	}
	for _, v := range []string{"-1001", "c@example.org"} {
		if _, err := s.LookupSubscriber(ctx, v); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s still found after deletion: %v", v, err)
		}
	}
	counts2, _ := s.ArticleDeliveryCounts(ctx, a.ID)
	if counts2["telegram"]["skipped"] != 1 || counts2["telegram"]["pending"] != 0 || len(counts2["email"]) != 0 {
		t.Errorf("deliveries after deleting both: %v", counts2)
	}
}

// Per article: its ledger rows per channel and status, and the digest
// issues holding it; per schedule, its latest slots; the delayed issues.
func TestDeliveryAndDigestReports(t *testing.T) { storetest.Each(t, testDeliveryAndDigestReports) }

func testDeliveryAndDigestReports(t *testing.T, s *store.Store) {
	ctx := context.Background()
	a := tagged(t, s, "https://x/a", time.Now(), "venlo")
	s.RecordDeliveries(ctx, a.ID, "telegram", []string{"1", "2", "3"})
	rows, err := s.ClaimDeliveries(ctx, a.ID, "telegram", 0, 1<<62, 2, "test")
	if err != nil || len(rows) != 2 {
		t.Fatal(rows, err)
	}
	s.FinishDeliveries(ctx, []store.DeliveryOutcome{{ID: rows[0].ID, Attempt: rows[0].Attempts, Status: store.DeliverySent},
		{ID: rows[1].ID, Attempt: rows[1].Attempts, Status: store.DeliveryFailed, Error: "403"}})
	var subs []store.EmailSubscriber
	for _, addr := range []string{"a@example.org", "b@example.org"} {
		sub, _, _ := s.RequestEmailSubscription(ctx, store.EmailSubscriber{Email: addr, Schedule: "weekly", Partners: []string{"venlo"}})
		s.ConfirmEmailSubscriber(ctx, sub.ID, "yes")
		subs = append(subs, sub)
	}
	s.AddSubscriberDeliveries(ctx, a.ID, []string{"venlo"})
	slot := time.UnixMilli(1_700_000_000_000)
	issues, err := s.OpenDigestIssues(ctx, []string{subs[0].Recipient(), subs[1].Recipient()}, slot)
	if err != nil {
		t.Fatal(err)
	}
	s.FinishDigestIssues(ctx, []int64{issues[subs[0].Recipient()].ID}, store.IssueSent)
	s.DigestIssueAttemptFailed(ctx, issues[subs[1].Recipient()].ID, "451 try later")

	counts, err := s.ArticleDeliveryCounts(ctx, a.ID)
	if err != nil || fmt.Sprint(counts) != "map[email:map[pending:1 sent:1] telegram:map[failed:1 pending:1 sent:1]]" {
		t.Errorf("article deliveries %v (%v)", counts, err)
	}
	if c, err := s.ArticleDigestIssueCounts(ctx, a.ID); err != nil || fmt.Sprint(c) != "map[pending:1 sent:1]" {
		t.Errorf("article digest issues %v (%v)", c, err)
	}
	slots, err := s.LatestScheduleSlots(ctx, "weekly", 5)
	if err != nil || len(slots) != 1 || !slots[0].Slot.Equal(slot) || fmt.Sprint(slots[0].ByStatus) != "map[pending:1 sent:1]" {
		t.Errorf("weekly slots %+v (%v)", slots, err)
	}
	if slots, _ := s.LatestScheduleSlots(ctx, "daily", 5); len(slots) != 0 {
		t.Errorf("daily slots %+v", slots)
	}
	d, err := s.DelayedDigests(ctx)
	if err != nil || d.Issues != 1 || !d.OldestSlot.Equal(slot) || d.LastError != "451 try later" {
		t.Errorf("delayed %+v (%v)", d, err)
	}
	office := store.DigestRecipient("office")
	for i := range 3 {
		s.OpenDigestIssue(ctx, office, slot.Add(time.Duration(i)*24*time.Hour))
	}
	latest, err := s.LatestDigestIssues(ctx, office, 2)
	if err != nil || len(latest) != 2 || !latest[0].Slot.Equal(slot.Add(48*time.Hour)) {
		t.Errorf("latest office issues %+v (%v)", latest, err)
	}
}

// The 429s of the last hour are summed up; those older than a day are forgotten.
func TestTelegramRateLimits(t *testing.T) { storetest.Each(t, testTelegramRateLimits) }

func testTelegramRateLimits(t *testing.T, s *store.Store) {
	ctx := context.Background()
	now := time.Now()
	s.RecordTelegramRateLimit(ctx, now.Add(-2*time.Hour), 30*time.Second)
	s.RecordTelegramRateLimit(ctx, now.Add(-10*time.Minute), 3*time.Second)
	s.RecordTelegramRateLimit(ctx, now.Add(-time.Minute), 5*time.Second)
	r, err := s.TelegramRateLimitsSince(ctx, now.Add(-time.Hour))
	if err != nil || r.Count != 2 || r.MaxRetryAfter != 5*time.Second || r.Last.UnixMilli() != now.Add(-time.Minute).UnixMilli() {
		t.Errorf("last hour: %+v (%v)", r, err)
	}
	if err := s.RecordTelegramRateLimit(ctx, now.Add(25*time.Hour), 0); err != nil {
		t.Fatal(err)
	}
	if r, _ := s.TelegramRateLimitsSince(ctx, time.Time{}); r.Count != 1 {
		t.Errorf("%d rate limits kept after a day, want 1", r.Count)
	}
	if r, _ := s.TelegramRateLimitsSince(ctx, now.Add(26*time.Hour)); r.Count != 0 || !r.Last.IsZero() {
		t.Errorf("none since: %+v", r)
	}
}
