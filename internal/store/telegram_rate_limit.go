package store

import (
	"context"
	"fmt"
	"time"
)

// telegramRateLimitsKept is how long a 429 is remembered.
const telegramRateLimitsKept = 24 * time.Hour

// RecordTelegramRateLimit remembers a 429 answered at `at` with the wait
// Telegram asked for, and forgets those older than a day.
func (s *Store) RecordTelegramRateLimit(ctx context.Context, at time.Time, retryAfter time.Duration) error {
	return s.InTx(ctx, func(tx *Store) error {
		if _, err := tx.q.ExecContext(ctx, `INSERT INTO telegram_rate_limits (at, retry_after) VALUES ($1, $2)`,
			Millis(at), retryAfter.Milliseconds()); err != nil {
			return fmt.Errorf("store: record telegram rate limit: %w", err)
		}
		if _, err := tx.q.ExecContext(ctx, `DELETE FROM telegram_rate_limits WHERE at < $1`,
			Millis(at.Add(-telegramRateLimitsKept))); err != nil {
			return fmt.Errorf("store: forget telegram rate limits: %w", err)
		}
		return nil
	})
}

// RateLimits sums up the 429s Telegram answered since a time.
type RateLimits struct {
	Count         int64
	Last          time.Time     // zero when Count is 0
	MaxRetryAfter time.Duration // the longest wait asked for
}

// TelegramRateLimitsSince sums up the 429s since since.
func (s *Store) TelegramRateLimitsSince(ctx context.Context, since time.Time) (RateLimits, error) {
	var r RateLimits
	var last, wait int64
	err := s.q.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(MAX(at), 0), COALESCE(MAX(retry_after), 0)
		FROM telegram_rate_limits WHERE at >= $1`, Millis(since)).Scan(&r.Count, &last, &wait)
	if err != nil {
		return r, fmt.Errorf("store: telegram rate limits: %w", err)
	}
	if r.Count > 0 {
		r.Last = Time(last)
	}
	r.MaxRetryAfter = time.Duration(wait) * time.Millisecond
	return r, nil
}
