package notify

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// Worker runs ArticleArgs jobs. It applies the delivery rule (Rule.Qualifies:
// published within MaxAge of being first seen, not from a backfill); if the
// article qualifies, it hands it to every fan-out in one transaction, so a
// crash leaves either all ledger rows or none.
type Worker struct {
	river.WorkerDefaults[ArticleArgs]
	Store   *store.Store
	Fanouts []Fanout
	// MaxAge is notify.max_age.
	MaxAge time.Duration
}

// Work fans one article out, or does nothing when it is not news to push.
func (w *Worker) Work(ctx context.Context, job *river.Job[ArticleArgs]) error {
	a, err := w.Store.Article(ctx, job.Args.ArticleID)
	if err != nil {
		return fmt.Errorf("notify: article %d: %w", job.Args.ArticleID, err)
	}
	if !(Rule{MaxAge: w.MaxAge}).Qualifies(a) {
		return nil
	}
	return w.Store.InTx(ctx, func(tx *store.Store) error {
		for _, f := range w.Fanouts {
			if err := f.Fanout(ctx, tx, a, job.Args.Partners); err != nil {
				return fmt.Errorf("notify: article %d: %w", a.ID, err)
			}
		}
		return nil
	})
}
