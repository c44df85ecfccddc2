package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// AdminSession is a console login, looked up by the hash of its id (the
// id itself lives only in the browser's cookie).
type AdminSession struct {
	IDHash    string
	Username  string
	Role      string // the account's role now (joined, not copied)
	CSRF      string
	CreatedAt time.Time
	ExpiresAt time.Time
}

// AddAdminSession stores a new session.
func (s *Store) AddAdminSession(ctx context.Context, ss AdminSession) error {
	_, err := s.q.ExecContext(ctx, `INSERT INTO admin_sessions (id_hash, username, csrf, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5)`, ss.IDHash, ss.Username, ss.CSRF, Millis(ss.CreatedAt), Millis(ss.ExpiresAt))
	if err != nil {
		return fmt.Errorf("store: add session: %w", err)
	}
	return nil
}

// AdminSession returns the session with the id hash if it has not expired
// at now; ErrNotFound otherwise.
func (s *Store) AdminSession(ctx context.Context, idHash string, now time.Time) (AdminSession, error) {
	ss := AdminSession{IDHash: idHash}
	var created, expires int64
	err := s.q.QueryRowContext(ctx, `SELECT s.username, u.role, s.csrf, s.created_at, s.expires_at
		FROM admin_sessions s JOIN admin_users u ON u.name = s.username
		WHERE s.id_hash = $1 AND s.expires_at > $2`, idHash, Millis(now)).
		Scan(&ss.Username, &ss.Role, &ss.CSRF, &created, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return AdminSession{}, ErrNotFound
	}
	if err != nil {
		return AdminSession{}, fmt.Errorf("store: get session: %w", err)
	}
	ss.CreatedAt, ss.ExpiresAt = Time(created), Time(expires)
	return ss, nil
}

// DeleteAdminSession ends one session (logout).
func (s *Store) DeleteAdminSession(ctx context.Context, idHash string) error {
	if _, err := s.q.ExecContext(ctx, `DELETE FROM admin_sessions WHERE id_hash = $1`, idHash); err != nil {
		return fmt.Errorf("store: delete session: %w", err)
	}
	return nil
}

// DeleteAdminSessions ends every session of an account.
func (s *Store) DeleteAdminSessions(ctx context.Context, username string) error {
	if _, err := s.q.ExecContext(ctx, `DELETE FROM admin_sessions WHERE username = $1`, username); err != nil {
		return fmt.Errorf("store: delete sessions of %s: %w", username, err)
	}
	return nil
}

// DeleteExpiredAdminSessions removes sessions that ended before now and
// login failures older than failuresBefore.
func (s *Store) DeleteExpiredAdminSessions(ctx context.Context, now, failuresBefore time.Time) error {
	if _, err := s.q.ExecContext(ctx, `DELETE FROM admin_sessions WHERE expires_at <= $1`, Millis(now)); err != nil {
		return fmt.Errorf("store: delete expired sessions: %w", err)
	}
	if _, err := s.q.ExecContext(ctx, `DELETE FROM admin_login_failures WHERE at < $1`, Millis(failuresBefore)); err != nil {
		return fmt.Errorf("store: delete old login failures: %w", err)
	}
	return nil
}

// RecordLoginFailure notes a failed login under each key ("user:NAME",
// "addr:IP").
func (s *Store) RecordLoginFailure(ctx context.Context, t time.Time, keys ...string) error {
	for _, k := range keys {
		if _, err := s.q.ExecContext(ctx, `INSERT INTO admin_login_failures (login_key, at) VALUES ($1, $2)`, k, Millis(t)); err != nil {
			return fmt.Errorf("store: record login failure: %w", err)
		}
	}
	return nil
}

// LoginFailures counts the failures under key since t and returns the time
// of the oldest of them (zero when there are none).
func (s *Store) LoginFailures(ctx context.Context, key string, since time.Time) (int, time.Time, error) {
	var n int
	var oldest sql.NullInt64
	err := s.q.QueryRowContext(ctx, `SELECT COUNT(*), MIN(at) FROM admin_login_failures WHERE login_key = $1 AND at >= $2`,
		key, Millis(since)).Scan(&n, &oldest)
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("store: count login failures: %w", err)
	}
	return n, Time(oldest.Int64), nil
}

// ClearLoginFailures forgets the failures under key (after a good login).
func (s *Store) ClearLoginFailures(ctx context.Context, key string) error {
	if _, err := s.q.ExecContext(ctx, `DELETE FROM admin_login_failures WHERE login_key = $1`, key); err != nil {
		return fmt.Errorf("store: clear login failures: %w", err)
	}
	return nil
}
