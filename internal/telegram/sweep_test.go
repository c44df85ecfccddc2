package telegram_test

import (
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/telegram"
)

// A send job River gave up on (its last attempt failed) leaves its row
// pending; the sweep gives it a new job, and the article arrives once.
func TestSweepResendsRowsRiverGaveUpOn(t *testing.T) {
	h := newHarness(t, fastLimits, nil)
	h.startSweepDone()
	h.say(1201, "/follow venlo")
	a, ids := h.ledgerOnly("Venlo: Sweep", "venlo")
	send := telegram.SendArgs{ArticleID: a.ID, FromID: ids[0], ToID: ids[0]}

	// One attempt, which fails: River discards the job, the row stays pending.
	h.fake.FailSends(1, 401)
	res, err := h.river.Insert(h.ctx, send, &river.InsertOpts{MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	h.waitFor("the job discarded", func() bool {
		j, err := h.river.JobGet(h.ctx, res.Job.ID)
		return err == nil && j.State == rivertype.JobStateDiscarded
	})
	if c, _ := h.store.DeliveryCounts(h.ctx, a.ID, telegram.Channel); c["pending"] != 1 {
		t.Fatalf("ledger after the discarded job: %v", c)
	}

	// A live job (scheduled for later) covers the row: nothing to do.
	later, err := h.river.Insert(h.ctx, send, &river.InsertOpts{ScheduledAt: time.Now().Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := h.bot.Sweep(h.ctx, h.river, nil); err != nil || n != 0 {
		t.Fatalf("sweep with a live job re-queued %d rows (%v)", n, err)
	}
	if _, err := h.river.JobCancel(h.ctx, later.Job.ID); err != nil {
		t.Fatal(err)
	}

	// The periodic sweep job re-queues the row; it is sent once.
	if _, err := h.river.Insert(h.ctx, jobs.SweepArgs{Name: telegram.Channel}, nil); err != nil {
		t.Fatal(err)
	}
	if c := h.settled(a, 1); c["sent"] != 1 {
		t.Fatalf("ledger after the sweep: %v", c)
	}
	if n, err := h.bot.Sweep(h.ctx, h.river, nil); err != nil || n != 0 {
		t.Fatalf("a second sweep re-queued %d rows (%v)", n, err)
	}
	if got := h.articleMessages("1201", a.Title); got != 1 {
		t.Fatalf("the article arrived %d times", got)
	}
}

// startSweepDone waits for the sweep River runs at start (Bot.Register made
// it periodic), so that it cannot take rows a test sets up afterwards.
func (h *harness) startSweepDone() {
	h.t.Helper()
	h.waitFor("the sweep at start", func() bool {
		res, err := h.river.JobList(h.ctx, river.NewJobListParams().Kinds(jobs.SweepArgs{}.Kind()).
			States(rivertype.JobStateCompleted))
		// (PostgreSQL's jsonb adds spaces)
		return err == nil && len(res.Jobs) == 1 && strings.Contains(string(res.Jobs[0].EncodedArgs), `"telegram"`)
	})
}

// ledgerOnly stores a tagged article and its pending ledger rows (one per
// following chat) without a send job, and returns the rows' ids.
func (h *harness) ledgerOnly(title, partner string) (store.Article, []int64) {
	h.t.Helper()
	a := store.Article{Source: "test", URL: "https://example.org/" + strings.ReplaceAll(title, " ", "-"), Title: title,
		PublishedAt: time.Now().Add(-time.Hour)}
	if _, err := h.store.UpsertArticle(h.ctx, &a); err != nil {
		h.t.Fatal(err)
	}
	if _, err := h.store.ReplaceTags(h.ctx, a.ID, []store.Tag{{Partner: partner, Score: 1, Evidence: "{}"}}); err != nil {
		h.t.Fatal(err)
	}
	if _, err := h.store.RecordTelegramFanout(h.ctx, a.ID, []string{partner}); err != nil {
		h.t.Fatal(err)
	}
	ids, err := h.store.PendingDeliveryIDs(h.ctx, a.ID, telegram.Channel)
	if err != nil || len(ids) != 1 {
		h.t.Fatalf("rows %v %v", ids, err)
	}
	return a, ids
}
