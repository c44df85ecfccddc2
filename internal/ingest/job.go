package ingest

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"
)

// Args is the River job that runs one ingest pass over one source: the
// source's schedule inserts it (leader-elected, so two replicas never run a
// slot twice).
type Args struct {
	Source   string `json:"source"`
	Backfill bool   `json:"backfill,omitempty"`
}

// Kind is the River job kind.
func (Args) Kind() string { return "ingest_source" }

// InsertOpts: a pass that fails is not retried by River; the next slot runs again.
func (Args) InsertOpts() river.InsertOpts { return river.InsertOpts{MaxAttempts: 1} }

// Worker runs Args jobs.
type Worker struct {
	river.WorkerDefaults[Args]
	Ingester *Ingester
}

// Work runs the pass; a source that could not be read fails the job.
func (w *Worker) Work(ctx context.Context, job *river.Job[Args]) error {
	for _, src := range w.Ingester.Cfg.Sources {
		if src.Name == job.Args.Source {
			rep := w.Ingester.Run(ctx, src, Options{Backfill: job.Args.Backfill})
			var busy *BusyError
			if errors.As(rep.Err, &busy) {
				// Another pass runs (or its killed process's lease has not
				// run out yet): try again when its lease would end.
				return river.JobSnooze(max(time.Until(busy.Until), 0) + time.Second)
			}
			if rep.Err != nil {
				return fmt.Errorf("ingest: %s: %w", src.Name, rep.Err)
			}
			return nil
		}
	}
	return fmt.Errorf("%w %q", ErrUnknownSource, job.Args.Source)
}
