package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// TakeSourceLease takes the source's ingest lease for holder until now+ttl,
// unless another holder has it and it has not run out; then ok is false and
// until says when it runs out (unless renewed). A holder taking its own
// lease again renews it.
func (s *Store) TakeSourceLease(ctx context.Context, source, holder string, ttl time.Duration) (ok bool, until time.Time, err error) {
	// The holder may release the lease (delete its row) between the insert
	// that found it taken and the read of its end: then it is free, try again.
	for {
		ok, until, err = s.takeSourceLease(ctx, source, holder, ttl)
		if !errors.Is(err, sql.ErrNoRows) {
			return ok, until, err
		}
		if ctx.Err() != nil {
			return false, time.Time{}, fmt.Errorf("store: take lease of source %s: %w", source, ctx.Err())
		}
	}
}

func (s *Store) takeSourceLease(ctx context.Context, source, holder string, ttl time.Duration) (ok bool, until time.Time, err error) {
	now := Now()
	res, err := s.q.ExecContext(ctx, `INSERT INTO source_leases (source, holder, expires_at) VALUES ($1,$2,$3)
		ON CONFLICT (source) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
		WHERE source_leases.expires_at < $4 OR source_leases.holder = excluded.holder`,
		source, holder, now+ttl.Milliseconds(), now)
	if err != nil {
		return false, time.Time{}, fmt.Errorf("store: take lease of source %s: %w", source, err)
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return true, Time(now + ttl.Milliseconds()), nil
	}
	var ms int64
	if err := s.q.QueryRowContext(ctx, `SELECT expires_at FROM source_leases WHERE source = $1`, source).Scan(&ms); err != nil {
		return false, time.Time{}, fmt.Errorf("store: read lease of source %s: %w", source, err)
	}
	return false, Time(ms), nil
}

// RenewSourceLease extends holder's lease of the source to now+ttl; ok is
// false when holder no longer has it (it ran out and another took it).
func (s *Store) RenewSourceLease(ctx context.Context, source, holder string, ttl time.Duration) (ok bool, err error) {
	res, err := s.q.ExecContext(ctx, `UPDATE source_leases SET expires_at = $1 WHERE source = $2 AND holder = $3`,
		Now()+ttl.Milliseconds(), source, holder)
	if err != nil {
		return false, fmt.Errorf("store: renew lease of source %s: %w", source, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// ReleaseSourceLease gives holder's lease of the source up (nothing when
// another holder has it).
func (s *Store) ReleaseSourceLease(ctx context.Context, source, holder string) error {
	if _, err := s.q.ExecContext(ctx, `DELETE FROM source_leases WHERE source = $1 AND holder = $2`,
		source, holder); err != nil {
		return fmt.Errorf("store: release lease of source %s: %w", source, err)
	}
	return nil
}
