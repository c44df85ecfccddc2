package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
)

// pinnedEvidence is the evidence of a tag an editor set.
const pinnedEvidence = `{"pinned":true,"reason":"set by an editor"}`

// SetTagOverride records an editor's decision that the article with the
// canonical URL is news about exactly these partners (none when empty). If the
// article is stored, its tags are replaced by pinned ones at once; the
// override also applies to an article ingested later. It returns the stored
// article (ErrNotFound when there is none yet) and the partners it gained.
func (s *Store) SetTagOverride(ctx context.Context, url string, partners []string) (a Article, added []string, err error) {
	missing := false
	err = s.InTx(ctx, func(tx *Store) error {
		_, err := tx.q.ExecContext(ctx, `INSERT INTO tag_overrides (url, partners, created_at) VALUES ($1, $2, $3)
			ON CONFLICT (url) DO UPDATE SET partners = excluded.partners, created_at = excluded.created_at`,
			url, joinList(partners), Now())
		if err != nil {
			return fmt.Errorf("store: set tag override: %w", err)
		}
		a, err = tx.ArticleByURL(ctx, url)
		if errors.Is(err, ErrNotFound) {
			missing = true
			return nil // keep the override for when the article arrives
		}
		if err != nil {
			return err
		}
		added, err = tx.pinTags(ctx, a.ID, partners)
		return err
	})
	if err == nil && missing {
		return Article{}, nil, ErrNotFound
	}
	return a, added, err
}

// TagOverride returns the partners an editor pinned for the URL, and whether
// there is an override.
func (s *Store) TagOverride(ctx context.Context, url string) ([]string, bool, error) {
	var list string
	err := s.q.QueryRowContext(ctx, `SELECT partners FROM tag_overrides WHERE url = $1`, url).Scan(&list)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("store: get tag override: %w", err)
	}
	return splitList(list), true, nil
}

// RetagArticle stores the tagger's tags for a, unless an editor pinned its
// partners: then the pinned tags stay (and are set if the article arrived
// after the override). It returns the partners the article gained.
func (s *Store) RetagArticle(ctx context.Context, a Article, tags []Tag) (added []string, err error) {
	err = s.InTx(ctx, func(tx *Store) error {
		pinned, ok, err := tx.TagOverride(ctx, a.URL)
		if err != nil {
			return err
		}
		if ok {
			added, err = tx.pinTags(ctx, a.ID, pinned)
		} else {
			added, err = tx.ReplaceTags(ctx, a.ID, tags)
		}
		return err
	})
	return added, err
}

// pinTags makes the article's tags exactly the pinned partners.
func (s *Store) pinTags(ctx context.Context, articleID int64, partners []string) ([]string, error) {
	old, err := s.tagsFor(ctx, fmt.Sprint(articleID))
	if err != nil {
		return nil, err
	}
	var had []string
	same := len(old) == len(partners)
	for _, t := range old {
		had = append(had, t.Partner)
		same = same && t.Pinned && slices.Contains(partners, t.Partner)
	}
	if same {
		return nil, nil
	}
	if _, err := s.q.ExecContext(ctx, `DELETE FROM article_tags WHERE article_id = $1`, articleID); err != nil {
		return nil, fmt.Errorf("store: clear tags: %w", err)
	}
	var added []string
	for _, p := range partners {
		if _, err := s.q.ExecContext(ctx, `INSERT INTO article_tags
			(article_id, partner, score, evidence, pinned, tagged_at) VALUES ($1,$2,0,$3,1,$4)
			ON CONFLICT (article_id, partner) DO NOTHING`,
			articleID, p, pinnedEvidence, Now()); err != nil {
			return nil, fmt.Errorf("store: pin tag: %w", err)
		}
		if !slices.Contains(had, p) {
			added = append(added, p)
		}
	}
	return added, nil
}
