package activitypub

import (
	"context"
	"log/slog"
	"maps"
	"slices"
	"time"

	"github.com/riverqueue/river"

	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// Register gives River the service's workers, its queue, the periodic
// sync of Updates and Deletes, and the sweep that resumes deliveries a
// crash or River's last attempt left behind.
func (s *Service) Register(reg *jobs.Registry) error {
	river.AddWorker(reg.Workers, &sendWorker{s: s})
	river.AddWorker(reg.Workers, &acceptWorker{s: s})
	river.AddWorker(reg.Workers, &syncWorker{s: s})
	reg.Queues[Queue] = river.QueueConfig{MaxWorkers: 4}
	err := reg.AddPeriodic(s.SyncEvery, time.UTC, func() (river.JobArgs, *river.InsertOpts) { return SyncArgs{}, nil },
		&river.PeriodicJobOpts{RunOnStart: true})
	if err != nil {
		return err
	}
	reg.AddSweep(Channel, s.store, s.log, s.Sweep)
	return nil
}

// Sweep returns the rows a dead replica left in sending to pending (each
// a possible duplicate) and inserts send jobs for the pending rows no live
// job covers; it returns how many rows it re-queued.
func (s *Service) Sweep(ctx context.Context, client *jobs.Client, dead map[string]bool) (int, error) {
	released, _, err := s.store.ReleaseDeliveriesOf(ctx, Channel, slices.Collect(maps.Keys(dead)))
	if err != nil {
		return 0, err
	}
	if released > 0 {
		s.log.Warn("Resending Fediverse deliveries of a dead replica", slog.Int("rows", released))
	}
	// Rows first, jobs second: a row commits with its job.
	articles, err := s.store.PendingDeliveryArticles(ctx, Channel)
	if err != nil || len(articles) == 0 {
		return 0, err
	}
	pending := map[int64][]int64{}
	for _, a := range articles {
		if pending[a], err = s.store.PendingDeliveryIDs(ctx, a, Channel); err != nil {
			return 0, err
		}
	}
	live, err := jobs.LiveArgs[SendArgs](ctx, client, dead)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, a := range articles {
		orphans := slices.DeleteFunc(pending[a], func(id int64) bool {
			return slices.ContainsFunc(live, func(l SendArgs) bool { return l.ArticleID == a && l.FromID <= id && id <= l.ToID })
		})
		if len(orphans) == 0 {
			continue
		}
		q := jobs.NewInserter(client)
		if err := s.store.InTx(ctx, func(tx *store.Store) error { return enqueue(ctx, q, tx, a, orphans, s.Batch) }); err != nil {
			return n, err
		}
		n += len(orphans)
	}
	return n, nil
}
