package store

import (
	"context"
	"fmt"
)

// queryList runs a query that returns one column and collects it; what names
// the rows in errors ("follows", "subscriber ids").
func queryList[T any](ctx context.Context, q querier, what, query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: list %s: %w", what, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("store: scan %s: %w", what, err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// countByStatus runs a `SELECT status, COUNT(*) … GROUP BY status` query.
func countByStatus(ctx context.Context, q querier, query string, args ...any) (map[string]int, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: count deliveries: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, fmt.Errorf("store: scan count: %w", err)
		}
		out[st] = n
	}
	return out, rows.Err()
}
