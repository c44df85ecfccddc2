package jobs

import (
	"context"
	"fmt"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// LiveStates are the states of a job River will still run: a ledger row
// covered by such a job needs no other.
var LiveStates = []rivertype.JobState{rivertype.JobStateAvailable, rivertype.JobStatePending,
	rivertype.JobStateRetryable, rivertype.JobStateRunning, rivertype.JobStateScheduled}

// LiveJobs returns every job of kind River will still run (see LiveStates).
func LiveJobs(ctx context.Context, c *Client, kind string) ([]*rivertype.JobRow, error) {
	params := river.NewJobListParams().Kinds(kind).States(LiveStates...).First(1000)
	var out []*rivertype.JobRow
	for {
		res, err := c.JobList(ctx, params)
		if err != nil {
			return nil, fmt.Errorf("jobs: list live %s jobs: %w", kind, err)
		}
		out = append(out, res.Jobs...)
		if len(res.Jobs) < 1000 {
			return out, nil
		}
		params = params.After(res.LastCursor)
	}
}
