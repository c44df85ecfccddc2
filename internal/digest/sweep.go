package digest

import (
	"context"
	"fmt"

	"github.com/riverqueue/river"

	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// Sweep inserts send jobs for the pending issues of known recipients that no
// live send job covers (River gave up on theirs after its last attempt, or it
// was cancelled) and returns how many issues it re-queued. Their rows were
// fixed when the issue opened, so no later issue would ever take them. Running it
// again re-queues nothing more (the new jobs are live), and an issue sent
// meanwhile is not sent again: the send job skips issues already done and
// addresses already answered.
func (s *Service) Sweep(ctx context.Context, client *jobs.Client, dead map[string]bool) (int, error) {
	// Issues first, jobs second: an issue exists only once its job ran, so
	// a job missing from the list read after it has ended.
	issues, err := s.Store.PendingDigestIssues(ctx)
	if err != nil || len(issues) == 0 {
		return 0, err
	}
	live, err := jobs.LiveArgs[SendArgs](ctx, client, dead)
	if err != nil {
		return 0, err
	}
	type slotKey struct {
		recipient string
		slot      int64
	}
	covered := map[slotKey]bool{}
	for _, args := range live {
		for _, r := range args.Recipients {
			covered[slotKey{r, args.Slot}] = true
		}
	}
	bySlot := map[int64][]string{}
	var slots []int64
	for _, iss := range issues {
		k := slotKey{iss.Recipient, iss.Slot.UnixMilli()}
		if covered[k] {
			continue
		}
		if bySlot[k.slot] == nil {
			slots = append(slots, k.slot)
		}
		bySlot[k.slot] = append(bySlot[k.slot], iss.Recipient)
	}
	var params []river.InsertManyParams
	n := 0
	for _, slot := range slots {
		// A recipient gone since (unsubscribed, removed from config.yaml)
		// has nobody to send to.
		rs, err := s.recipients(ctx, bySlot[slot])
		if err != nil {
			return 0, err
		}
		for start := 0; start < len(rs); start += BatchSize {
			var keys []string
			for _, r := range rs[start:min(start+BatchSize, len(rs))] {
				keys = append(keys, r.Key)
			}
			params = append(params, river.InsertManyParams{Args: SendArgs{Recipients: keys, Slot: slot}})
			n += len(keys)
		}
	}
	if len(params) == 0 {
		return 0, nil
	}
	err = s.Store.InTx(ctx, func(tx *store.Store) error {
		_, err := client.InsertManyTx(ctx, tx.Tx, params)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("digest: sweep: %w", err)
	}
	return n, nil
}
