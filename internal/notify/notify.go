// Package notify turns a newly tagged article into deliveries: it is the one
// place that decides whether an article may be pushed at all, and hands it to
// every destination (Telegram, email digests) inside one transaction, so that
// the delivery ledger rows commit together.
package notify

import (
	"context"
	"fmt"

	"github.com/riverqueue/river"

	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// ArticleArgs is the River job that fans one article out to its followers.
// Ingest and re-tagging insert it in the same transaction as the article rows.
type ArticleArgs struct {
	ArticleID int64 `json:"article_id"`
	// Partners are the partners to notify about (new tags only, on re-tagging).
	Partners []string `json:"partners"`
}

// Kind is the River job kind.
func (ArticleArgs) Kind() string { return "notify_article" }

// Fanout is a destination: it records ledger rows (and enqueues its own send
// jobs) for one article inside tx. The Worker calls it only for articles that
// are news to push.
type Fanout interface {
	Fanout(ctx context.Context, tx *store.Store, a store.Article, partners []string) error
}

// Queue inserts, inside tx, the job that notifies the followers of partners
// (the partners an article just gained) about it. Producers queue every such
// article; whether it is news to push is the Worker's decision alone.
func Queue(ctx context.Context, q *jobs.Inserter, tx *store.Store, articleID int64, partners []string) error {
	_, err := q.InsertManyTx(ctx, tx.Tx, []river.InsertManyParams{
		{Args: ArticleArgs{ArticleID: articleID, Partners: partners}}})
	if err != nil {
		return fmt.Errorf("notify: queue article %d: %w", articleID, err)
	}
	return nil
}
