package store

import (
	"context"
	"fmt"
	"time"
)

// DigestDelay sums up the digest issues the SMTP server is holding back
// now: pending issues with a failed attempt.
type DigestDelay struct {
	Issues     int64
	OldestSlot time.Time // zero when Issues is 0
	LastError  string    // of the issue retried last
}

// DelayedDigests sums up the pending issues whose last attempt failed.
func (s *Store) DelayedDigests(ctx context.Context) (DigestDelay, error) {
	var d DigestDelay
	var oldest int64
	// The literal status lets SQLite use the partial index.
	err := s.q.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(MIN(slot), 0) FROM digest_issues
		WHERE status = 'pending' AND attempts > 0 AND last_error <> ''`).Scan(&d.Issues, &oldest)
	if err != nil {
		return d, fmt.Errorf("store: delayed digests: %w", err)
	}
	if d.Issues == 0 {
		return d, nil
	}
	d.OldestSlot = Time(oldest)
	err = s.q.QueryRowContext(ctx, `SELECT last_error FROM digest_issues
		WHERE status = 'pending' AND attempts > 0 AND last_error <> '' ORDER BY slot DESC, id DESC LIMIT 1`).Scan(&d.LastError)
	if err != nil {
		return d, fmt.Errorf("store: delayed digests: %w", err)
	}
	return d, nil
}

// FailingSource is a source whose last pass could not read it.
type FailingSource struct {
	Source        string
	LastRunAt     time.Time
	LastSuccessAt time.Time // zero when it was never read
	Error         string    // of the last pass, when its history has it
}

// FailingSources lists the sources whose last pass failed, by name.
func (s *Store) FailingSources(ctx context.Context) ([]FailingSource, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT st.source, st.last_run_at, st.last_success_at,
			COALESCE((SELECT r.error FROM source_runs r WHERE r.source = st.source
				ORDER BY r.started_at DESC, r.id DESC LIMIT 1), '')
		FROM source_state st WHERE st.last_run_at > st.last_success_at ORDER BY st.source`)
	if err != nil {
		return nil, fmt.Errorf("store: failing sources: %w", err)
	}
	defer rows.Close()
	var out []FailingSource
	for rows.Next() {
		var f FailingSource
		var run, ok int64
		if err := rows.Scan(&f.Source, &run, &ok, &f.Error); err != nil {
			return nil, fmt.Errorf("store: scan failing source: %w", err)
		}
		f.LastRunAt, f.LastSuccessAt = Time(run), Time(ok)
		out = append(out, f)
	}
	return out, rows.Err()
}
