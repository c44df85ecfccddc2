package dbcopy

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// River's tables differ between its SQLite and PostgreSQL drivers, so they
// are not copied row by row: the jobs still to run (a notify fan-out, a
// confirmation mail, a WebSub ping, a send) are inserted again on the target
// through River, in the copy's transaction. Periodic jobs are left out: the
// target's leader inserts them itself. Deliveries and digest issues whose
// job got lost would be given new ones by the sweeps anyway.

// rawArgs is a job's arguments as stored, under its kind.
type rawArgs struct {
	kind string
	args json.RawMessage
}

// Kind is the job's kind.
func (r rawArgs) Kind() string { return r.kind }

// MarshalJSON returns the stored arguments unchanged.
func (r rawArgs) MarshalJSON() ([]byte, error) { return r.args, nil }

// liveStates are the states of jobs River would still run; running jobs of
// a stopped service would be rescued and run again.
var liveStates = []rivertype.JobState{rivertype.JobStateAvailable, rivertype.JobStatePending,
	rivertype.JobStateRetryable, rivertype.JobStateRunning, rivertype.JobStateScheduled}

// liveJobs returns src's jobs still to run, periodic ones left out.
func liveJobs(ctx context.Context, src *store.Store, log *slog.Logger) ([]*rivertype.JobRow, error) {
	c, err := jobs.NewClient(src, nil, log)
	if err != nil {
		return nil, err
	}
	params := river.NewJobListParams().States(liveStates...).First(1000)
	var out []*rivertype.JobRow
	for {
		res, err := c.JobList(ctx, params)
		if err != nil {
			return nil, fmt.Errorf("dbcopy: list jobs: %w", err)
		}
		for _, j := range res.Jobs {
			if !periodic(j) {
				out = append(out, j)
			}
		}
		if len(res.Jobs) < 1000 {
			return out, nil
		}
		params = params.After(res.LastCursor)
	}
}

// periodic reports whether River's periodic enqueuer inserted the job.
func periodic(j *rivertype.JobRow) bool {
	var meta struct {
		Periodic bool `json:"periodic"`
	}
	_ = json.Unmarshal(j.Metadata, &meta)
	return meta.Periodic
}

// queueJobs inserts the jobs on tx's database with their queue, priority,
// attempts allowed, schedule, tags and metadata.
func queueJobs(ctx context.Context, tx *store.Store, rows []*rivertype.JobRow, log *slog.Logger) (int, error) {
	if len(rows) == 0 {
		return 0, nil
	}
	c, err := jobs.NewClient(tx, nil, log)
	if err != nil {
		return 0, err
	}
	params := make([]river.InsertManyParams, 0, len(rows))
	for _, j := range rows {
		opts := &river.InsertOpts{Queue: j.Queue, Priority: j.Priority, MaxAttempts: j.MaxAttempts,
			Tags: j.Tags, Metadata: j.Metadata}
		if j.State == rivertype.JobStateScheduled || j.State == rivertype.JobStateRetryable {
			opts.ScheduledAt = j.ScheduledAt
		}
		params = append(params, river.InsertManyParams{Args: rawArgs{j.Kind, j.EncodedArgs}, InsertOpts: opts})
	}
	if _, err := c.InsertManyTx(ctx, tx.Tx, params); err != nil {
		return 0, fmt.Errorf("dbcopy: queue jobs: %w", err)
	}
	return len(params), nil
}
