package store

import (
	"context"
	"fmt"
	"time"
)

// Tag says that an article is news about a partner, with the tagger's evidence.
type Tag struct {
	ArticleID int64
	Partner   string
	Score     float64
	Evidence  string // JSON written by the tagger
	Pinned    bool   // set by an editor; survives re-tagging
	TaggedAt  time.Time
}

// ReplaceTags sets the tagger's tags of an article; pinned tags are kept and
// win over the tagger. It returns the partners that were added.
func (s *Store) ReplaceTags(ctx context.Context, articleID int64, tags []Tag) (added []string, err error) {
	err = s.InTx(ctx, func(tx *Store) error {
		old, err := tx.tagsFor(ctx, fmt.Sprint(articleID))
		if err != nil {
			return err
		}
		had := map[string]bool{}
		pinned := false
		for _, t := range old {
			had[t.Partner] = true
			pinned = pinned || t.Pinned
		}
		if pinned {
			return nil // an editor decided; the tagger does not override
		}
		if _, err := tx.q.ExecContext(ctx, `DELETE FROM article_tags WHERE article_id = $1`, articleID); err != nil {
			return fmt.Errorf("store: clear tags: %w", err)
		}
		now := Now()
		for _, t := range tags {
			if _, err := tx.q.ExecContext(ctx, `INSERT INTO article_tags
				(article_id, partner, score, evidence, pinned, tagged_at) VALUES ($1,$2,$3,$4,0,$5)`,
				articleID, t.Partner, t.Score, t.Evidence, now); err != nil {
				return fmt.Errorf("store: insert tag: %w", err)
			}
			if !had[t.Partner] {
				added = append(added, t.Partner)
			}
		}
		return nil
	})
	return added, err
}

func (s *Store) tagsFor(ctx context.Context, idList string) ([]Tag, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT article_id, partner, score, evidence, pinned, tagged_at
		FROM article_tags WHERE article_id IN (`+idList+`) ORDER BY article_id, partner`)
	if err != nil {
		return nil, fmt.Errorf("store: list tags: %w", err)
	}
	defer rows.Close()
	var out []Tag
	for rows.Next() {
		var t Tag
		var pinned int
		var at int64
		if err := rows.Scan(&t.ArticleID, &t.Partner, &t.Score, &t.Evidence, &pinned, &at); err != nil {
			return nil, fmt.Errorf("store: scan tag: %w", err)
		}
		t.Pinned, t.TaggedAt = pinned == 1, Time(at)
		out = append(out, t)
	}
	return out, rows.Err()
}
