package telegram

import (
	"context"
	"fmt"
	"sort"

	"github.com/riverqueue/river"

	"github.com/partnerfeed/partnerfeed/internal/notify"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// Queue is the River queue of the send jobs.
const Queue = "telegram"

// SendArgs is a River job that sends one article to the pending ledger rows
// with ids in [FromID, ToID]: one job per batch of chats, one row per chat.
type SendArgs struct {
	ArticleID int64 `json:"article_id"`
	FromID    int64 `json:"from_id"`
	ToID      int64 `json:"to_id"`
}

// Kind is the River job kind.
func (SendArgs) Kind() string { return "telegram_send" }

// InsertOpts puts send jobs on their own queue.
func (SendArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{Queue: Queue} }

// Fanout records, inside tx, one pending ledger row per active chat following
// any of the partners and per configured channel of those partners, and
// enqueues the send jobs in the same transaction. It implements notify.Fanout.
func (b *Bot) Fanout(ctx context.Context, tx *store.Store, a store.Article, partners []string) error {
	if len(partners) == 0 {
		for _, t := range a.Tags {
			partners = append(partners, t.Partner)
		}
	}
	if len(partners) == 0 {
		return nil
	}
	// The delivery rule: chats that started following after the article
	// was first seen do not get it (the Worker checked that it qualifies).
	followedBy, ok := notify.NewRule(b.cfg).FollowedBy(a)
	if !ok {
		return nil
	}
	if _, err := tx.RecordTelegramPush(ctx, a.ID, partners, followedBy); err != nil {
		return err
	}
	var channels []string
	for _, p := range partners {
		if ch := b.cfg.Telegram.Channels[p]; ch != "" {
			channels = append(channels, ch)
		}
	}
	sort.Strings(channels)
	if _, err := tx.RecordDeliveries(ctx, a.ID, Channel, channels); err != nil {
		return err
	}
	return b.enqueue(ctx, tx, a.ID)
}

// enqueue inserts send jobs covering every pending row of an article, in tx.
func (b *Bot) enqueue(ctx context.Context, tx *store.Store, articleID int64) error {
	if tx.Tx == nil {
		return fmt.Errorf("telegram: enqueue needs a transaction")
	}
	ids, err := tx.PendingDeliveryIDs(ctx, articleID, Channel)
	if err != nil || len(ids) == 0 {
		return err
	}
	return b.insertSends(ctx, tx, articleID, ids)
}

// insertSends inserts, in tx, send jobs covering the rows ids (ascending) of
// an article, set.batch rows per job.
func (b *Bot) insertSends(ctx context.Context, tx *store.Store, articleID int64, ids []int64) error {
	var params []river.InsertManyParams
	for start := 0; start < len(ids); start += b.set.batch {
		end := min(start+b.set.batch, len(ids)) - 1
		params = append(params, river.InsertManyParams{Args: SendArgs{ArticleID: articleID, FromID: ids[start], ToID: ids[end]}})
	}
	if _, err := b.jobs.InsertManyTx(ctx, tx.Tx, params); err != nil {
		return fmt.Errorf("telegram: enqueue sends of article %d: %w", articleID, err)
	}
	return nil
}
