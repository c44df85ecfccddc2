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

// slowJobArgs is a test-only job that works for Sleep (unless cancelled)
// the first time it runs, and completes at once when it runs again. It
// creates the file Marker when it first starts, to know.
type slowJobArgs struct {
	Sleep  time.Duration `json:"sleep"`
	Marker string        `json:"marker"`
}

// Kind is the River job kind.
func (slowJobArgs) Kind() string { return "test_slow" }

type slowJobWorker struct {
	river.WorkerDefaults[slowJobArgs]
}

// Work sleeps, or stops when the job is cancelled.
func (slowJobWorker) Work(ctx context.Context, job *river.Job[slowJobArgs]) error {
	if _, err := os.Stat(job.Args.Marker); err == nil {
		return nil // run again after an interrupted first run
	}
	if err := os.WriteFile(job.Args.Marker, nil, 0o600); err != nil {
		return err
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
