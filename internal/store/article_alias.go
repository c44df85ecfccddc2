package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// ArticleURLFor returns the URL of the stored article that url leads to:
// url itself when an article is stored under it, else the article it is an
// alias of (SaveArticleAlias); ErrNotFound when neither.
func (s *Store) ArticleURLFor(ctx context.Context, url string) (string, error) {
	var found string
	var rank int
	err := s.q.QueryRowContext(ctx, `SELECT url, 0 AS rank FROM articles WHERE url = $1
		UNION ALL
		SELECT a.url, 1 AS rank FROM article_aliases al JOIN articles a ON a.url = al.article_url WHERE al.url = $1
		ORDER BY rank LIMIT 1`, url).Scan(&found, &rank)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	if err != nil {
		return "", fmt.Errorf("store: article for %s: %w", url, err)
	}
	return found, nil
}

// SaveArticleAlias records that alias leads to the article stored under
// articleURL; a later call for the same alias replaces the target.
func (s *Store) SaveArticleAlias(ctx context.Context, alias, articleURL string) error {
	if alias == articleURL {
		return nil
	}
	_, err := s.q.ExecContext(ctx, `INSERT INTO article_aliases (url, article_url, created_at) VALUES ($1, $2, $3)
		ON CONFLICT (url) DO UPDATE SET article_url = excluded.article_url`, alias, articleURL, Now())
	if err != nil {
		return fmt.Errorf("store: save alias %s: %w", alias, err)
	}
	return nil
}
