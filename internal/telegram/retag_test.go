package telegram_test

import (
	"slices"
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/jobs/jobstest"
	"github.com/partnerfeed/partnerfeed/internal/notify"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/tagging"
	"github.com/partnerfeed/partnerfeed/internal/telegram"
)

// A re-tag that adds a partner notifies the followers of the new partner
// only: a chat that follows both already got the article and does not get it
// again. Through the real path: the store's re-tag, the notify job, the
// fan-out, the send jobs and the sender against the Bot API fake.
func TestRetagDoesNotResend(t *testing.T) {
	h := newHarness(t, fastLimits, nil)
	h.say(601, "/follow venlo")
	h.say(601, "/follow leiden")
	h.say(602, "/follow leiden")
	title := "Venlo, später auch Leiden"
	a := h.publish(title, "venlo")
	if counts := h.settled(a, 1); counts["sent"] != 1 {
		t.Fatalf("ledger %v", counts)
	}
	h.drained()

	// The re-tag through the one function that ingest, the re-tag at start
	// and tag --set use: new tags and the notify job in one transaction.
	err := h.store.InTx(h.ctx, func(tx *store.Store) error {
		added, err := tagging.Apply(h.ctx, tx, jobs.NewInserter(h.river), a, []store.Tag{
			{Partner: "venlo", Score: 1, Evidence: "{}"}, {Partner: "leiden", Score: 1, Evidence: "{}"}})
		if !slices.Equal(added, []string{"leiden"}) {
			t.Errorf("the re-tag added %v, want [leiden]", added)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// Once no job is left, everything the re-tag caused has reached the fake.
	h.drained()
	if counts := h.settled(a, 2); counts["sent"] != 2 {
		t.Fatalf("ledger %v", counts)
	}
	for chat, want := range map[string]int{"601": 1, "602": 1} {
		if got := h.articleMessages(chat, title); got != want {
			t.Errorf("chat %s got the article %d times, want %d", chat, got, want)
		}
	}
}

// drained waits until no notify or send job is left to run, and fails at
// once when one of them failed an attempt (instead of waiting for a retry).
// After it, every message those jobs send has reached the fake: the barrier
// for "nothing more arrives".
func (h *harness) drained() {
	h.t.Helper()
	jobstest.Drain(h.t, h.ctx, h.river, true, notify.ArticleArgs{}.Kind(), telegram.SendArgs{}.Kind())
}
