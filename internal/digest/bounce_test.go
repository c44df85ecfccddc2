package digest_test

import (
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// A 550 for the recipient (mailpit's chaos API on RCPT TO) is a hard bounce
// counted on the subscriber; the max_bounces-th suppresses the address, which
// then gets no more mail even when the server accepts it again. A 451 is a
// delay, never a bounce.
func TestHardBouncesSuppressAddress(t *testing.T) {
	e := newEnv(t, func(c *config.Config) { c.Email.MaxBounces = 2 })
	e.Start(false, 50*time.Millisecond)
	sub := e.subscriber("gone@example.org", "en", "daily", "venlo")
	other := e.subscriber("fine@example.org", "en", "daily", "venlo")
	slot := time.Now().Add(time.Hour).Truncate(time.Hour)
	bounces := counter(t)

	// A 451 first: delayed and retried, not counted.
	e.Article("Venlo zero", time.Now().Add(-time.Hour), "venlo")
	e.Mailpit.Chaos(451)
	e.Insert(digest.SendArgs{Recipients: []string{sub.Recipient()}, Slot: slot.UnixMilli()})
	e.waitIssue(sub.Recipient(), slot, func(i store.DigestIssue) bool { return i.Attempts >= 2 })
	if s, _ := e.Store.EmailSubscriber(e.Ctx, sub.ID); s.Bounces != 0 {
		t.Fatalf("a 451 counted as a bounce: %d", s.Bounces)
	}
	e.Mailpit.Chaos(550)
	e.waitIssue(sub.Recipient(), slot, func(i store.DigestIssue) bool { return i.Done() })

	for i := 1; i <= 2; i++ {
		got, err := e.Store.EmailSubscriber(e.Ctx, sub.ID)
		if err != nil || got.Bounces != i {
			t.Fatalf("after bounce %d: %d bounces (%v)", i, got.Bounces, err)
		}
		if suppressed := !got.SuppressedAt.IsZero(); suppressed != (i == 2) {
			t.Fatalf("after bounce %d of 2: suppressed %v", i, suppressed)
		}
		if i == 2 {
			break
		}
		slot = slot.Add(24 * time.Hour)
		e.Article("Venlo "+strings.Repeat("i", i), time.Now().Add(-time.Hour), "venlo")
		e.Run(digest.SendArgs{Recipients: []string{sub.Recipient()}, Slot: slot.UnixMilli()})
	}
	if d := counter(t) - bounces; d != 2 {
		t.Errorf("partnerfeed_email_bounces_total grew by %v, want 2", d)
	}
	list, err := e.Store.SuppressedEmailSubscribers(e.Ctx)
	if err != nil || len(list) != 1 || list[0].Email != "gone@example.org" {
		t.Fatalf("suppressed list: %+v %v", list, err)
	}

	// The server accepts mail again: the other subscriber gets its digest,
	// the suppressed address nothing.
	e.Mailpit.Chaos(0)
	e.Article("Venlo after", time.Now().Add(-time.Hour), "venlo")
	e.Run(digest.PlanArgs{Schedule: "daily", Slot: slot.Add(24 * time.Hour).UnixMilli()})
	e.Mailpit.WaitMessages(1)
	e.Drained()
	for _, m := range e.Mailpit.Messages() {
		if m.To[0].Address != other.Email {
			t.Errorf("mail to %s after suppression", m.To[0].Address)
		}
	}
}

// counter reads partnerfeed_email_bounces_total.
func counter(t *testing.T) float64 {
	var m dto.Metric
	if err := digest.BouncesTotal().Write(&m); err != nil {
		t.Fatal(err)
	}
	return m.GetCounter().GetValue()
}
