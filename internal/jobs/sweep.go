package jobs

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// SweepSchedule is when the sweeps run (and once at start), on the leader.
const SweepSchedule = "* * * * *"

// SweepArgs is the periodic job of one sweep: a look for work River gave up
// on (ledger rows whose job was discarded after its last attempt) that gives
// it new jobs.
type SweepArgs struct {
	Name string `json:"name"`
}

// Kind is the River job kind.
func (SweepArgs) Kind() string { return "sweep" }

// SweepFunc is a sweep: it inserts jobs with c and returns how many items
// (rows, issues) it gave new jobs. dead are the replicas known dead (see
// DeadReplicas): their running jobs will not finish.
type SweepFunc func(ctx context.Context, c *Client, dead map[string]bool) (int, error)

// sweep is a registered sweep and the logger that reports what it found.
type sweep struct {
	fn  SweepFunc
	log *slog.Logger
}

// AddSweep registers fn as the sweep name: a leader-elected periodic job on
// SweepSchedule, unique per slot (see AddPeriodic), also run at start. What
// it re-queues is logged as a warning on log.
func (r *Registry) AddSweep(name string, st *store.Store, log *slog.Logger, fn SweepFunc) {
	if r.sweeps == nil {
		r.sweeps = map[string]sweep{}
		river.AddWorker(r.Workers, &sweepWorker{sweeps: r.sweeps, store: st})
	}
	r.sweeps[name] = sweep{fn, log}
	err := r.AddPeriodic(SweepSchedule, time.UTC, func() (river.JobArgs, *river.InsertOpts) { return SweepArgs{Name: name}, nil },
		&river.PeriodicJobOpts{RunOnStart: true})
	if err != nil {
		panic(err) // a constant schedule
	}
}

type sweepWorker struct {
	river.WorkerDefaults[SweepArgs]
	sweeps map[string]sweep
	store  *store.Store
}

// Work runs one sweep; a sweep no longer registered (its part was switched
// off) has nothing to do.
func (w *sweepWorker) Work(ctx context.Context, job *river.Job[SweepArgs]) error {
	s, ok := w.sweeps[job.Args.Name]
	if !ok {
		return nil
	}
	dead, err := DeadReplicas(ctx, w.store, Replica(job.JobRow))
	if err != nil {
		return err
	}
	n, err := s.fn(ctx, river.ClientFromContext[*sql.Tx](ctx), dead)
	if n > 0 {
		s.log.Warn("Re-queued work River had given up on", slog.String("sweep", job.Args.Name), slog.Int("items", n))
	}
	return err
}

// liveStates are the states of a job River will still run.
var liveStates = []rivertype.JobState{rivertype.JobStateAvailable, rivertype.JobStatePending,
	rivertype.JobStateRetryable, rivertype.JobStateRunning, rivertype.JobStateScheduled}

// LiveArgs returns the arguments of every job of T's kind that River will
// still run (available, pending, retryable, running or scheduled), except
// those running on a dead replica: work covered by one of them needs no
// other job.
func LiveArgs[T river.JobArgs](ctx context.Context, c *Client, dead map[string]bool) ([]T, error) {
	var zero T
	params := river.NewJobListParams().Kinds(zero.Kind()).States(liveStates...).First(1000)
	var out []T
	for {
		res, err := c.JobList(ctx, params)
		if err != nil {
			return nil, fmt.Errorf("jobs: list live %s jobs: %w", zero.Kind(), err)
		}
		for _, j := range res.Jobs {
			if j.State == rivertype.JobStateRunning && dead[Replica(j)] {
				continue
			}
			var args T
			if err := json.Unmarshal(j.EncodedArgs, &args); err != nil {
				return nil, fmt.Errorf("jobs: job %d: %w", j.ID, err)
			}
			out = append(out, args)
		}
		if len(res.Jobs) < 1000 {
			return out, nil
		}
		params = params.After(res.LastCursor)
	}
}
