package store

import (
	"context"
	"fmt"
	"strconv"
	"time"
)

// feedsCreatedKey is the setting holding when the feeds were first rendered.
const feedsCreatedKey = "feeds_created_at"

// FeedsCreated returns when the feeds were first rendered: now, the first
// time it is asked, and that same time ever after (for every replica). An
// empty feed says it was updated then.
func (s *Store) FeedsCreated(ctx context.Context, now time.Time) (time.Time, error) {
	if _, err := s.q.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`,
		feedsCreatedKey, strconv.FormatInt(now.UnixMilli(), 10)); err != nil {
		return time.Time{}, fmt.Errorf("store: record feed creation: %w", err)
	}
	v, err := s.Setting(ctx, feedsCreatedKey)
	if err != nil {
		return time.Time{}, err
	}
	ms, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("store: feed creation time %q: %w", v, err)
	}
	return time.UnixMilli(ms), nil
}
