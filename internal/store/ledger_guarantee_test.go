package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

// A second fan-out of an article (a re-tag that added a partner, a repeated
// notify job) records rows for new chats only: a row already sent stays sent,
// so that nobody receives the article twice, and the call does not fail.
func TestRefanoutKeepsSentRows(t *testing.T) { storetest.Each(t, testRefanoutKeepsSentRows) }

func testRefanoutKeepsSentRows(t *testing.T, s *store.Store) {
	ctx := context.Background()
	a := store.Article{Source: "s", URL: "https://example.org/refan", Title: "Refan", PublishedAt: time.Now()}
	if _, err := s.UpsertArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	followChats(t, s, map[int64][]string{11: {"venlo", "leiden"}, 12: {"leiden"}, 13: {"venlo"}})
	if n, err := s.RecordTelegramFanout(ctx, a.ID, []string{"venlo"}); err != nil || n != 2 {
		t.Fatalf("first fan-out: %d rows (%v), want 11 and 13", n, err)
	}
	if n, err := s.RecordDeliveries(ctx, a.ID, "telegram", []string{"@venlo_news"}); err != nil || n != 1 {
		t.Fatalf("channel row: %d (%v)", n, err)
	}
	sendAll(t, s, a.ID)

	// The re-tag added leiden: only chat 12 is new.
	n, err := s.RecordTelegramFanout(ctx, a.ID, []string{"leiden"})
	if err != nil || n != 1 {
		t.Fatalf("re-tag fan-out: %d rows (%v), want 1 (chat 12)", n, err)
	}
	if n, err := s.RecordTelegramFanout(ctx, a.ID, []string{"venlo", "leiden"}); err != nil || n != 0 {
		t.Fatalf("a repeated fan-out recorded %d rows (%v), want 0", n, err)
	}
	if n, err := s.RecordDeliveries(ctx, a.ID, "telegram", []string{"@venlo_news"}); err != nil || n != 0 {
		t.Fatalf("the channel row recorded again: %d (%v), want 0", n, err)
	}
	ids, err := s.PendingDeliveryIDs(ctx, a.ID, "telegram")
	if err != nil {
		t.Fatal(err)
	}
	recipients, err := s.DeliveryRecipients(ctx, a.ID, "telegram", 0, 1<<62)
	if err != nil {
		t.Fatal(err)
	}
	pending, err := s.ClaimDeliveries(ctx, a.ID, "telegram", 0, 1<<62, 10, "r")
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 1 || len(pending) != 1 || pending[0].Recipient != "12" {
		t.Fatalf("pending after the re-tag: ids %v, rows %+v; want only chat 12", ids, pending)
	}
	counts, err := s.DeliveryCounts(ctx, a.ID, "telegram")
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(recipients)
	if counts["sent"] != 3 || !slices.Equal(recipients, []string{"11", "12", "13", "@venlo_news"}) {
		t.Fatalf("ledger %v of %v: the sent rows must stay sent, one row per recipient", counts, recipients)
	}
}

// followChats stores private chats following partners (chat → partners).
func followChats(t *testing.T, s *store.Store, follows map[int64][]string) {
	t.Helper()
	ctx := context.Background()
	for id, partners := range follows {
		if err := s.UpsertTelegramChat(ctx, store.TelegramChat{ID: id, Kind: "private", Language: "de"}); err != nil {
			t.Fatal(err)
		}
		for _, p := range partners {
			if _, err := s.FollowPartner(ctx, id, p); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// sendAll claims every pending Telegram row of an article and records it sent.
func sendAll(t *testing.T, s *store.Store, articleID int64) {
	t.Helper()
	ctx := context.Background()
	rows, err := s.ClaimDeliveries(ctx, articleID, "telegram", 0, 1<<62, 100, "r")
	if err != nil || len(rows) == 0 {
		t.Fatalf("claim: %+v %v", rows, err)
	}
	var out []store.DeliveryOutcome
	for _, r := range rows {
		out = append(out, store.DeliveryOutcome{ID: r.ID, Attempt: r.Attempts, Status: store.DeliverySent})
	}
	if err := s.FinishDeliveries(ctx, out); err != nil {
		t.Fatal(err)
	}
}

// A digest issue that is still being retried (its mail server is down) keeps
// the rows it was opened with: an issue of a later slot opened meanwhile takes
// only the rows that arrived since, so no article goes out twice or is lost.
// A digest row added again after it went out stays sent.
func TestLaterIssueLeavesPendingIssueRows(t *testing.T) {
	storetest.Each(t, testLaterIssueLeavesPendingIssueRows)
}

func testLaterIssueLeavesPendingIssueRows(t *testing.T, s *store.Store) {
	ctx := context.Background()
	now := time.Now()
	rcpt := store.DigestRecipient("office")
	first := tagged(t, s, "first", now.Add(-2*time.Hour), "leiden")
	if err := s.AddEmailDeliveries(ctx, first.ID, []string{rcpt}); err != nil {
		t.Fatal(err)
	}
	slot1 := time.Date(2026, 11, 23, 8, 0, 0, 0, time.UTC)
	iss1, err := s.OpenDigestIssue(ctx, rcpt, slot1)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DigestIssueAttemptFailed(ctx, iss1.ID, "451 try again later"); err != nil {
		t.Fatal(err)
	}

	second := tagged(t, s, "second", now.Add(-time.Hour), "leiden")
	if err := s.AddEmailDeliveries(ctx, second.ID, []string{rcpt}); err != nil {
		t.Fatal(err)
	}
	iss2, err := s.OpenDigestIssue(ctx, rcpt, slot1.Add(7*24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if iss2.ID == iss1.ID {
		t.Fatalf("the later slot reused issue %d", iss1.ID)
	}
	held, err := s.IssuesArticles(ctx, []int64{iss1.ID, iss2.ID})
	if err != nil {
		t.Fatal(err)
	}
	if got := titles(held[iss1.ID]); !slices.Equal(got, []string{"first"}) {
		t.Errorf("the retrying issue holds %v, want [first]", got)
	}
	if got := titles(held[iss2.ID]); !slices.Equal(got, []string{"second"}) {
		t.Errorf("the later issue holds %v, want [second]", got)
	}

	// The first issue goes out at last; adding its article again changes nothing.
	if err := s.FinishDigestIssues(ctx, []int64{iss1.ID}, store.IssueSent); err != nil {
		t.Fatal(err)
	}
	if err := s.AddEmailDeliveries(ctx, first.ID, []string{rcpt}); err != nil {
		t.Fatal(err)
	}
	counts, err := s.DeliveryCounts(ctx, first.ID, store.EmailChannel)
	if err != nil || counts["sent"] != 1 || len(counts) != 1 {
		t.Fatalf("ledger of the sent article %v (%v), want one sent row", counts, err)
	}
	pending, err := s.PendingEmailArticles(ctx, rcpt)
	if err != nil {
		t.Fatal(err)
	}
	if len(pending) != 0 {
		t.Errorf("waiting for a third issue: %v, want nothing", titles(pending))
	}
	iss3, err := s.OpenDigestIssue(ctx, rcpt, slot1.Add(14*24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	third, err := s.IssueArticles(ctx, iss3.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(third) != 0 {
		t.Errorf("a third issue holds %v, want nothing", titles(third))
	}
}
