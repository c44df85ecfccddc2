package notify

import (
	"context"
	"fmt"

	"github.com/riverqueue/river"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// Worker runs ArticleArgs jobs: it hands the article to every fan-out in one
// transaction, so a crash leaves either all ledger rows or none.
type Worker struct {
	river.WorkerDefaults[ArticleArgs]
	Store   *store.Store
	Fanouts []Fanout
}

// Work fans one article out.
func (w *Worker) Work(ctx context.Context, job *river.Job[ArticleArgs]) error {
	a, err := w.Store.Article(ctx, job.Args.ArticleID)
	if err != nil {
		return fmt.Errorf("notify: article %d: %w", job.Args.ArticleID, err)
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
