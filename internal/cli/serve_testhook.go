package cli

import (
	"context"
	"os"
	"time"

	"github.com/riverqueue/river"
)

// testHooksEnv, set to 1, registers job kinds that only tests use (the
// process-level shutdown test). Not for production.
const testHooksEnv = "PARTNERFEED_TEST_HOOKS"

// slowJobArgs is a test-only job that works for Sleep on its first attempt
// (unless cancelled) and completes at once on later attempts.
type slowJobArgs struct {
	Sleep time.Duration `json:"sleep"`
}

// Kind is the River job kind.
func (slowJobArgs) Kind() string { return "test_slow" }

type slowJobWorker struct {
	river.WorkerDefaults[slowJobArgs]
}

// Work sleeps, or stops when the job is cancelled.
func (slowJobWorker) Work(ctx context.Context, job *river.Job[slowJobArgs]) error {
	if job.Attempt > 1 {
		return nil
	}
	select {
	case <-time.After(job.Args.Sleep):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func registerTestHooks(a *app) {
	if os.Getenv(testHooksEnv) == "1" {
		river.AddWorker(a.jobs.Workers, slowJobWorker{})
	}
}
