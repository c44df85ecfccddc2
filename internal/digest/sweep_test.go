package digest_test

import (
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/partnerfeed/partnerfeed/internal/digest"
	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// A send job River gave up on (every attempt met an SMTP outage) leaves its
// issue pending, with rows no later issue takes; the sweep sends it once.
func TestSweepSendsIssueRiverGaveUpOn(t *testing.T) {
	e := newEnv(t, nil)
	e.Start(false, 50*time.Millisecond)
	sub := e.subscriber("patient@example.org", "de", "weekly", "leiden")
	a := e.Article("Leiden swept", time.Now().Add(-2*time.Hour), "leiden")
	slot := time.Now().Add(time.Hour).Truncate(time.Hour)
	key := sub.Recipient()

	e.Mailpit.Chaos(451)
	res, err := e.Client.Insert(e.Ctx, digest.SendArgs{Recipients: []string{key}, Slot: slot.UnixMilli()},
		&river.InsertOpts{MaxAttempts: 2})
	if err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(20 * time.Millisecond) { // polls until the deadline
		if j, err := e.Client.JobGet(e.Ctx, res.Job.ID); err == nil && j.State == rivertype.JobStateDiscarded {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the send job was not discarded")
		}
	}
	e.waitIssue(key, slot, func(i store.DigestIssue) bool { return i.Status == store.IssuePending && i.Attempts == 2 })
	e.Mailpit.Chaos(0)

	// A live job for the issue: nothing to re-queue.
	live, err := e.Client.Insert(e.Ctx, digest.SendArgs{Recipients: []string{key}, Slot: slot.UnixMilli()},
		&river.InsertOpts{ScheduledAt: time.Now().Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := e.Service.Sweep(e.Ctx, e.Client, nil); err != nil || n != 0 {
		t.Fatalf("sweep with a live job re-queued %d issues (%v)", n, err)
	}
	if _, err := e.Client.JobCancel(e.Ctx, live.Job.ID); err != nil {
		t.Fatal(err)
	}

	if n, err := e.Service.Sweep(e.Ctx, e.Client, nil); err != nil || n != 1 {
		t.Fatalf("sweep re-queued %d issues (%v), want 1", n, err)
	}
	msgs := e.Mailpit.WaitMessages(1)
	if m := e.Mailpit.Message(msgs[0].ID); !strings.Contains(m.Text, a.Title) {
		t.Errorf("swept issue:\n%s", m.Text)
	}
	e.waitIssue(key, slot, func(i store.DigestIssue) bool { return i.Status == store.IssueSent })
	if n, err := e.Service.Sweep(e.Ctx, e.Client, nil); err != nil || n != 0 {
		t.Fatalf("a second sweep re-queued %d issues (%v)", n, err)
	}
	if n := len(e.Mailpit.Messages()); n != 1 {
		t.Errorf("%d messages, want 1", n)
	}
	var rows map[string]int
	if rows, err = e.Store.DeliveryCounts(e.Ctx, a.ID, store.EmailChannel); err != nil || rows["sent"] != 1 || rows["pending"] != 0 {
		t.Fatalf("ledger %v %v", rows, err)
	}
}

// Register makes the sweep periodic; River runs it at start too.
func TestSweepRegistered(t *testing.T) {
	e := newEnv(t, nil)
	e.Start(true, 0)
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(20 * time.Millisecond) { // polls until the deadline
		res, err := e.Client.JobList(e.Ctx, river.NewJobListParams().Kinds(jobs.SweepArgs{}.Kind()).
			States(rivertype.JobStateCompleted))
		for _, j := range res.Jobs {
			if strings.Contains(string(j.EncodedArgs), `"digest"`) { // PostgreSQL adds spaces
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no sweep ran at start (%v)", err)
		}
	}
}
