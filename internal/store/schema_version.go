package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
)

// ErrSchemaNewer is returned by Migrate when the database holds migrations
// this binary does not know: a newer release migrated it. Migrations run
// forward only, so the binary refuses to run on it.
var ErrSchemaNewer = errors.New("store: the database schema is newer than this partnerfeed")

// gooseTable is where goose records the applied migrations.
const gooseTable = "goose_db_version"

// SchemaVersions returns the versions of partnerfeed's migrations applied to
// the database (none on a new one) and those this binary knows, both sorted.
func (s *Store) SchemaVersions(ctx context.Context) (applied, known []int64, err error) {
	p, err := s.provider()
	if err != nil {
		return nil, nil, err
	}
	for _, src := range p.ListSources() {
		known = append(known, src.Version)
	}
	slices.Sort(known)
	exists, err := s.tableExists(ctx, gooseTable)
	if err != nil || !exists {
		return nil, known, err
	}
	rows, err := s.q.QueryContext(ctx, `SELECT DISTINCT version_id FROM `+gooseTable+` WHERE is_applied AND version_id > 0 ORDER BY version_id`)
	if err != nil {
		return nil, nil, fmt.Errorf("store: schema versions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			return nil, nil, fmt.Errorf("store: schema versions: %w", err)
		}
		applied = append(applied, v)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("store: schema versions: %w", err)
	}
	return applied, known, nil
}

// CheckNotNewer returns ErrSchemaNewer, naming the unknown versions, when the
// database holds a migration this binary lacks.
func (s *Store) CheckNotNewer(ctx context.Context) error {
	applied, known, err := s.SchemaVersions(ctx)
	if err != nil {
		return err
	}
	var unknown []int64
	for _, v := range applied {
		if _, found := slices.BinarySearch(known, v); !found {
			unknown = append(unknown, v)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	newest := int64(0)
	if len(known) > 0 {
		newest = known[len(known)-1]
	}
	return fmt.Errorf("%w: it has migration(s) %v, which this binary (newest migration %05d) does not know; "+
		"a newer release migrated it, and migrations run forward only: run that release (or newer), "+
		"or restore the backup taken before the upgrade", ErrSchemaNewer, unknown, newest)
}

// tableExists reports whether the database has a table of that name.
func (s *Store) tableExists(ctx context.Context, name string) (bool, error) {
	return tableExists(ctx, s.q, s.Dialect, name)
}

// tableExists reports whether the database q reaches (a DB or a
// transaction) has a table of that name.
func tableExists(ctx context.Context, q querier, d Dialect, name string) (bool, error) {
	query := `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $1`
	if d == Postgres {
		query = `SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = $1`
	}
	var n int
	if err := q.QueryRowContext(ctx, query, name).Scan(&n); err != nil {
		return false, fmt.Errorf("store: look for table %s: %w", name, err)
	}
	return n > 0, nil
}

// MigrateTo applies partnerfeed's migrations up to and including version
// only (and River's): a database at an earlier schema level, as an older
// release left it. For upgrade tests and fixtures; the service uses Migrate.
func (s *Store) MigrateTo(ctx context.Context, version int64) error {
	p, err := s.provider()
	if err != nil {
		return err
	}
	if _, err := p.UpTo(ctx, version); err != nil {
		return fmt.Errorf("store: migrate to %d: %w", version, err)
	}
	return s.migrateRiver(ctx)
}
