package cli

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/partnerfeed/partnerfeed/internal/ingest"
)

// setupIngest turns each source's schedule into a leader-elected periodic
// ingest job, run once at start for a source never ingested.
func (a *app) setupIngest(ctx context.Context) error {
	in := newIngester(a.cfg, a.store, lateInserter{a}, a.log)
	river.AddWorker(a.jobs.Workers, &ingest.Worker{Ingester: in})
	for _, src := range a.cfg.Sources {
		if src.Schedule == "" {
			continue
		}
		state, err := a.store.SourceState(ctx, src.Name)
		if err != nil {
			return err
		}
		name := src.Name
		err = a.jobs.AddPeriodic(src.Schedule, a.cfg.Location,
			func() (river.JobArgs, *river.InsertOpts) { return ingest.Args{Source: name}, nil },
			&river.PeriodicJobOpts{RunOnStart: !state.Backfilled})
		if err != nil {
			return fmt.Errorf("ingest: source %s: %w", name, err)
		}
		a.log.Info("Source scheduled", slog.String("source", name), slog.String("schedule", src.Schedule),
			slog.Bool("run_on_start", !state.Backfilled))
	}
	return nil
}

// lateInserter hands ingest the daemon's River client, which exists only
// after every setup ran.
type lateInserter struct{ a *app }

// InsertManyTx inserts with the daemon's River client.
func (l lateInserter) InsertManyTx(ctx context.Context, tx *sql.Tx, params []river.InsertManyParams) ([]*rivertype.JobInsertResult, error) {
	if l.a.river == nil {
		return nil, fmt.Errorf("ingest: job client not started")
	}
	return l.a.river.InsertManyTx(ctx, tx, params)
}
