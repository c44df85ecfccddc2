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
	deadline := time.Now().Add(60 * time.Second)
	for {
		res, err := h.river.JobList(h.ctx, river.NewJobListParams().Kinds(telegram.SendArgs{}.Kind()).First(100))
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Jobs) == 1 && len(res.Jobs[0].Errors) > 0 {
			break // failed, River retries it
		}
		if len(res.Jobs) == 1 && res.Jobs[0].State == rivertype.JobStateCompleted {
			t.Fatalf("the send job completed without an error, its message left for later")
		}
		if time.Now().After(deadline) {
			t.Fatal("the send job neither failed nor completed")
		}
		time.Sleep(20 * time.Millisecond) // polling interval, not a wait for an outcome
	}
	if counts := h.settled(a, 1); counts["sent"] != 1 {
		t.Fatalf("ledger %v", counts)
	}
}
