package digest_test

import (
	"testing"
	"time"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// A send job run again for a slot whose issue was already sent (a retried
// or doubled job) sends nothing: not even for an office that asked for
// empty digests (skip_empty: false), whose sent issue holds no rows left.
func TestSentIssueNotSentAgain(t *testing.T) {
	no := false
	e := newEnv(t, func(c *config.Config) { c.Email.Digests[0].SkipEmpty = &no })
	e.Start(false, 0)
	office, err := e.Service.DigestRecipient("dunkerque-office")
	if err != nil {
		t.Fatal(err)
	}
	e.Article("Dunkerque resend", time.Now().Add(-time.Hour), "duenkirchen")
	slot := time.Now().Add(time.Hour).Truncate(time.Hour)
	args := digest.SendArgs{Recipients: []string{office.Key}, Slot: slot.UnixMilli()}
	e.Run(args)
	e.waitIssue(office.Key, slot, func(iss store.DigestIssue) bool { return iss.Status == store.IssueSent })
	want := len(e.Mailpit.WaitMessages(len(office.To)))
	// The job's work again (River keeps one job per args: a retry runs
	// SendSlot again), then a barrier: a later slot's issue of the same
	// office (empty, sent because skip_empty is off) arrives after it.
	if err := e.Service.SendSlot(e.Ctx, args.Recipients, slot); err != nil {
		t.Fatal(err)
	}
	later := slot.Add(7 * 24 * time.Hour)
	e.Run(digest.SendArgs{Recipients: []string{office.Key}, Slot: later.UnixMilli()})
	msgs := e.Mailpit.WaitMessages(want + len(office.To))
	e.Drained()
	if n := len(e.Mailpit.Messages()); n != want+len(office.To) {
		t.Errorf("%d messages after the send job ran twice and a later slot once; want %d", n, want+len(office.To))
	}
	if len(msgs) == 0 {
		t.Fatal("no mail")
	}
}
