package jobs_test

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/partnerfeed/partnerfeed/internal/jobs"
)

type rescueArgs struct{}

func (rescueArgs) Kind() string { return "test_rescue" }

// TestJobOfDeadProcessRunsAgain leaves a job "running" since an hour, as a
// process killed mid-job would (SIGKILL, power loss), and checks that River
// on SQLite runs it again. River's rescuer compares with the real clock, so
// the test shortens RescueStuckJobsAfter (jobs.RescueAfter in production).
func TestJobOfDeadProcessRunsAgain(t *testing.T) {
	ctx := context.Background()
	st := openStore(t, filepath.Join(t.TempDir(), "rescue.db"), true)
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	inserter, err := jobs.NewClient(st, nil, quiet)
	if err != nil {
		t.Fatal(err)
	}
	res, err := inserter.Insert(ctx, rescueArgs{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = st.DB.ExecContext(ctx, `UPDATE river_job SET state = 'running', attempt = 1,
		attempted_at = strftime('%Y-%m-%d %H:%M:%f', 'now', '-1 hour'), attempted_by = jsonb('["dead-process"]')
		WHERE id = $1`, res.Job.ID)
	if err != nil {
		t.Fatal(err)
	}

	ran := make(chan int, 1)
	reg := jobs.NewRegistry()
	river.AddWorker(reg.Workers, river.WorkFunc(func(_ context.Context, j *river.Job[rescueArgs]) error {
		ran <- j.Attempt
		return nil
	}))
	cfg := jobs.Config(reg, quiet)
	cfg.TestOnly = true
	cfg.JobTimeout, cfg.RescueStuckJobsAfter = time.Second, 2*time.Second
	cfg.FetchPollInterval, cfg.FetchCooldown = 20*time.Millisecond, 5*time.Millisecond
	client, err := jobs.NewClientWithConfig(st, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := client.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer stop(t, client)
	if attempt := receive(t, ran, "the stuck job to run again"); attempt != 2 {
		t.Errorf("rescued job ran as attempt %d, want 2", attempt)
	}
}
