package store

import (
	"context"
	"fmt"
	"time"
)

// LiveReplicas returns the replicas (serve processes) that recorded being
// alive at or after since: a process still running on this database.
func (s *Store) LiveReplicas(ctx context.Context, since time.Time) ([]string, error) {
	exists, err := s.tableExists(ctx, "replicas")
	if err != nil || !exists {
		return nil, err
	}
	return queryList[string](ctx, s.q, "live replicas", `SELECT id FROM replicas WHERE seen_at >= $1 ORDER BY id`, Millis(since))
}

// ForgetReplicas removes every replica's heartbeat: for a restored backup,
// whose rows describe the processes running when it was taken.
func (s *Store) ForgetReplicas(ctx context.Context) error {
	exists, err := s.tableExists(ctx, "replicas")
	if err != nil || !exists {
		return err
	}
	if _, err := s.q.ExecContext(ctx, `DELETE FROM replicas`); err != nil {
		return fmt.Errorf("store: forget replicas: %w", err)
	}
	return nil
}
