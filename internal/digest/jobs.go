package digest

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// BatchSize is how many subscriber issues one send job (one SMTP connection) holds.
const BatchSize = 100

// Queue is the River queue of send jobs. Two workers: one prepares its batch
// (database, rendering) while the other talks to the SMTP server, which then
// sees at most two connections from us.
const Queue = "digest"

// SendArgs is the job sending the issues of some recipients for one slot.
type SendArgs struct {
	Recipients []string `json:"recipients"` // ledger keys
	Slot       int64    `json:"slot"`       // Unix ms
}

// Kind is the River job kind.
func (SendArgs) Kind() string { return "digest_send" }

// InsertOpts puts send jobs on the digest queue, unique by their arguments:
// a plan job run twice cannot make two jobs send the same issues at once.
func (SendArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: Queue, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// PlanArgs is the job that, at a subscriber schedule's slot, splits its
// confirmed subscribers into SendArgs batches.
type PlanArgs struct {
	Schedule string `json:"schedule"` // a key of email.subscriber_schedules
	Slot     int64  `json:"slot"`
}

// Kind is the River job kind.
func (PlanArgs) Kind() string { return "digest_plan" }

// SendWorker works SendArgs. Backoff, when set, replaces River's retry delays.
type SendWorker struct {
	river.WorkerDefaults[SendArgs]
	Service *Service
	Backoff func(attempt int) time.Duration
}

// Work sends one batch.
func (w *SendWorker) Work(ctx context.Context, job *river.Job[SendArgs]) error {
	return w.Service.SendSlot(ctx, job.Args.Recipients, time.UnixMilli(job.Args.Slot))
}

// Timeout leaves room for a slow SMTP server.
func (w *SendWorker) Timeout(*river.Job[SendArgs]) time.Duration { return 10 * time.Minute }

// NextRetry applies Backoff (River's exponential default otherwise).
func (w *SendWorker) NextRetry(job *river.Job[SendArgs]) time.Time {
	if w.Backoff == nil {
		return time.Time{}
	}
	return time.Now().Add(w.Backoff(job.Attempt))
}

// PlanWorker works PlanArgs.
type PlanWorker struct {
	river.WorkerDefaults[PlanArgs]
	Service *Service
}

// Work inserts the send jobs of one subscriber schedule slot, in one
// transaction; it also deletes subscriptions never confirmed.
func (w *PlanWorker) Work(ctx context.Context, job *river.Job[PlanArgs]) error {
	s := w.Service
	if n, err := s.Store.DeleteUnconfirmedEmailSubscribers(ctx, s.Now().Add(-ConfirmTTL)); err != nil {
		return err
	} else if n > 0 {
		s.Log.Info("Deleted unconfirmed subscriptions", slog.Int64("count", n))
	}
	client := river.ClientFromContext[*sql.Tx](ctx)
	return s.Store.InTx(ctx, func(tx *store.Store) error {
		ids, err := tx.ConfirmedSubscriberIDs(ctx, job.Args.Schedule)
		if err != nil {
			return err
		}
		var params []river.InsertManyParams
		for start := 0; start < len(ids); start += BatchSize {
			end := min(start+BatchSize, len(ids))
			keys := make([]string, 0, end-start)
			for _, id := range ids[start:end] {
				keys = append(keys, store.SubscriberRecipient(id))
			}
			params = append(params, river.InsertManyParams{Args: SendArgs{Recipients: keys, Slot: job.Args.Slot}})
		}
		if len(params) == 0 {
			return nil
		}
		if _, err := client.InsertManyTx(ctx, tx.Tx, params); err != nil {
			return fmt.Errorf("digest: plan %s: %w", job.Args.Schedule, err)
		}
		return nil
	})
}

// Register adds the digest workers to reg, and a periodic job per configured
// digest and per subscriber schedule (cron in site.timezone, leader-elected),
// and the sweep "digest" (jobs.AddSweep).
// The jobs also run at start for the latest slot: a slot missed while the
// daemon was down is caught up, and a slot already sent is not sent again
// (one issue per recipient and slot).
func Register(reg *jobs.Registry, s *Service) {
	AddQueue(reg)
	river.AddWorker(reg.Workers, &SendWorker{Service: s})
	river.AddWorker(reg.Workers, &PlanWorker{Service: s})
	river.AddWorker(reg.Workers, &ConfirmWorker{Service: s})
	reg.AddSweep("digest", s.Store, s.Log, s.Sweep)
	unique := &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
	for _, d := range s.Cfg.Email.Digests {
		sched, key := s.digests[d.Name], store.DigestRecipient(d.Name)
		reg.Periodic = append(reg.Periodic, river.NewPeriodicJob(sched, func() (river.JobArgs, *river.InsertOpts) {
			return SendArgs{Recipients: []string{key}, Slot: firedSlot(sched)}, unique
		}, &river.PeriodicJobOpts{ID: "digest:" + d.Name, RunOnStart: true}))
	}
	for name, sched := range s.schedules {
		reg.Periodic = append(reg.Periodic, river.NewPeriodicJob(sched, func() (river.JobArgs, *river.InsertOpts) {
			return PlanArgs{Schedule: name, Slot: firedSlot(sched)}, unique
		}, &river.PeriodicJobOpts{ID: "digest-schedule:" + name, RunOnStart: true}))
	}
}

// AddQueue adds the digest queue to reg.
func AddQueue(reg *jobs.Registry) {
	reg.Queues[Queue] = river.QueueConfig{MaxWorkers: 2}
}

// firedSlot is the slot a periodic job belongs to when River builds it (River
// may build it up to 100 ms early, hence the margin).
func firedSlot(sched Schedule) int64 {
	return sched.Slot(time.Now().Add(time.Second)).UnixMilli()
}
