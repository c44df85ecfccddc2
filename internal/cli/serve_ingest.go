package cli

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/riverqueue/river"

	"github.com/partnerfeed/partnerfeed/internal/ingest"
)

// setupIngest turns each source's schedule into a leader-elected periodic
// ingest job, run once at start for a source never ingested.
func (a *app) setupIngest(ctx context.Context) error {
	in := newIngester(a.cfg, a.store, a.jobs.Inserter, a.log)
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
