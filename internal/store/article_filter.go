package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// ArticleFilter selects articles for the console: every article, withdrawn
// ones included, narrowed by each field that is set.
type ArticleFilter struct {
	Partner  string    // tagged with this partner
	Source   string    // from this source
	From, To time.Time // published in [From, To)
	Untagged bool      // without any partner
	Pinned   bool      // an editor pinned its partners
	Hidden   bool      // withdrawn
	Limit    int       // 0 = no limit
	Offset   int
}

// where is the filter's WHERE clause and its arguments.
func (f ArticleFilter) where() (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, arg any) {
		args = append(args, arg)
		conds = append(conds, strings.ReplaceAll(cond, "$?", fmt.Sprintf("$%d", len(args))))
	}
	if f.Partner != "" {
		add(`EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id AND t.partner = $?)`, f.Partner)
	}
	if f.Source != "" {
		add(`a.source = $?`, f.Source)
	}
	if !f.From.IsZero() {
		add(`a.published_at >= $?`, Millis(f.From))
	}
	if !f.To.IsZero() {
		add(`a.published_at < $?`, Millis(f.To))
	}
	if f.Untagged {
		conds = append(conds, `NOT EXISTS (SELECT 1 FROM article_tags t WHERE t.article_id = a.id)`)
	}
	if f.Pinned {
		conds = append(conds, `EXISTS (SELECT 1 FROM tag_overrides o WHERE o.url = a.url)`)
	}
	if f.Hidden {
		conds = append(conds, `a.hidden_at <> 0`)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return ` WHERE ` + strings.Join(conds, ` AND `), args
}

// FilterArticles returns the filter's articles newest first (with images
// and tags) and how many the filter selects in all.
func (s *Store) FilterArticles(ctx context.Context, f ArticleFilter) ([]Article, int, error) {
	where, args := f.where()
	var total int
	if err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles a`+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count articles: %w", err)
	}
	q := `SELECT ` + articleColumns + ` FROM articles a` + where + ` ORDER BY a.published_at DESC, a.id DESC`
	if f.Limit > 0 {
		q += fmt.Sprintf(` LIMIT %d OFFSET %d`, f.Limit, max(f.Offset, 0))
	}
	list, err := s.queryArticles(ctx, q, args...)
	return list, total, err
}

// Sources are the names of the sources articles came from, sorted.
func (s *Store) Sources(ctx context.Context) ([]string, error) {
	return queryList[string](ctx, s.q, "sources", `SELECT DISTINCT source FROM articles ORDER BY source`)
}
