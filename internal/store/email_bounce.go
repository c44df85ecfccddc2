package store

import (
	"context"
	"fmt"
	"time"
)

// RecordEmailBounce counts a hard bounce (a permanent SMTP failure for the
// address at send time) on a subscriber; the bounce that reaches max
// suppresses the address (no more mail), and suppressed reports that this
// call did it.
func (s *Store) RecordEmailBounce(ctx context.Context, id int64, max int, t time.Time) (suppressed bool, err error) {
	err = s.InTx(ctx, func(tx *Store) error {
		if _, err := tx.q.ExecContext(ctx, `UPDATE email_subscribers SET bounces = bounces + 1 WHERE id = $1`, id); err != nil {
			return fmt.Errorf("store: record bounce: %w", err)
		}
		res, err := tx.q.ExecContext(ctx, `UPDATE email_subscribers SET suppressed_at = $1
			WHERE id = $2 AND suppressed_at = 0 AND bounces >= $3`, Millis(t), id, max)
		if err != nil {
			return fmt.Errorf("store: suppress address: %w", err)
		}
		n, _ := res.RowsAffected()
		suppressed = n == 1
		return nil
	})
	return suppressed, err
}

// SuppressedEmailSubscribers lists the subscribers whose addresses are
// suppressed after too many hard bounces, by id.
func (s *Store) SuppressedEmailSubscribers(ctx context.Context) ([]EmailSubscriber, error) {
	return s.emailSubscribersWhere(ctx, `suppressed_at > 0`)
}

// CountSuppressedEmailSubscribers is how many addresses are suppressed.
func (s *Store) CountSuppressedEmailSubscribers(ctx context.Context) (int, error) {
	var n int
	if err := s.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM email_subscribers WHERE suppressed_at > 0`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count suppressed: %w", err)
	}
	return n, nil
}
