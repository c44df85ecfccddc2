package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// SourceState is what the ingester remembers about one source.
type SourceState struct {
	Source        string
	LastRunAt     time.Time
	LastSuccessAt time.Time
	// Backfilled is true once the source's first ingest completed; until then
	// nothing found in it is pushed to anyone.
	Backfilled bool
	Cursor     string
}

// SourceState returns the state of a source; a source never run has the zero
// state (with Source set).
func (s *Store) SourceState(ctx context.Context, source string) (SourceState, error) {
	st := SourceState{Source: source}
	var run, ok int64
	var backfilled int
	err := s.q.QueryRowContext(ctx, `SELECT last_run_at, last_success_at, backfilled, cursor
		FROM source_state WHERE source = $1`, source).Scan(&run, &ok, &backfilled, &st.Cursor)
	if errors.Is(err, sql.ErrNoRows) {
		return st, nil
	}
	if err != nil {
		return st, fmt.Errorf("store: source state %s: %w", source, err)
	}
	st.LastRunAt, st.LastSuccessAt, st.Backfilled = Time(run), Time(ok), backfilled == 1
	return st, nil
}

// RecordSourceRun records a run of the source at `at`; a successful run also
// sets the last success time, and marks the source backfilled.
func (s *Store) RecordSourceRun(ctx context.Context, source string, at time.Time, success bool) error {
	ms := Millis(at)
	okAt, backfilled := int64(0), 0
	if success {
		okAt, backfilled = ms, 1
	}
	_, err := s.q.ExecContext(ctx, `INSERT INTO source_state (source, last_run_at, last_success_at, backfilled)
		VALUES ($1, $2, $3, $4)
		ON CONFLICT (source) DO UPDATE SET last_run_at = excluded.last_run_at,
			last_success_at = CASE WHEN excluded.last_success_at > 0 THEN excluded.last_success_at ELSE source_state.last_success_at END,
			backfilled = CASE WHEN excluded.backfilled = 1 THEN 1 ELSE source_state.backfilled END`,
		source, ms, okAt, backfilled)
	if err != nil {
		return fmt.Errorf("store: record run of %s: %w", source, err)
	}
	return nil
}
