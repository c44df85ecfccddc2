package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/pressly/goose/v3"

	"github.com/partnerfeed/partnerfeed/internal/redact"
)

// scrubTokensVersion is the migration that removes Telegram bot tokens that
// earlier versions stored in error texts (Go's HTTP errors name the request
// URL, .../bot<token>/sendMessage). It cannot know the token, so it replaces
// what has a token's shape (redact.BotTokens).
const scrubTokensVersion = 800

// goMigrations are the migrations written in Go, for what SQL cannot say
// portably (a pattern replacement).
func (s *Store) goMigrations() []*goose.Migration {
	return []*goose.Migration{
		goose.NewGoMigration(scrubTokensVersion, &goose.GoFunc{RunTx: s.scrubStoredTokens}, nil),
	}
}

// scrubbedColumn is a text column that may hold an error message; read and
// write wrap the column for dialects that keep it in another type.
type scrubbedColumn struct {
	table, column, read, write string
}

func (s *Store) scrubbedColumns() []scrubbedColumn {
	cols := []scrubbedColumn{
		{"deliveries", "last_error", "last_error", "$1"},
		{"digest_issues", "last_error", "last_error", "$1"},
		{"digest_sends", "error", "error", "$1"},
	}
	// River keeps the errors of each attempt: jsonb[] on PostgreSQL, SQLite
	// JSONB in a blob. Its table exists only once River migrated.
	if s.Dialect == Postgres {
		return append(cols, scrubbedColumn{"river_job", "errors", "errors::text", "CAST($1 AS jsonb[])"})
	}
	return append(cols, scrubbedColumn{"river_job", "errors", "json(errors)", "jsonb($1)"})
}

// scrubStoredTokens rewrites every stored error text that names a bot token.
func (s *Store) scrubStoredTokens(ctx context.Context, tx *sql.Tx) error {
	for _, c := range s.scrubbedColumns() {
		exists, err := tableExists(ctx, tx, s.Dialect, c.table)
		if err != nil {
			return err
		}
		if !exists {
			continue
		}
		// The row's own identity: SQLite's rowid, PostgreSQL's ctid.
		rowID := "rowid"
		if s.Dialect == Postgres {
			rowID = "ctid::text"
		}
		rows, err := tx.QueryContext(ctx, fmt.Sprintf(`SELECT %s, %s FROM %s WHERE %s LIKE '%%/bot%%:%%'`,
			rowID, c.read, c.table, c.read))
		if err != nil {
			return fmt.Errorf("store: scrub tokens: read %s.%s: %w", c.table, c.column, err)
		}
		type fix struct{ id, text string }
		var fixes []fix
		for rows.Next() {
			var f fix
			if err := rows.Scan(&f.id, &f.text); err != nil {
				rows.Close()
				return fmt.Errorf("store: scrub tokens: %w", err)
			}
			if clean := redact.BotTokens(f.text); clean != f.text {
				fixes = append(fixes, fix{f.id, clean})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: scrub tokens: %w", err)
		}
		where := "rowid = $2"
		if s.Dialect == Postgres {
			where = "ctid = CAST($2 AS tid)"
		}
		for _, f := range fixes {
			if _, err := tx.ExecContext(ctx, fmt.Sprintf(`UPDATE %s SET %s = %s WHERE %s`, c.table, c.column, c.write, where),
				f.text, f.id); err != nil {
				return fmt.Errorf("store: scrub tokens: update %s.%s: %w", c.table, c.column, err)
			}
		}
	}
	return nil
}
