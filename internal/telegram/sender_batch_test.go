package telegram_test

import (
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/partnerfeed/partnerfeed/config"
	"github.com/partnerfeed/partnerfeed/internal/telegram"
)

// A send job claims rows until none is left in its batch, however few it may
// have in flight at once: with one message at a time, all three chats get
// the article in the job's first attempt.
func TestSendBatchClaimsEveryRow(t *testing.T) {
	h := newHarness(t, fastLimits, func(tg *config.Telegram) { tg.SendConcurrency = 1 })
	for _, chat := range []int64{701, 702, 703} {
		h.say(chat, "/follow leiden")
	}
	a := h.publish("Leiden für alle drei", "leiden")
	h.drained() // fails on a failed attempt
	counts, err := h.store.DeliveryCounts(h.ctx, a.ID, telegram.Channel)
	if err != nil || counts["sent"] != 3 || len(counts) != 1 {
		t.Fatalf("ledger after the job: %v (%v), want 3 sent", counts, err)
	}
}

// A message kept for later (Telegram refused the token: 401) fails its send
// job, so that River retries it soon rather than the sweep a minute later.
func TestLaterMessageFailsTheJob(t *testing.T) {
	h := newHarness(t, fastLimits, nil)
	h.say(711, "/follow leiden")
	h.fake.FailSends(1, 401)
	a := h.publish("Leiden später", "leiden")
	h.sendJobFails("its message left for later")
	if counts := h.settled(a, 1); counts["sent"] != 1 {
		t.Fatalf("ledger %v", counts)
	}
}

// sendJobFails waits until a send job of the test's article has failed an
// attempt (River retries it), and fails the test when the send jobs
// complete without an error instead (why says what that leaves behind).
// The sweep may have added a second job for the same rows while the first
// was between attempts; a row is still claimed (and sent) once.
func (h *harness) sendJobFails(why string) {
	h.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		res, err := h.river.JobList(h.ctx, river.NewJobListParams().Kinds(telegram.SendArgs{}.Kind()).First(100))
		if err != nil {
			h.t.Fatal(err)
		}
		completed := 0
		for _, j := range res.Jobs {
			if len(j.Errors) > 0 {
				return // failed, River retries it
			}
			if j.State == rivertype.JobStateCompleted {
				completed++
			}
		}
		if completed > 0 && completed == len(res.Jobs) {
			h.t.Fatalf("the send job completed without an error, %s", why)
		}
		if time.Now().After(deadline) {
			h.t.Fatal("the send job neither failed nor completed")
		}
		time.Sleep(20 * time.Millisecond) // polling interval, not a wait for an outcome
	}
}
