package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ImageLength is the length stored for an image URL by any article (see
// Image.Length), or 0 when it was never asked for.
func (s *Store) ImageLength(ctx context.Context, url string) (int64, error) {
	var n int64
	err := s.q.QueryRowContext(ctx, `SELECT length FROM article_images
		WHERE url = $1 AND length <> 0 LIMIT 1`, url).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: image length: %w", err)
	}
	return n, nil
}

// SetImageLength records the length of an image URL where it is not known
// yet (articles stored before lengths were asked for).
func (s *Store) SetImageLength(ctx context.Context, url string, n int64) error {
	if _, err := s.q.ExecContext(ctx, `UPDATE article_images SET length = $1
		WHERE url = $2 AND length = 0`, n, url); err != nil {
		return fmt.Errorf("store: set image length: %w", err)
	}
	return nil
}
