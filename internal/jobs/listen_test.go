package jobs_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/storetest"
)

type wakeArgs struct{}

func (wakeArgs) Kind() string { return "test_wake" }

// On PostgreSQL River learns of a job inserted in a store transaction
// through LISTEN/NOTIFY (riverpgxv5), not by polling: with polling
// switched off in effect (once an hour), the job still runs.
func TestPostgresJobsStartOnNotify(t *testing.T) {
	dsn, ok := storetest.PostgresDSN(t)
	if !ok {
		t.Skip("no PostgreSQL")
	}
	st := storetest.OpenBackend(t, storetest.Backend{Name: "postgres", Driver: "postgres", DSN: dsn})
	worked := make(chan struct{}, 1)
	reg := jobs.NewRegistry()
	river.AddWorker(reg.Workers, river.WorkFunc(func(context.Context, *river.Job[wakeArgs]) error {
		worked <- struct{}{}
		return nil
	}))
	cfg := jobs.Config(reg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	cfg.FetchPollInterval = time.Hour
	client, err := jobs.NewClientWithConfig(st, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := client.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.StopAndCancel(ctx) })
	// River fetches once at start; insert after that first fetch is over and
	// its listener is up. This sleep decides no negative outcome: too short,
	// the job is fetched at start and the test proves less, it does not fail.
	// (A first job worked is no barrier: it says the fetch is over, not that
	// River listens yet.)
	time.Sleep(time.Second)
	err = st.InTx(ctx, func(tx *store.Store) error {
		_, err := client.InsertTx(ctx, tx.Tx, wakeArgs{}, nil)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	receive(t, (<-chan struct{})(worked), "the job, woken by its insert notification")
}
