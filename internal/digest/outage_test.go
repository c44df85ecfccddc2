package digest_test

import (
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/testutil"
)

// An SMTP outage during a slot (451 answers, then mailpit stopped) delays the
// digest: it arrives once after recovery with the articles it held at its slot;
// what arrived meanwhile waits for the next slot. Nothing is lost or doubled.
func TestOutageDelaysDigestOnce(t *testing.T) {
	e := newEnv(t, nil)
	logs := &testutil.SyncBuffer{}
	e.Service.Log = slog.New(slog.NewTextHandler(logs, nil))
	e.Start(false, 200*time.Millisecond)
	sub := e.subscriber("citizen@example.org", "de", "weekly", "leiden")
	sent0 := emailDeliveries(t, "sent")
	now := time.Now()
	first := e.Article("Leiden first", now.Add(-2*time.Hour), "leiden")
	slot := time.Now().Add(time.Hour).Truncate(time.Hour) // a slot after the confirmation
	key := sub.Recipient()

	// 451 through mailpit's chaos API.
	e.Mailpit.Chaos(451)
	e.Insert(digest.PlanArgs{Schedule: "weekly", Slot: slot.UnixMilli()})
	e.waitIssue(key, slot, func(i store.DigestIssue) bool { return i.Attempts >= 2 && strings.Contains(i.LastError, "451") })
	const delayed = `level=ERROR msg="Digest delayed: the SMTP server failed; retrying later" issues=1`
	if !strings.Contains(logs.String(), delayed) || !strings.Contains(logs.String(), "451") {
		t.Errorf("no ERROR line for the delayed digest:\n%s", logs.String())
	}
	late := e.Article("Leiden late", now.Add(-time.Hour), "leiden") // arrives during the outage
	e.Mailpit.Chaos(0)
	msgs := e.Mailpit.WaitMessages(1)
	m := e.Mailpit.Message(msgs[0].ID)
	if !strings.Contains(m.Text, first.Title) || strings.Contains(m.Text, late.Title) ||
		!strings.HasPrefix(m.Subject, "Krefeld – Leiden: 1 Neuigkeit (KW ") {
		t.Errorf("delayed issue changed content: %q\n%s", m.Subject, m.Text)
	}
	e.waitIssue(key, slot, func(i store.DigestIssue) bool { return i.Status == store.IssueSent })

	// mailpit stopped: connection refused.
	e.Mailpit.Stop()
	slot2 := slot.Add(7 * 24 * time.Hour)
	e.Insert(digest.SendArgs{Recipients: []string{key}, Slot: slot2.UnixMilli()})
	e.waitIssue(key, slot2, func(i store.DigestIssue) bool { return i.Attempts >= 2 })
	if n := strings.Count(logs.String(), delayed); n < 4 {
		t.Errorf("%d ERROR lines for 4 delayed attempts:\n%s", n, logs.String())
	}
	e.Mailpit.Restart() // empty again
	msgs = e.Mailpit.WaitMessages(1)
	m = e.Mailpit.Message(msgs[0].ID)
	if !strings.Contains(m.Text, late.Title) || strings.Contains(m.Text, first.Title) {
		t.Errorf("second issue after outage:\n%s", m.Text)
	}
	e.waitIssue(key, slot2, func(i store.DigestIssue) bool { return i.Status == store.IssueSent })
	e.Drained() // a duplicate would come from a job; none is left
	if n := len(e.Mailpit.Messages()); n != 1 {
		t.Errorf("%d messages after recovery, want 1", n)
	}
	// Two mails went out, one per issue; the failed attempts are no outcome.
	if d := emailDeliveries(t, "sent") - sent0; d != 2 {
		t.Errorf("partnerfeed_deliveries_total{channel=email,result=sent} grew by %v, want 2", d)
	}
}

// emailDeliveries is partnerfeed_deliveries_total{channel="email"} of the
// result, as /metrics serves it.
func emailDeliveries(t *testing.T, result string) float64 {
	t.Helper()
	v, ok := testutil.Scrape(t, promhttp.Handler()).Value("partnerfeed_deliveries_total", "channel", "email", "result", result)
	if !ok {
		t.Fatalf("/metrics has no partnerfeed_deliveries_total{channel=email,result=%s}", result)
	}
	return v
}

// A permanent failure (5xx) is recorded on the issue, not retried.
func TestPermanentFailureRecorded(t *testing.T) {
	e := newEnv(t, nil)
	e.Start(false, 100*time.Millisecond)
	sub := e.subscriber("rejected@example.org", "en", "daily", "venlo")
	e.Article("Venlo news", time.Now().Add(-time.Hour), "venlo")
	e.Mailpit.Chaos(550)
	slot := time.Now().Add(time.Hour).Truncate(time.Hour)
	e.Run(digest.SendArgs{Recipients: []string{sub.Recipient()}, Slot: slot.UnixMilli()})
	iss := e.waitIssue(sub.Recipient(), slot, func(i store.DigestIssue) bool { return i.Done() })
	if iss.Status != store.IssueFailed {
		t.Errorf("issue status %q, want failed", iss.Status)
	}
	sends, err := e.Store.DigestSends(e.Ctx, []int64{iss.ID})
	if err != nil {
		t.Fatal(err)
	}
	if sends[iss.ID]["rejected@example.org"] != "failed" {
		t.Errorf("send not recorded as failed: %v", sends)
	}
}

// A slot planned twice (a retried or doubled plan job) still sends each issue once.
func TestDuplicatePlanSendsOnce(t *testing.T) {
	e := newEnv(t, nil)
	e.Start(false, 100*time.Millisecond)
	for _, addr := range []string{"a@example.org", "b@example.org", "c@example.org"} {
		e.subscriber(addr, "en", "daily", "venlo")
	}
	e.Article("Venlo news", time.Now().Add(-time.Hour), "venlo")
	slot := time.Now().Add(time.Hour).Truncate(time.Hour)
	e.Insert(digest.PlanArgs{Schedule: "daily", Slot: slot.UnixMilli()})
	e.Insert(digest.PlanArgs{Schedule: "daily", Slot: slot.UnixMilli()})
	e.Run(digest.PlanArgs{Schedule: "daily", Slot: slot.UnixMilli()})
	e.Mailpit.WaitMessages(3)
	e.Drained()
	if n := len(e.Mailpit.Messages()); n != 3 {
		t.Errorf("%d messages for 3 subscribers", n)
	}
}

// A slot from before a recipient was confirmed (a catch-up at start) is not
// its slot: its first digest comes at the next one.
func TestSlotBeforeRecipientIsNotItsSlot(t *testing.T) {
	e := newEnv(t, nil)
	e.Start(false, 0)
	sub := e.subscriber("late@example.org", "en", "daily", "venlo")
	e.Article("Venlo news", time.Now().Add(-2*time.Hour), "venlo")
	e.Run(digest.SendArgs{Recipients: []string{sub.Recipient()}, Slot: time.Now().Add(-time.Hour).UnixMilli()})
	if list, err := e.Store.DigestIssues(e.Ctx, sub.Recipient()); err != nil || len(list) != 0 || len(e.Mailpit.Messages()) != 0 {
		t.Fatalf("an earlier slot opened %d issues (%v)", len(list), err)
	}
	e.Run(digest.SendArgs{Recipients: []string{sub.Recipient()}, Slot: time.Now().Add(time.Hour).UnixMilli()})
	e.Mailpit.WaitMessages(1)
}
