package digesttest

import (
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// Drained waits until no River job is left to run now or within a minute
// (a job scheduled later, such as a deliberately postponed one, does not
// count). Every mail a job sends is in mailpit once its job completed, so
// after Drained a count of mailpit's messages is final: the barrier for
// "nothing more arrives", instead of a sleep.
func (e *Env) Drained() {
	e.T.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		res, err := e.Client.JobList(e.Ctx, river.NewJobListParams().States(rivertype.JobStateAvailable,
			rivertype.JobStateRunning, rivertype.JobStateRetryable, rivertype.JobStateScheduled,
			rivertype.JobStatePending).First(10000))
		if err != nil {
			e.T.Fatal(err)
		}
		left := 0
		for _, j := range res.Jobs {
			if j.State != rivertype.JobStateScheduled || j.ScheduledAt.Before(time.Now().Add(time.Minute)) {
				left++
			}
		}
		if left == 0 {
			return
		}
		if time.Now().After(deadline) {
			e.T.Fatalf("%d jobs still to run", left)
		}
		time.Sleep(20 * time.Millisecond) // polling interval, not a wait for an outcome
	}
}
