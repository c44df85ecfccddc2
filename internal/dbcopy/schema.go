package dbcopy

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// table is one partnerfeed table: its columns as SQLite has them, their
// PostgreSQL types, the tables it references and its identity columns.
type table struct {
	name     string
	columns  []string
	types    []string // PostgreSQL data_type per column
	refs     []string
	identity []string
}

// skipped reports whether a table is not partnerfeed's data: SQLite's own,
// goose's version table (the target is migrated by itself) and River's
// (jobs are queued again through River, see queueJobs).
func skipped(name string) bool {
	return strings.HasPrefix(name, "sqlite_") || strings.HasPrefix(name, "river_") || name == "goose_db_version"
}

// sourceTables lists src's tables in foreign-key order: a table comes after
// every table it references.
func sourceTables(ctx context.Context, src *store.Store) ([]table, error) {
	names, err := list[string](ctx, src, `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
	if err != nil {
		return nil, err
	}
	byName := map[string]*table{}
	var order []string
	for _, n := range names {
		if skipped(n) {
			continue
		}
		t := &table{name: n}
		if t.columns, err = list[string](ctx, src, `SELECT name FROM pragma_table_info($1) ORDER BY cid`, n); err != nil {
			return nil, err
		}
		refs, err := list[string](ctx, src, `SELECT DISTINCT "table" FROM pragma_foreign_key_list($1)`, n)
		if err != nil {
			return nil, err
		}
		for _, r := range refs {
			if r != n {
				t.refs = append(t.refs, r)
			}
		}
		byName[n] = t
		order = append(order, n)
	}
	return sortByRefs(order, byName)
}

// sortByRefs orders the tables so that each follows the tables it
// references (alphabetically among equals, so the order is stable).
func sortByRefs(names []string, byName map[string]*table) ([]table, error) {
	var out []table
	done := map[string]bool{}
	for len(out) < len(names) {
		progress := false
		for _, n := range names {
			t := byName[n]
			if done[n] || slices.ContainsFunc(t.refs, func(r string) bool { return !done[r] && byName[r] != nil }) {
				continue
			}
			done[n] = true
			out = append(out, *t)
			progress = true
		}
		if !progress {
			return nil, fmt.Errorf("dbcopy: the foreign keys between the tables form a cycle")
		}
	}
	return out, nil
}

// targetColumns fills in each table's PostgreSQL column types and identity
// columns, and fails when the target lacks a table or column of the source
// (the two binaries' schemas differ).
func targetColumns(ctx context.Context, dst *store.Store, tables []table) error {
	for i := range tables {
		t := &tables[i]
		rows, err := dst.DB.QueryContext(ctx, `SELECT column_name, data_type, is_identity FROM information_schema.columns
			WHERE table_schema = current_schema() AND table_name = $1`, t.name)
		if err != nil {
			return fmt.Errorf("dbcopy: columns of %s: %w", t.name, err)
		}
		types := map[string]string{}
		for rows.Next() {
			var col, typ, ident string
			if err := rows.Scan(&col, &typ, &ident); err != nil {
				rows.Close()
				return fmt.Errorf("dbcopy: columns of %s: %w", t.name, err)
			}
			types[col] = typ
			if ident == "YES" {
				t.identity = append(t.identity, col)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("dbcopy: columns of %s: %w", t.name, err)
		}
		if len(types) == 0 {
			return fmt.Errorf("dbcopy: the target has no table %s", t.name)
		}
		t.types = t.types[:0]
		for _, c := range t.columns {
			typ, ok := types[c]
			if !ok {
				return fmt.Errorf("dbcopy: the target's table %s has no column %s", t.name, c)
			}
			t.types = append(t.types, typ)
		}
	}
	return nil
}

// list runs a query of one column on st.
func list[T any](ctx context.Context, st *store.Store, q string, args ...any) ([]T, error) {
	rows, err := st.DB.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("dbcopy: %w", err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("dbcopy: %w", err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("dbcopy: %w", err)
	}
	return out, nil
}

// quote quotes an identifier for both databases.
func quote(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }
