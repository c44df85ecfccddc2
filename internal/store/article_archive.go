package store

import (
	"context"
	"fmt"
)

// CountArticles returns how many articles o selects (o.Limit and o.Offset are ignored).
func (s *Store) CountArticles(ctx context.Context, o ListOptions) (int, error) {
	where, args := o.where()
	var n int
	if err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles a`+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count articles: %w", err)
	}
	return n, nil
}

// ListArticlesStored returns o.Limit articles (all when 0) of o's selection
// in the order they were first stored (by id, oldest first), skipping the
// first o.Offset. New articles always come last in this order, so a slice of
// it stays the same as articles arrive: feed archive pages are cut from it.
func (s *Store) ListArticlesStored(ctx context.Context, o ListOptions) ([]Article, error) {
	if o.Offset > 0 && o.Limit <= 0 {
		return nil, fmt.Errorf("store: list stored articles: an offset needs a limit")
	}
	where, args := o.where()
	q := `SELECT ` + articleColumns + ` FROM articles a` + where + ` ORDER BY a.id`
	if o.Limit > 0 {
		q += fmt.Sprintf(` LIMIT %d`, o.Limit)
	}
	if o.Offset > 0 {
		q += fmt.Sprintf(` OFFSET %d`, o.Offset)
	}
	return s.queryArticles(ctx, q, args...)
}
