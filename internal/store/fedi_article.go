package store

import (
	"context"
	"fmt"
)

// FediChange is an article the Fediverse was told of that changed since:
// its title or lead differ from what was sent (an Update is due) or it was
// hidden (a Delete is due).
type FediChange struct {
	ArticleID int64
	Actor     string
	Hidden    bool
}

// RecordFediArticle records that actor published the article with this
// title and lead (its Create); a second call changes nothing.
func (s *Store) RecordFediArticle(ctx context.Context, articleID int64, actor, title, lead string) error {
	_, err := s.q.ExecContext(ctx, `INSERT INTO fedi_articles (article_id, actor, title, lead, created_at)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (article_id, actor) DO NOTHING`, articleID, actor, title, lead, Now())
	if err != nil {
		return fmt.Errorf("store: record fediverse article: %w", err)
	}
	return nil
}

// FediChanges returns the published articles (onlyArticle > 0: that one
// only) whose title or lead changed or which were hidden, and not deleted
// on the Fediverse yet.
func (s *Store) FediChanges(ctx context.Context, onlyArticle int64) ([]FediChange, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT f.article_id, f.actor, a.hidden_at <> 0 FROM fedi_articles f
		JOIN articles a ON a.id = f.article_id
		WHERE f.deleted_at = 0 AND (CAST($1 AS BIGINT) = 0 OR f.article_id = $1)
		AND (a.hidden_at <> 0 OR a.title <> f.title OR a.lead <> f.lead)
		ORDER BY f.article_id, f.actor`, onlyArticle)
	if err != nil {
		return nil, fmt.Errorf("store: fediverse changes: %w", err)
	}
	defer rows.Close()
	var out []FediChange
	for rows.Next() {
		var c FediChange
		if err := rows.Scan(&c.ArticleID, &c.Actor, &c.Hidden); err != nil {
			return nil, fmt.Errorf("store: scan fediverse change: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// MarkFediUpdated records that actor sent an Update with this title and
// lead, and returns the article's new revision (1 for the first Update).
func (s *Store) MarkFediUpdated(ctx context.Context, articleID int64, actor, title, lead string) (int, error) {
	var rev int
	err := s.q.QueryRowContext(ctx, `UPDATE fedi_articles SET title = $1, lead = $2, revision = revision + 1
		WHERE article_id = $3 AND actor = $4 RETURNING revision`, title, lead, articleID, actor).Scan(&rev)
	if err != nil {
		return 0, fmt.Errorf("store: mark fediverse update: %w", err)
	}
	return rev, nil
}

// MarkFediDeleted records that actor sent a Delete of the article.
func (s *Store) MarkFediDeleted(ctx context.Context, articleID int64, actor string) error {
	_, err := s.q.ExecContext(ctx, `UPDATE fedi_articles SET deleted_at = $1 WHERE article_id = $2 AND actor = $3`,
		Now(), articleID, actor)
	if err != nil {
		return fmt.Errorf("store: mark fediverse delete: %w", err)
	}
	return nil
}

// FediOutbox returns the ids of the articles actor published and did not
// delete, newest first: limit of them below beforeID (0: from the newest),
// and how many there are in all.
func (s *Store) FediOutbox(ctx context.Context, actor string, beforeID int64, limit int) ([]int64, int, error) {
	var total int
	if err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM fedi_articles WHERE actor = $1 AND deleted_at = 0`,
		actor).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count fediverse outbox: %w", err)
	}
	ids, err := queryList[int64](ctx, s.q, "fediverse outbox", `SELECT article_id FROM fedi_articles
		WHERE actor = $1 AND deleted_at = 0 AND (CAST($2 AS BIGINT) = 0 OR article_id < $2) ORDER BY article_id DESC LIMIT $3`,
		actor, beforeID, limit)
	return ids, total, err
}

// DeliveryRecipientsWithPrefix returns the recipients of an article's rows
// on a channel whose recipient starts with prefix.
func (s *Store) DeliveryRecipientsWithPrefix(ctx context.Context, articleID int64, channel, prefix string) ([]string, error) {
	return queryList[string](ctx, s.q, "delivery recipients", `SELECT recipient FROM deliveries
		WHERE article_id = $1 AND channel = $2 AND substr(recipient, 1, $3) = $4 ORDER BY recipient`,
		articleID, channel, len(prefix), prefix)
}
