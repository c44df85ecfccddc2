package store

import (
	"context"
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
