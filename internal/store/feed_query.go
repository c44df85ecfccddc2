package store

import (
	"context"
	"fmt"
)

// DataVersion summarizes the rows that published feeds and pages depend on.
// It changes whenever an article is inserted, edited, deleted, hidden or
// shown again, translated, or a tag is added, replaced or removed; comparing two values is a cheap way to learn
// that another process (such as `partnerfeed ingest`) wrote to the database.
type DataVersion struct {
	Articles   int64 // number of articles
	MaxUpdated int64 // newest articles.updated_at (Unix ms)
	Tags       int64 // number of article tags
	MaxTagged  int64 // newest article_tags.tagged_at (Unix ms)
	Hidden     int64 // number of withdrawn articles
	MaxHidden  int64 // newest articles.hidden_at (Unix ms)
	// Translations and MaxTranslated count the press office's translations
	// and their newest change (Unix ms).
	Translations, MaxTranslated int64
}

// DataVersion returns the current DataVersion in one query.
func (s *Store) DataVersion(ctx context.Context) (DataVersion, error) {
	var v DataVersion
	err := s.q.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM articles),
		(SELECT COALESCE(MAX(updated_at), 0) FROM articles),
		(SELECT COUNT(*) FROM article_tags),
		(SELECT COALESCE(MAX(tagged_at), 0) FROM article_tags),
		(SELECT COUNT(*) FROM articles WHERE hidden_at <> 0),
		(SELECT COALESCE(MAX(hidden_at), 0) FROM articles),
		(SELECT COUNT(*) FROM article_translations),
		(SELECT COALESCE(MAX(updated_at), 0) FROM article_translations)`).
		Scan(&v.Articles, &v.MaxUpdated, &v.Tags, &v.MaxTagged, &v.Hidden, &v.MaxHidden, &v.Translations, &v.MaxTranslated)
	if err != nil {
		return DataVersion{}, fmt.Errorf("store: data version: %w", err)
	}
	return v, nil
}
