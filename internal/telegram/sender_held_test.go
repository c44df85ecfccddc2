package telegram_test

import (
	"testing"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/telegram"
)

// The commit counts every outcome it stores together with others: five
// messages kept for later (a 401 each) fail the send job, five sent ones
// complete it without an error. The test holds the rows (a write it has not
// committed) while the five outcomes arrive, so they queue and the commit
// takes them together once the test lets go.
func TestOutcomesStoredTogetherAllCount(t *testing.T) {
	chats := []int64{751, 752, 753, 754, 755}
	t.Run("later", func(t *testing.T) {
		h := newHarness(t, fastLimits, nil)
		a := h.heldOutcomes("Oder-Spree später", chats, 401, func() float64 {
			return labeledCounter(t, "partnerfeed_telegram_send_retries_total", "reason", "later")
		})
		h.sendJobFails("its messages left for later")
		if counts := h.settled(a, len(chats)); counts["sent"] != len(chats) {
			t.Fatalf("ledger %v", counts)
		}
	})
	t.Run("sent", func(t *testing.T) {
		h := newHarness(t, fastLimits, nil)
		a := h.heldOutcomes("Oder-Spree sofort", chats, 0, func() float64 {
			return counter(t, "partnerfeed_telegram_messages_sent_total")
		})
		h.sendJobsSucceed()
		if counts := h.settled(a, len(chats)); counts["sent"] != len(chats) {
			t.Fatalf("ledger %v", counts)
		}
	})
}

// heldOutcomes publishes an article to chats, lets every message hang at
// the fake until all are in flight, then holds the article's ledger rows
// (an uncommitted write) while the hanging requests end with a 500 and are
// retried: with failCode (0: none) each retry fails again, without it is
// sent. It lets go of the rows once outcomes (a counter) rose by one per
// chat, so the outcomes wait in the commit's queue together.
func (h *harness) heldOutcomes(title string, chats []int64, failCode int, outcomes func() float64) store.Article {
	h.t.Helper()
	for _, c := range chats {
		h.say(c, "/follow oder-spree")
	}
	h.fake.HangSends(len(chats))
	a := h.publish(title, "oder-spree")
	h.waitFor("every message in flight", func() bool { return h.fake.Hanging() == len(chats) })
	tx, err := h.store.DB.BeginTx(h.ctx, nil)
	if err != nil {
		h.t.Fatal(err)
	}
	defer func() { _ = tx.Rollback() }()
	if _, err := tx.ExecContext(h.ctx, `UPDATE deliveries SET last_error = last_error WHERE article_id = $1`, a.ID); err != nil {
		h.t.Fatal(err)
	}
	before := outcomes()
	if failCode != 0 {
		h.fake.FailSends(len(chats), failCode)
	}
	h.fake.ReleaseHangs()
	h.waitFor("every outcome", func() bool { return outcomes()-before >= float64(len(chats)) })
	if err := tx.Rollback(); err != nil {
		h.t.Fatal(err)
	}
	return a
}

// sendJobsSucceed waits until every send job completed and fails the test
// when one of them failed an attempt.
func (h *harness) sendJobsSucceed() {
	h.t.Helper()
	h.waitFor("the send jobs", func() bool {
		res, err := h.river.JobList(h.ctx, river.NewJobListParams().Kinds(telegram.SendArgs{}.Kind()).First(100))
		if err != nil {
			h.t.Fatal(err)
		}
		for _, j := range res.Jobs {
			if len(j.Errors) > 0 {
				h.t.Fatalf("send job %d failed an attempt: %v", j.ID, j.Errors[0].Error)
			}
			if j.State != rivertype.JobStateCompleted {
				return false
			}
		}
		return len(res.Jobs) > 0
	})
}
