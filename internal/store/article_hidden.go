package store

import (
	"context"
	"fmt"
	"time"
)

// SetArticleHidden withdraws the article at t with reason (hidden true) or
// shows it again (hidden false, reason and time cleared). It reports whether
// the article's state changed: hiding a hidden article again keeps its
// first time and reason.
func (s *Store) SetArticleHidden(ctx context.Context, id int64, hidden bool, reason string, t time.Time) (bool, error) {
	q := `UPDATE articles SET hidden_at = $1, hidden_reason = $2 WHERE id = $3 AND hidden_at = 0`
	args := []any{Millis(t), reason, id}
	if !hidden {
		q = `UPDATE articles SET hidden_at = 0, hidden_reason = '' WHERE id = $1 AND hidden_at <> 0`
		args = []any{id}
	}
	res, err := s.q.ExecContext(ctx, q, args...)
	if err != nil {
		return false, fmt.Errorf("store: set article %d hidden: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: set article %d hidden: %w", id, err)
	}
	return n > 0, nil
}
