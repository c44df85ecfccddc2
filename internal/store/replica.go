package store

import (
	"context"
	"fmt"
	"time"
)

// Heartbeat records that replica id is alive at now.
func (s *Store) Heartbeat(ctx context.Context, id string, now time.Time) error {
	_, err := s.q.ExecContext(ctx, `INSERT INTO replicas (id, seen_at) VALUES ($1, $2)
		ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at`, id, Millis(now))
	if err != nil {
		return fmt.Errorf("store: heartbeat: %w", err)
	}
	return nil
}

// RemoveReplica forgets replica id (it stopped cleanly), and replicas dead
// for longer than forgetBefore.
func (s *Store) RemoveReplica(ctx context.Context, id string, forgetBefore time.Time) error {
	_, err := s.q.ExecContext(ctx, `DELETE FROM replicas WHERE id = $1 OR seen_at < $2`, id, Millis(forgetBefore))
	if err != nil {
		return fmt.Errorf("store: remove replica: %w", err)
	}
	return nil
}

// DeadReplicas returns the replicas last seen before before. A replica
// without a row (stopped cleanly, or older than heartbeats) is not dead.
func (s *Store) DeadReplicas(ctx context.Context, before time.Time) (map[string]bool, error) {
	ids, err := queryList[string](ctx, s.q, "dead replicas", `SELECT id FROM replicas WHERE seen_at < $1`, Millis(before))
	if err != nil {
		return nil, err
	}
	dead := make(map[string]bool, len(ids))
	for _, id := range ids {
		dead[id] = true
	}
	return dead, nil
}

// ReleaseDeliveriesOf returns to pending the rows of a channel in sending
// that the given (dead) replicas claimed, and returns their articles.
func (s *Store) ReleaseDeliveriesOf(ctx context.Context, channel string, replicas []string) (int, []int64, error) {
	if len(replicas) == 0 {
		return 0, nil, nil
	}
	return s.releaseDeliveries(ctx, releaseToPending+`
		WHERE channel = $1 AND status = 'sending' AND claimed_by IN (`+placeholders(1, len(replicas))+`) RETURNING article_id`,
		append([]any{channel}, argList(replicas)...)...)
}
