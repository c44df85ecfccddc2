package telegram

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"log/slog"

	"github.com/riverqueue/river"

	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// SweepSchedule is when the sweep looks for pending rows without a send job.
const SweepSchedule = "*/5 * * * *"

// SweepArgs is the periodic job that gives pending ledger rows no live send
// job covers (River gave up on theirs after its last attempt, or it was
// cancelled) new send jobs. It runs on the leader only, once per slot.
type SweepArgs struct{}

// Kind is the River job kind.
func (SweepArgs) Kind() string { return "telegram_sweep" }

// SweepWorker works SweepArgs.
type SweepWorker struct {
	river.WorkerDefaults[SweepArgs]
	Bot *Bot
}

// Work re-queues the pending rows without a live send job.
func (w *SweepWorker) Work(ctx context.Context, _ *river.Job[SweepArgs]) error {
	n, err := w.Bot.Sweep(ctx, river.ClientFromContext[*sql.Tx](ctx))
	if n > 0 {
		w.Bot.log.Warn("Re-queued Telegram deliveries River had given up on", slog.Int("rows", n))
	}
	return err
}

// Sweep inserts send jobs for the pending rows that no live send job covers
// and returns how many rows it re-queued. Running it again re-queues nothing
// more: the new jobs are live. A row covered twice (a job inserted between
// the two reads) is still sent once: a job claims a row (pending → sending)
// atomically before sending it.
func (b *Bot) Sweep(ctx context.Context, client *jobs.Client) (int, error) {
	// Rows first, jobs second: a row and its job commit together, so every
	// row read here has its job among those read next, unless the job has
	// ended since (then the row is sent, or it is pending and uncovered).
	articles, err := b.store.PendingDeliveryArticles(ctx, Channel)
	if err != nil || len(articles) == 0 {
		return 0, err
	}
	pending := map[int64][]int64{}
	for _, a := range articles {
		if pending[a], err = b.store.PendingDeliveryIDs(ctx, a, Channel); err != nil {
			return 0, err
		}
	}
	live, err := jobs.LiveJobs(ctx, client, SendArgs{}.Kind())
	if err != nil {
		return 0, err
	}
	covered := map[int64][]SendArgs{}
	for _, j := range live {
		var args SendArgs
		if err := json.Unmarshal(j.EncodedArgs, &args); err != nil {
			return 0, fmt.Errorf("telegram: sweep: job %d: %w", j.ID, err)
		}
		covered[args.ArticleID] = append(covered[args.ArticleID], args)
	}
	n := 0
	for _, a := range articles {
		var orphans []int64
		for _, id := range pending[a] {
			if !coveredBy(covered[a], id) {
				orphans = append(orphans, id)
			}
		}
		if len(orphans) == 0 {
			continue
		}
		err := b.store.InTx(ctx, func(tx *store.Store) error { return b.insertSends(ctx, client, tx, a, orphans) })
		if err != nil {
			return n, err
		}
		n += len(orphans)
	}
	return n, nil
}

func coveredBy(jobs []SendArgs, id int64) bool {
	for _, j := range jobs {
		if j.FromID <= id && id <= j.ToID {
			return true
		}
	}
	return false
}
