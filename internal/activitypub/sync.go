package activitypub

import (
	"context"
	"fmt"
	"strings"

	"github.com/riverqueue/river"

	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// QueueDelete queues, in tx, the Fediverse's Delete of a hidden article
// (and the Update of a changed one) to every inbox that got its Create.
// The console's hide action calls it in the transaction that hides the
// article; the periodic sync (SyncArgs) catches hides and changes made by
// any other means. Calling it for an article with nothing to tell queues
// nothing.
func QueueDelete(ctx context.Context, q *jobs.Inserter, tx *store.Store, articleID int64) error {
	return queueChanges(ctx, q, tx, articleID, defaultBatch)
}

// defaultBatch is the ledger rows per send job (Service.Batch's default).
const defaultBatch = 200

// queueChanges records an Update for every published article (onlyArticle
// > 0: that one) whose title or lead changed, and a Delete for every
// hidden one, to the inboxes that got its Create, and enqueues them.
func queueChanges(ctx context.Context, q *jobs.Inserter, tx *store.Store, onlyArticle int64, batch int) error {
	changes, err := tx.FediChanges(ctx, onlyArticle)
	if err != nil {
		return err
	}
	touched := map[int64]bool{}
	for _, c := range changes {
		a, err := tx.Article(ctx, c.ArticleID)
		if err != nil {
			return err
		}
		kind := "delete"
		if c.Hidden {
			err = tx.MarkFediDeleted(ctx, a.ID, c.Actor)
		} else {
			var rev int
			rev, err = tx.MarkFediUpdated(ctx, a.ID, c.Actor, a.Title, a.Lead)
			kind = fmt.Sprintf("update-%d", rev)
		}
		if err != nil {
			return err
		}
		prefix := recipient("create", c.Actor, "")
		got, err := tx.DeliveryRecipientsWithPrefix(ctx, a.ID, Channel, prefix)
		if err != nil {
			return err
		}
		recipients := make([]string, len(got))
		for i, r := range got {
			recipients[i] = recipient(kind, c.Actor, strings.TrimPrefix(r, prefix))
		}
		if _, err := tx.RecordDeliveries(ctx, a.ID, Channel, recipients); err != nil {
			return err
		}
		touched[a.ID] = len(recipients) > 0
	}
	for id, any := range touched {
		if any {
			if err := enqueuePending(ctx, q, tx, id, batch); err != nil {
				return err
			}
		}
	}
	return nil
}

// SyncArgs is the periodic job that sends Updates and Deletes.
type SyncArgs struct{}

// Kind is the River job kind.
func (SyncArgs) Kind() string { return "fedi_sync" }

type syncWorker struct {
	river.WorkerDefaults[SyncArgs]
	s *Service
}

// Work queues what changed since the last run.
func (w *syncWorker) Work(ctx context.Context, _ *river.Job[SyncArgs]) error {
	return w.s.store.InTx(ctx, func(tx *store.Store) error {
		return queueChanges(ctx, w.s.jobs, tx, 0, w.s.Batch)
	})
}
