package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// Cells returns every value stored in every table of st (River's included),
// each as "table.column: value", for tests that look for what must never be
// stored (a secret, say).
func Cells(t testing.TB, st *store.Store) []string {
	t.Helper()
	ctx := context.Background()
	q := `SELECT name FROM sqlite_master WHERE type = 'table'`
	if st.Dialect == store.Postgres {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`
	}
	var tables []string
	rows, err := st.DB.QueryContext(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, n)
	}
	rows.Close()
	var out []string
	for _, table := range tables {
		out = append(out, tableCells(t, st, table)...)
	}
	return out
}

func tableCells(t testing.TB, st *store.Store, table string) []string {
	t.Helper()
	sel := `SELECT * FROM ` + table
	if st.Dialect == store.SQLite && table == "river_job" {
		// River keeps JSON there as SQLite's binary JSONB: read it as text.
		sel = `SELECT *, json(args), json(errors), json(metadata) FROM river_job`
	}
	rows, err := st.DB.QueryContext(context.Background(), sel)
	if err != nil {
		t.Fatalf("storetest: read %s: %v", table, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatalf("storetest: read %s: %v", table, err)
		}
		for i, v := range vals {
			switch v := v.(type) {
			case nil:
			case []byte:
				out = append(out, fmt.Sprintf("%s.%s: %s", table, cols[i], v))
			default:
				out = append(out, fmt.Sprintf("%s.%s: %v", table, cols[i], v))
			}
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
