// Package store is partnerfeed's database: articles, tags, source state, Telegram
// chats, email subscribers, the delivery ledger and digest state. One file per
// entity; SQL is portable between SQLite and PostgreSQL ($n placeholders,
// ON CONFLICT, RETURNING; no JSONB, arrays or enums). Times are Unix milliseconds.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

// ErrNotFound is returned when a looked-up row does not exist.
var ErrNotFound = errors.New("store: not found")

// Store is the database handle shared by every part of the service.
type Store struct {
	DB      *sql.DB
	Dialect Dialect
	// q runs the queries: DB, or the transaction of a Store handed out by InTx.
	q querier
	// Tx is the open transaction of a Store handed out by InTx (nil otherwise);
	// River's InsertManyTx takes it so that jobs commit with the rows.
	Tx *sql.Tx
	// listen is the pgx pool River's riverpgxv5 listener takes its LISTEN
	// connection from (PostgreSQL only; nil on SQLite).
	listen *pgxpool.Pool
	// committed are what runs once the transaction of a Store handed out by
	// InTx commits (counting what it recorded): see afterCommit.
	committed *[]func()
}

type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// InTx runs fn in one transaction with a Store bound to it; fn's error rolls back.
func (s *Store) InTx(ctx context.Context, fn func(tx *Store) error) error {
	if s.Tx != nil {
		return fn(s) // already in a transaction
	}
	sqlTx, err := s.DB.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	txs := &Store{DB: s.DB, Dialect: s.Dialect, q: sqlTx, Tx: sqlTx, listen: s.listen, committed: new([]func())}
	if err := fn(txs); err != nil {
		_ = sqlTx.Rollback()
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	for _, f := range *txs.committed {
		f()
	}
	return nil
}

// afterCommit runs f once what s wrote is committed: at once outside a
// transaction, after the commit inside one (never when it rolls back).
func (s *Store) afterCommit(f func()) {
	if s.committed == nil {
		f()
		return
	}
	*s.committed = append(*s.committed, f)
}

// Open opens (and creates, for SQLite) the database named by driver and dsn.
// It does not migrate; call Migrate.
func Open(ctx context.Context, driver, dsn string) (*Store, error) {
	switch driver {
	case "sqlite", "":
		return openSQLite(ctx, dsn)
	case "postgres":
		return openPostgres(ctx, dsn)
	default:
		return nil, fmt.Errorf("store: driver %q is not supported yet", driver)
	}
}

func openSQLite(ctx context.Context, path string) (*Store, error) {
	if path != ":memory:" {
		if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
			return nil, fmt.Errorf("store: create database folder: %w", err)
		}
	}
	dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)" +
		"&_pragma=foreign_keys(1)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open sqlite: %w", err)
	}
	// One writer: SQLite serializes writes anyway, and River's SQLite driver
	// expects it (SQLITE_BUSY otherwise).
	db.SetMaxOpenConns(1)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: ping sqlite %s: %w", path, err)
	}
	return &Store{DB: db, Dialect: SQLite, q: db}, nil
}

// Close closes the database.
func (s *Store) Close() error {
	if s.listen != nil {
		s.listen.Close()
	}
	return s.DB.Close()
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.DB.PingContext(ctx) }

// Now is the store's clock in Unix milliseconds.
func Now() int64 { return time.Now().UnixMilli() }

// Millis converts a time to the stored form (0 for the zero time).
func Millis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// Time converts a stored value back (the zero time for 0).
func Time(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms)
}

// splitList and joinList store small slug lists as comma-separated text.
func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func joinList(l []string) string { return strings.Join(l, ",") }
