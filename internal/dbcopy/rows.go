package dbcopy

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// maxParams keeps a multi-row INSERT under PostgreSQL's 65535 parameters.
const maxParams = 60000

// copyTable copies every row of t from src into tx and returns how many,
// checked against a count of the target's table.
func copyTable(ctx context.Context, src, tx *store.Store, t table) (int64, error) {
	cols := make([]string, len(t.columns))
	for i, c := range t.columns {
		cols[i] = quote(c)
	}
	rows, err := src.DB.QueryContext(ctx, `SELECT `+strings.Join(cols, ", ")+` FROM `+quote(t.name))
	if err != nil {
		return 0, fmt.Errorf("dbcopy: read %s: %w", t.name, err)
	}
	defer rows.Close()
	perBatch := max(1, min(500, maxParams/len(cols)))
	head := `INSERT INTO ` + quote(t.name) + ` (` + strings.Join(cols, ", ") + `) VALUES `
	var batch []any
	var n int64
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if _, err := tx.Tx.ExecContext(ctx, head+placeholders(len(batch)/len(cols), len(cols)), batch...); err != nil {
			return fmt.Errorf("dbcopy: write %s: %w", t.name, err)
		}
		batch = batch[:0]
		return nil
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return 0, fmt.Errorf("dbcopy: read %s: %w", t.name, err)
		}
		for i, v := range vals {
			cv, err := convert(v, t.types[i])
			if err != nil {
				return 0, fmt.Errorf("dbcopy: %s.%s: %w", t.name, t.columns[i], err)
			}
			batch = append(batch, cv)
		}
		n++
		if len(batch) >= perBatch*len(cols) {
			if err := flush(); err != nil {
				return 0, err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("dbcopy: read %s: %w", t.name, err)
	}
	if err := flush(); err != nil {
		return 0, err
	}
	var got int64
	if err := tx.Tx.QueryRowContext(ctx, `SELECT count(*) FROM `+quote(t.name)).Scan(&got); err != nil {
		return 0, fmt.Errorf("dbcopy: count %s: %w", t.name, err)
	}
	if got != n {
		return 0, fmt.Errorf("dbcopy: %s: read %d rows, the target holds %d", t.name, n, got)
	}
	return n, nil
}

// placeholders returns "($1, $2), ($3, $4)" for rows of cols values.
func placeholders(rows, cols int) string {
	var b strings.Builder
	p := 1
	for r := range rows {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for c := range cols {
			if c > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(p))
			p++
		}
		b.WriteByte(')')
	}
	return b.String()
}

// fixSequences moves each identity column's sequence past the largest
// copied id, so that the next insert on the target does not collide.
func fixSequences(ctx context.Context, tx *store.Store, tables []table) error {
	for _, t := range tables {
		for _, c := range t.identity {
			q := fmt.Sprintf(`SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(MAX(%[1]s), 0) + 1, false) FROM %[2]s`,
				quote(c), quote(t.name))
			if _, err := tx.Tx.ExecContext(ctx, q, t.name, c); err != nil {
				return fmt.Errorf("dbcopy: sequence of %s.%s: %w", t.name, c, err)
			}
		}
	}
	return nil
}
