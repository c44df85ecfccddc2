package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// HTTPValidators returns the ETag and Last-Modified stored for a URL ("" when none).
func (s *Store) HTTPValidators(ctx context.Context, url string) (etag, lastModified string, err error) {
	err = s.q.QueryRowContext(ctx, `SELECT etag, last_modified FROM http_cache WHERE url = $1`, url).
		Scan(&etag, &lastModified)
	if errors.Is(err, sql.ErrNoRows) {
		return "", "", nil
	}
	if err != nil {
		return "", "", fmt.Errorf("store: http cache %s: %w", url, err)
	}
	return etag, lastModified, nil
}

// SaveHTTPValidators stores a URL's validators after its content was processed.
func (s *Store) SaveHTTPValidators(ctx context.Context, url, etag, lastModified string) error {
	if etag == "" && lastModified == "" {
		return nil
	}
	_, err := s.q.ExecContext(ctx, `INSERT INTO http_cache (url, etag, last_modified, fetched_at)
		VALUES ($1, $2, $3, $4)
		ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
			fetched_at = excluded.fetched_at`, url, etag, lastModified, Now())
	if err != nil {
		return fmt.Errorf("store: save http cache %s: %w", url, err)
	}
	return nil
}
