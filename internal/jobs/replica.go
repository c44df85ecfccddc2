package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/riverqueue/river/rivertype"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// A replica records that it is alive every HeartbeatEvery; one not heard of
// for DeadAfter is dead, and the others take its delivery work over.
const (
	HeartbeatEvery = 5 * time.Second
	DeadAfter      = 30 * time.Second
)

// NewReplicaID returns an ID for this process, unique among the replicas of
// a database: host name, process ID and a random part. It is the River
// client's ID, so a job's AttemptedBy names the replica that works it.
func NewReplicaID() string {
	host, _ := os.Hostname()
	b := make([]byte, 4)
	rand.Read(b)
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
}

// Replica returns the replica working (or that last worked) job.
func Replica(job *rivertype.JobRow) string {
	if n := len(job.AttemptedBy); n > 0 {
		return job.AttemptedBy[n-1]
	}
	return ""
}

// KeepAlive records replica id as alive every HeartbeatEvery until ctx ends,
// then removes it (a replica that stops cleanly is not dead: its jobs end
// or return to River).
func KeepAlive(ctx context.Context, st *store.Store, id string, log *slog.Logger) error {
	t := time.NewTicker(HeartbeatEvery)
	defer t.Stop()
	for {
		if err := st.Heartbeat(ctx, id, time.Now()); err != nil && ctx.Err() == nil {
			log.Warn("Recording this replica as alive failed", slog.Any("error", err))
		}
		select {
		case <-ctx.Done():
			rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			defer cancel()
			return st.RemoveReplica(rctx, id, time.Now().Add(-24*time.Hour))
		case <-t.C:
		}
	}
}

// DeadReplicas returns the replicas not heard of for DeadAfter, as judged
// by replica self: when self's own heartbeat is late too (the database was
// out of reach), nobody is judged dead.
func DeadReplicas(ctx context.Context, st *store.Store, self string) (map[string]bool, error) {
	now := time.Now()
	late, err := st.DeadReplicas(ctx, now.Add(-2*HeartbeatEvery))
	if err != nil || late[self] {
		return nil, err
	}
	return st.DeadReplicas(ctx, now.Add(-DeadAfter))
}
