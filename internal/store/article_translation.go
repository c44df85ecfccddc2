package store

import (
	"context"
	"fmt"
	"time"
)

// Translation is the press office's translation of an article's title and
// summary into one language.
type Translation struct {
	Lang       string
	Title      string
	Summary    string
	Translator string // the console account that wrote it
	UpdatedAt  time.Time
}

// SetArticleTranslation adds or replaces the article's translation into
// t.Lang.
func (s *Store) SetArticleTranslation(ctx context.Context, articleID int64, t Translation) error {
	_, err := s.q.ExecContext(ctx, `INSERT INTO article_translations (article_id, lang, title, summary, translator, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (article_id, lang) DO UPDATE SET title = excluded.title,
		summary = excluded.summary, translator = excluded.translator, updated_at = excluded.updated_at`,
		articleID, t.Lang, t.Title, t.Summary, t.Translator, Millis(t.UpdatedAt))
	if err != nil {
		return fmt.Errorf("store: set translation of article %d: %w", articleID, err)
	}
	return nil
}

// DeleteArticleTranslation removes the article's translation into lang and
// reports whether there was one.
func (s *Store) DeleteArticleTranslation(ctx context.Context, articleID int64, lang string) (bool, error) {
	res, err := s.q.ExecContext(ctx, `DELETE FROM article_translations WHERE article_id = $1 AND lang = $2`, articleID, lang)
	if err != nil {
		return false, fmt.Errorf("store: delete translation of article %d: %w", articleID, err)
	}
	n, _ := res.RowsAffected()
	return n > 0, nil
}

// fillTranslations loads the translations of the articles (ids in, the
// list's index idx) in one query.
func (s *Store) fillTranslations(ctx context.Context, in string, list []Article, idx map[int64]int) error {
	rows, err := s.q.QueryContext(ctx, `SELECT article_id, lang, title, summary, translator, updated_at
		FROM article_translations WHERE article_id IN (`+in+`) ORDER BY article_id, lang`)
	if err != nil {
		return fmt.Errorf("store: list translations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, at int64
		var t Translation
		if err := rows.Scan(&id, &t.Lang, &t.Title, &t.Summary, &t.Translator, &at); err != nil {
			return fmt.Errorf("store: scan translation: %w", err)
		}
		t.UpdatedAt = Time(at)
		a := &list[idx[id]]
		if a.Translations == nil {
			a.Translations = map[string]Translation{}
		}
		a.Translations[t.Lang] = t
	}
	return rows.Err()
}
