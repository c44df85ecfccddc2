package store

import (
	"context"
	"fmt"
)

// ArticleDeliveryCounts counts an article's ledger rows per channel and
// status: Telegram sent, failed, pending, sending and skipped; email rows
// (one per digest recipient) pending until their issue went out, then sent,
// failed or skipped.
func (s *Store) ArticleDeliveryCounts(ctx context.Context, articleID int64) (map[string]map[string]int, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT channel, status, COUNT(*) FROM deliveries
		WHERE article_id = $1 GROUP BY channel, status`, articleID)
	if err != nil {
		return nil, fmt.Errorf("store: count deliveries of article %d: %w", articleID, err)
	}
	defer rows.Close()
	out := map[string]map[string]int{}
	for rows.Next() {
		var channel, status string
		var n int
		if err := rows.Scan(&channel, &status, &n); err != nil {
			return nil, fmt.Errorf("store: scan delivery count: %w", err)
		}
		if out[channel] == nil {
			out[channel] = map[string]int{}
		}
		out[channel][status] = n
	}
	return out, rows.Err()
}

// ArticleDigestIssueCounts counts the digest issues holding an article by
// the issue's status (pending, sent, empty, failed, paused).
func (s *Store) ArticleDigestIssueCounts(ctx context.Context, articleID int64) (map[string]int, error) {
	return countByStatus(ctx, s.q, `SELECT i.status, COUNT(DISTINCT i.id) FROM deliveries d
		JOIN digest_issues i ON i.id = d.issue_id
		WHERE d.article_id = $1 AND d.channel = 'email' GROUP BY i.status`, articleID)
}
