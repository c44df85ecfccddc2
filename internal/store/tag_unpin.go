package store

import (
	"context"
	"errors"
	"fmt"
)

// RemoveTagOverride deletes the editor's override of the URL (ErrNotFound
// when there is none). If the article is stored, its pinned tags give way,
// in the same transaction, to the tags retag computes for it (the tagger's);
// it returns the article (the zero Article when none is stored yet) and the
// partners it gained.
func (s *Store) RemoveTagOverride(ctx context.Context, url string, retag func(Article) []Tag) (a Article, added []string, err error) {
	err = s.InTx(ctx, func(tx *Store) error {
		res, err := tx.q.ExecContext(ctx, `DELETE FROM tag_overrides WHERE url = $1`, url)
		if err != nil {
			return fmt.Errorf("store: remove tag override: %w", err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("store: remove tag override: %w", err)
		}
		if n == 0 {
			return ErrNotFound
		}
		a, err = tx.ArticleByURL(ctx, url)
		if errors.Is(err, ErrNotFound) {
			a = Article{}
			return nil
		}
		if err != nil {
			return err
		}
		if _, err := tx.q.ExecContext(ctx, `UPDATE article_tags SET pinned = 0 WHERE article_id = $1`, a.ID); err != nil {
			return fmt.Errorf("store: unpin tags: %w", err)
		}
		added, err = tx.ReplaceTags(ctx, a.ID, retag(a))
		return err
	})
	if err != nil {
		return Article{}, nil, err
	}
	return a, added, nil
}
