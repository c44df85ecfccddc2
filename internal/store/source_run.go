package store

import (
	"context"
	"fmt"
	"time"
)

// SourceRunsKept is how many passes a source's history keeps.
const SourceRunsKept = 50

// SourceRun is one ingest pass over a source as the console lists it.
type SourceRun struct {
	Source      string
	StartedAt   time.Time
	FinishedAt  time.Time
	Backfill    bool
	Pages       int64 // listing or feed pages read (304s included)
	NotModified int64 // of the pages read, answered 304
	Found       int64 // article links found
	New         int64
	Updated     int64
	Failed      int64 // article links that gave no article
	// Error says why the source could not be read ("" when it was);
	// Failures lists the first failed articles, "url: reason" per line.
	Error    string
	Failures string
}

// OK reports whether the pass read the source.
func (r SourceRun) OK() bool { return r.Error == "" }

// RecordSourcePass adds a pass to the source's history and drops the
// passes beyond the latest SourceRunsKept.
func (s *Store) RecordSourcePass(ctx context.Context, r SourceRun) error {
	return s.InTx(ctx, func(tx *Store) error {
		backfill := 0
		if r.Backfill {
			backfill = 1
		}
		if _, err := tx.q.ExecContext(ctx, `INSERT INTO source_runs (source, started_at, finished_at, backfill,
			pages, not_modified, found, new, updated, failed, error, failures)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
			r.Source, Millis(r.StartedAt), Millis(r.FinishedAt), backfill, r.Pages, r.NotModified, r.Found,
			r.New, r.Updated, r.Failed, r.Error, r.Failures); err != nil {
			return fmt.Errorf("store: record pass of %s: %w", r.Source, err)
		}
		if _, err := tx.q.ExecContext(ctx, `DELETE FROM source_runs WHERE source = $1 AND id NOT IN
			(SELECT id FROM source_runs WHERE source = $1 ORDER BY started_at DESC, id DESC LIMIT $2)`,
			r.Source, SourceRunsKept); err != nil {
			return fmt.Errorf("store: prune passes of %s: %w", r.Source, err)
		}
		return nil
	})
}

// SourceRuns returns the source's latest passes, newest first, at most limit.
func (s *Store) SourceRuns(ctx context.Context, source string, limit int) ([]SourceRun, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT source, started_at, finished_at, backfill, pages, not_modified,
		found, new, updated, failed, error, failures FROM source_runs WHERE source = $1
		ORDER BY started_at DESC, id DESC LIMIT $2`, source, limit)
	if err != nil {
		return nil, fmt.Errorf("store: passes of %s: %w", source, err)
	}
	defer rows.Close()
	var out []SourceRun
	for rows.Next() {
		var r SourceRun
		var started, finished int64
		var backfill int
		if err := rows.Scan(&r.Source, &started, &finished, &backfill, &r.Pages, &r.NotModified, &r.Found,
			&r.New, &r.Updated, &r.Failed, &r.Error, &r.Failures); err != nil {
			return nil, fmt.Errorf("store: scan pass of %s: %w", source, err)
		}
		r.StartedAt, r.FinishedAt, r.Backfill = Time(started), Time(finished), backfill == 1
		out = append(out, r)
	}
	return out, rows.Err()
}
