// Package dbcopy moves a partnerfeed database from SQLite to PostgreSQL
// (`partnerfeed migrate --to postgres://…`): every partnerfeed table, in
// foreign-key order, in one transaction on the target, which must be empty;
// identity sequences are set past the copied ids, and the River jobs still
// to run are queued again on the target.
package dbcopy

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// ErrNotEmpty is returned when a partnerfeed table of the target has rows:
// the copy never merges into (or overwrites) a database in use.
var ErrNotEmpty = errors.New("dbcopy: the target database is not empty")

// Count is how many rows one table holds after the copy.
type Count struct {
	Table string
	Rows  int64
}

// Result is what a copy did: the rows per table, in copy order, and the
// River jobs queued again on the target.
type Result struct {
	Tables []Count
	Jobs   int
}

// Copy copies src (SQLite, migrated) into dst (PostgreSQL, migrated, empty).
// Either everything is copied or, on any error, nothing is.
func Copy(ctx context.Context, src, dst *store.Store, log *slog.Logger) (Result, error) {
	if src.Dialect != store.SQLite || dst.Dialect != store.Postgres {
		return Result{}, fmt.Errorf("dbcopy: copies SQLite into PostgreSQL, not %s into %s", src.Dialect, dst.Dialect)
	}
	tables, err := sourceTables(ctx, src)
	if err != nil {
		return Result{}, err
	}
	if err := targetColumns(ctx, dst, tables); err != nil {
		return Result{}, err
	}
	if full, err := nonEmpty(ctx, dst, tables); err != nil {
		return Result{}, err
	} else if len(full) > 0 {
		return Result{}, fmt.Errorf("%w: %s have rows (copy only into a new, empty database)", ErrNotEmpty, strings.Join(full, ", "))
	}
	jobs, err := liveJobs(ctx, src, log)
	if err != nil {
		return Result{}, err
	}
	var res Result
	err = dst.InTx(ctx, func(tx *store.Store) error {
		res = Result{}
		for _, t := range tables {
			n, err := copyTable(ctx, src, tx, t)
			if err != nil {
				return err
			}
			res.Tables = append(res.Tables, Count{t.name, n})
		}
		if err := fixSequences(ctx, tx, tables); err != nil {
			return err
		}
		n, err := queueJobs(ctx, tx, jobs, log)
		res.Jobs = n
		return err
	})
	if err != nil {
		return Result{}, err
	}
	return res, nil
}

// nonEmpty returns the tables of dst that have rows.
func nonEmpty(ctx context.Context, dst *store.Store, tables []table) ([]string, error) {
	var full []string
	for _, t := range tables {
		var has bool
		if err := dst.DB.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM `+quote(t.name)+`)`).Scan(&has); err != nil {
			return nil, fmt.Errorf("dbcopy: look into %s: %w", t.name, err)
		}
		if has {
			full = append(full, t.name)
		}
	}
	return full, nil
}
