package store

import (
	"context"
	"fmt"
	"time"
)

// LatestDigestIssues lists a recipient's latest issues, newest slot first, at most limit.
func (s *Store) LatestDigestIssues(ctx context.Context, recipient string, limit int) ([]DigestIssue, error) {
	return s.listIssues(ctx, "latest digest issues", `recipient = $1 ORDER BY slot DESC LIMIT $2`, recipient, limit)
}

// SlotIssues counts the issues of one slot of a subscriber schedule by status.
type SlotIssues struct {
	Slot     time.Time
	ByStatus map[string]int // pending, sent, empty, failed, paused
}

// LatestScheduleSlots sums up the latest slots of the self-service
// subscribers on a schedule (a key of email.subscriber_schedules), newest
// first, at most limit slots.
func (s *Store) LatestScheduleSlots(ctx context.Context, schedule string, limit int) ([]SlotIssues, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT i.slot, i.status, COUNT(*) FROM digest_issues i
		JOIN email_subscribers e ON i.recipient = 'subscriber:' || CAST(e.id AS TEXT)
		WHERE e.schedule = $1 AND i.slot IN (SELECT DISTINCT i2.slot FROM digest_issues i2
			JOIN email_subscribers e2 ON i2.recipient = 'subscriber:' || CAST(e2.id AS TEXT)
			WHERE e2.schedule = $1 ORDER BY i2.slot DESC LIMIT $2)
		GROUP BY i.slot, i.status ORDER BY i.slot DESC`, schedule, limit)
	if err != nil {
		return nil, fmt.Errorf("store: slots of schedule %s: %w", schedule, err)
	}
	defer rows.Close()
	var out []SlotIssues
	for rows.Next() {
		var slot int64
		var status string
		var n int
		if err := rows.Scan(&slot, &status, &n); err != nil {
			return nil, fmt.Errorf("store: scan slot: %w", err)
		}
		if len(out) == 0 || out[len(out)-1].Slot.UnixMilli() != slot {
			out = append(out, SlotIssues{Slot: Time(slot), ByStatus: map[string]int{}})
		}
		out[len(out)-1].ByStatus[status] = n
	}
	return out, rows.Err()
}
