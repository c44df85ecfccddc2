package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
)

// openPostgres opens a PostgreSQL database from a postgres:// URL through pgx.
func openPostgres(ctx context.Context, dsn string) (*Store, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open postgres: %w", err)
	}
	db.SetMaxOpenConns(20)
	// As many idle as open: a busy replica must not close and reopen
	// connections (each a PostgreSQL backend process) between queries.
	db.SetMaxIdleConns(20)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: ping postgres: %w", err)
	}
	// River listens for new jobs and leader changes on a connection of its
	// own (riverpgxv5); pgxpool connects lazily, so a process that only
	// inserts jobs never opens it.
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("store: postgres listener pool: %w", err)
	}
	cfg.MinConns, cfg.MaxConns = 0, 2
	listen, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("store: postgres listener pool: %w", err)
	}
	return &Store{DB: db, Dialect: Postgres, q: db, listen: listen}, nil
}
