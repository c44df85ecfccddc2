// Package jobstest helps tests wait for River jobs.
package jobstest

import (
	"context"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/partnerfeed/partnerfeed/internal/jobs"
)

// Drain waits until no job of the kinds (all kinds when none are given) is
// left to run now or within a minute; a job scheduled later (a deliberately
// postponed one) does not count. With failOnError it fails the test as soon
// as one of those jobs failed an attempt, instead of waiting for its retry.
// Whatever a job sends has reached its destination once the job completed,
// so after Drain a count of what arrived is final: the barrier for
// "nothing more arrives", instead of a sleep.
func Drain(t testing.TB, ctx context.Context, c *jobs.Client, failOnError bool, kinds ...string) {
	t.Helper()
	params := river.NewJobListParams().First(10000)
	if len(kinds) > 0 {
		params = params.Kinds(kinds...)
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		res, err := c.JobList(ctx, params)
		if err != nil {
			t.Fatal(err)
		}
		left := 0
		for _, j := range res.Jobs {
			if failOnError && len(j.Errors) > 0 {
				t.Fatalf("job %s %d failed: %s", j.Kind, j.ID, j.Errors[len(j.Errors)-1].Error)
			}
			switch j.State {
			case rivertype.JobStateCompleted, rivertype.JobStateCancelled, rivertype.JobStateDiscarded:
			case rivertype.JobStateScheduled:
				if j.ScheduledAt.Before(time.Now().Add(time.Minute)) {
					left++
				}
			default:
				left++
			}
		}
		if left == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d jobs still to run", left)
		}
		time.Sleep(20 * time.Millisecond) // polling interval, not a wait for an outcome
	}
}
