package telegram

import (
	"context"
	"log/slog"
	"maps"
	"slices"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// Sweep inserts send jobs for the pending rows that no live send job covers
// (River gave up on theirs after its last attempt, it was cancelled, or it
// runs on a dead replica) and returns how many rows it re-queued. Running it again re-queues nothing
// more: the new jobs are live. A row covered twice (a job inserted between
// the two reads) is still sent once: a job claims a row (pending → sending)
// atomically before sending it.
func (b *Bot) Sweep(ctx context.Context, client *jobs.Client, dead map[string]bool) (int, error) {
	// Rows a dead replica left in sending go back to pending at once (not
	// after the lease): its requests ended with it. Each may have been
	// delivered, so each is a possible duplicate.
	gone := slices.Collect(maps.Keys(dead))
	if err := b.store.ReleaseTelegramHolds(ctx, gone, time.Now()); err != nil {
		return 0, err
	}
	if released, _, err := b.store.ReleaseDeliveriesOf(ctx, Channel, gone); err != nil {
		return 0, err
	} else if released > 0 {
		b.log.Warn("Resending deliveries of a dead replica", slog.Int("rows", released))
	}
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
	live, err := jobs.LiveArgs[SendArgs](ctx, client, dead)
	if err != nil {
		return 0, err
	}
	covered := map[int64][]SendArgs{}
	for _, args := range live {
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
		err := b.store.InTx(ctx, func(tx *store.Store) error { return b.insertSends(ctx, tx, a, orphans) })
		if err != nil {
			return n, err
		}
		n += len(orphans)
	}
	return n, nil
}

func coveredBy(sends []SendArgs, id int64) bool {
	for _, s := range sends {
		if s.FromID <= id && id <= s.ToID {
			return true
		}
	}
	return false
}
