package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"strings"
	"testing/fstest"

	"github.com/pressly/goose/v3"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Migrate applies every pending migration: partnerfeed's own (goose) and River's.
// It refuses (ErrSchemaNewer) a database migrated by a newer release.
// On PostgreSQL, replicas starting together migrate one after the other.
func (s *Store) Migrate(ctx context.Context) error {
	unlock, err := s.migrationLock(ctx)
	if err != nil {
		return err
	}
	defer unlock()
	if err := s.CheckNotNewer(ctx); err != nil {
		return err
	}
	p, err := s.provider()
	if err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	if err := s.migrateRiver(ctx); err != nil {
		return err
	}
	return nil
}

// MigrationsCurrent reports whether every migration has been applied.
func (s *Store) MigrationsCurrent(ctx context.Context) (bool, error) {
	p, err := s.provider()
	if err != nil {
		return false, err
	}
	pending, err := p.HasPending(ctx)
	if err != nil {
		return false, fmt.Errorf("store: check migrations: %w", err)
	}
	return !pending, nil
}

func (s *Store) provider() (*goose.Provider, error) {
	sub, err := s.dialectFS()
	if err != nil {
		return nil, fmt.Errorf("store: migrations: %w", err)
	}
	p, err := goose.NewProvider(goose.Dialect(s.Dialect), s.DB, sub,
		goose.WithAllowOutofOrder(true), goose.WithDisableGlobalRegistry(true), goose.WithGoMigrations(s.goMigrations()...))
	if err != nil {
		return nil, fmt.Errorf("store: migrations: %w", err)
	}
	return p, nil
}

func (s *Store) migrateRiver(ctx context.Context) error {
	m, err := rivermigrate.New(s.RiverDriver(), nil)
	if err != nil {
		return fmt.Errorf("store: river migrator: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("store: river migrate: %w", err)
	}
	return nil
}

// dialectFS returns the migration files rewritten for the store's dialect.
func (s *Store) dialectFS() (fs.FS, error) {
	out := fstest.MapFS{}
	err := fs.WalkDir(migrations, "migrations", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := migrations.ReadFile(path)
		if err != nil {
			return err
		}
		out[strings.TrimPrefix(path, "migrations/")] = &fstest.MapFile{Data: []byte(s.Dialect.rewrite(string(b)))}
		return nil
	})
	return out, err
}

// RiverDriver returns the River driver for the store's database. Both work on
// database/sql, so River jobs insert in the same *sql.Tx as the store's rows.
// On PostgreSQL, River listens (LISTEN/NOTIFY: new jobs, leader elections)
// through riverpgxv5 on a pgx pool of its own, so jobs start at once instead
// of at River's next poll.
func (s *Store) RiverDriver() riverdriver.Driver[*sql.Tx] {
	if s.Dialect == Postgres {
		return riverdatabasesql.NewWithPgxListener(s.DB, s.listen)
	}
	return riversqlite.New(s.DB)
}
