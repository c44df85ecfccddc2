package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

// The digest state around the issues: pausing an address of a configured
// digest (twice is once) and resuming it; subscriber rows for articles with
// several partners, whichever of them the subscriber follows; an issue is
// done once it left pending; opening issues for nobody opens none.
func TestDigestState(t *testing.T) { storetest.Each(t, testDigestState) }

func testDigestState(t *testing.T, s *store.Store) {
	ctx := context.Background()
	for range 2 {
		if err := s.SetDigestPaused(ctx, "office", "a@example.org", true); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetDigestPaused(ctx, "office", "b@example.org", true); err != nil {
		t.Fatal(err)
	}
	if err := s.SetDigestPaused(ctx, "office", "b@example.org", false); err != nil {
		t.Fatal(err)
	}
	paused, err := s.DigestPaused(ctx, "office")
	if err != nil || len(paused) != 1 || !paused["a@example.org"] {
		t.Fatalf("paused %v (%v), want only a@example.org", paused, err)
	}
	if other, err := s.DigestPaused(ctx, "other"); err != nil || len(other) != 0 {
		t.Fatalf("another digest paused %v (%v)", other, err)
	}

	sub, _, err := s.RequestEmailSubscription(ctx, store.EmailSubscriber{Email: "v@example.org",
		Schedule: "daily", Partners: []string{"venlo"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.ConfirmEmailSubscriber(ctx, sub.ID, "yes"); err != nil {
		t.Fatal(err)
	}
	a := tagged(t, s, "three partners", time.Now(), "leiden", "kayseri", "venlo")
	if err := s.AddSubscriberDeliveries(ctx, a.ID, []string{"leiden", "kayseri", "venlo"}); err != nil {
		t.Fatal(err)
	}
	got, err := s.PendingEmailArticles(ctx, sub.Recipient())
	if err != nil || !slices.Equal(titles(got), []string{"three partners"}) {
		t.Fatalf("pending for a venlo subscriber: %v (%v)", titles(got), err)
	}

	none, err := s.OpenDigestIssues(ctx, nil, time.Now())
	if err != nil || len(none) != 0 {
		t.Fatalf("issues for nobody: %v (%v)", none, err)
	}
	// Two recipients' issues opened together each hold their own rows.
	x := tagged(t, s, "for x", time.Now(), "venlo")
	y := tagged(t, s, "for y", time.Now(), "venlo")
	if err := s.AddEmailDeliveries(ctx, x.ID, []string{"digest:x"}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddEmailDeliveries(ctx, y.ID, []string{"digest:y"}); err != nil {
		t.Fatal(err)
	}
	pair, err := s.OpenDigestIssues(ctx, []string{"digest:x", "digest:y"}, time.Now().Add(3*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	held, err := s.IssuesArticles(ctx, []int64{pair["digest:x"].ID, pair["digest:y"].ID})
	if err != nil || !slices.Equal(titles(held[pair["digest:x"].ID]), []string{"for x"}) ||
		!slices.Equal(titles(held[pair["digest:y"].ID]), []string{"for y"}) {
		t.Fatalf("issues opened together hold %v and %v (%v)", titles(held[pair["digest:x"].ID]),
			titles(held[pair["digest:y"].ID]), err)
	}

	// More recipients than one statement takes: every one gets its issue.
	var many []string
	for i := range 501 {
		many = append(many, fmt.Sprintf("digest:d%d", i))
	}
	opened, err := s.OpenDigestIssues(ctx, many, time.Now().Add(2*time.Hour))
	if err != nil || len(opened) != len(many) || opened["digest:d500"].ID == 0 {
		t.Fatalf("opened %d issues (%v), want %d", len(opened), err, len(many))
	}
	iss, err := s.OpenDigestIssue(ctx, sub.Recipient(), time.Now().Add(time.Hour))
	if err != nil || iss.Done() {
		t.Fatalf("a new issue: %+v (%v), want pending, not done", iss, err)
	}
	// Results per address: the first recorded stays; nothing to record is fine.
	if err := s.RecordDigestSends(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordDigestSends(ctx, []store.DigestSend{{IssueID: iss.ID, Address: "v@example.org", Status: "sent",
		MessageID: "m1@x"}, {IssueID: iss.ID, Address: "w@example.org", Status: "failed", Error: "550"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordDigestSends(ctx, []store.DigestSend{{IssueID: iss.ID, Address: "v@example.org", Status: "failed"}}); err != nil {
		t.Fatal(err)
	}
	sends, err := s.DigestSends(ctx, []int64{iss.ID, iss.ID + 1000})
	if err != nil || len(sends) != 1 || sends[iss.ID]["v@example.org"] != "sent" || sends[iss.ID]["w@example.org"] != "failed" {
		t.Fatalf("digest sends %v (%v)", sends, err)
	}
	if none, err := s.DigestSends(ctx, nil); err != nil || len(none) != 0 {
		t.Fatalf("sends of no issue: %v (%v)", none, err)
	}
	if err := s.FinishDigestIssues(ctx, []int64{iss.ID}, store.IssueEmpty); err != nil {
		t.Fatal(err)
	}
	list, err := s.DigestIssues(ctx, sub.Recipient())
	if err != nil || len(list) != 1 || !list[0].Done() || list[0].Status != store.IssueEmpty {
		t.Fatalf("the finished issue: %+v (%v), want done and empty", list, err)
	}
}
