package store

import (
	"context"
	"fmt"
)

// BackupInto writes an online, consistent copy of an SQLite database to path
// (a file that must not exist yet) with VACUUM INTO: the service may keep
// running meanwhile. PostgreSQL is backed up with pg_dump instead.
func (s *Store) BackupInto(ctx context.Context, path string) error {
	if s.Dialect != SQLite {
		return fmt.Errorf("store: backup into a file: only SQLite (use pg_dump for PostgreSQL)")
	}
	if _, err := s.DB.ExecContext(ctx, `VACUUM INTO $1`, path); err != nil {
		return fmt.Errorf("store: backup into %s: %w", path, err)
	}
	return nil
}

// Check runs SQLite's quick integrity check and returns its complaint, if
// any, as an error. On PostgreSQL it only pings.
func (s *Store) Check(ctx context.Context) error {
	if s.Dialect != SQLite {
		return s.Ping(ctx)
	}
	var res string
	if err := s.DB.QueryRowContext(ctx, `PRAGMA quick_check`).Scan(&res); err != nil {
		return fmt.Errorf("store: integrity check: %w", err)
	}
	if res != "ok" {
		return fmt.Errorf("store: integrity check: %s", res)
	}
	return nil
}
