// Package hide withdraws an article (a release the press office took back)
// and shows it again: the one domain step the console (and any later caller)
// uses. In one transaction it marks the article hidden with its reason,
// skips its pending Telegram deliveries, queues the deletion of its
// Telegram messages of the last 48 hours, runs the hooks of other channels
// (the Fediverse's Delete) and writes the audit log entry. Feeds, pages and
// pending digests leave it out because the store's publishing queries do.
package hide

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/store"
	"github.com/partnerfeed/partnerfeed/internal/telegram"
)

// Hook runs inside the transaction of a hide (hidden true) or unhide, after
// the article's row changed; it inserts its own jobs with tx (tx.Tx).
type Hook func(ctx context.Context, tx *store.Store, a store.Article, hidden bool) error

// Deps are what hiding needs.
type Deps struct {
	Store *store.Store
	Jobs  *jobs.Inserter
	// Telegram is whether the bot is on (its delete jobs have a worker).
	Telegram bool
	// Hooks of other channels, run in the transaction.
	Hooks []Hook
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

func (d Deps) now() time.Time {
	if d.Now == nil {
		return time.Now()
	}
	return d.Now()
}

// state is what the audit log keeps of an article's visibility.
type state struct {
	Hidden bool   `json:"hidden"`
	Reason string `json:"reason,omitempty"`
	Title  string `json:"title"`
	URL    string `json:"url"`
}

// Article hides the article id with reason on behalf of who. It reports
// whether anything changed (hiding a hidden article changes nothing).
func Article(ctx context.Context, d Deps, id int64, reason, who string) (bool, error) {
	return d.set(ctx, id, true, reason, who)
}

// Unhide shows the article again. Its Telegram messages stay deleted and
// skipped chats are not sent it again; feeds, pages and digests not yet
// sent have it again.
func Unhide(ctx context.Context, d Deps, id int64, who string) (bool, error) {
	return d.set(ctx, id, false, "", who)
}

func (d Deps) set(ctx context.Context, id int64, hidden bool, reason, who string) (changed bool, err error) {
	now := d.now()
	err = d.Store.InTx(ctx, func(tx *store.Store) error {
		before, err := tx.Article(ctx, id)
		if err != nil {
			return err
		}
		if changed, err = tx.SetArticleHidden(ctx, id, hidden, reason, now); err != nil || !changed {
			return err
		}
		after := state{Hidden: hidden, Reason: reason, Title: before.Title, URL: before.URL}
		action := "article.unhide"
		if hidden {
			action = "article.hide"
			if err := d.withdrawTelegram(ctx, tx, id); err != nil {
				return err
			}
		}
		for _, h := range d.Hooks {
			if err := h(ctx, tx, before, hidden); err != nil {
				return err
			}
		}
		return tx.AddAudit(ctx, store.AuditEntry{At: now, Actor: who, Action: action, Object: fmt.Sprintf("article:%d", id),
			Before: store.AuditJSON(state{Hidden: !before.HiddenAt.IsZero(), Reason: before.HiddenReason, Title: before.Title, URL: before.URL}),
			After:  store.AuditJSON(after)})
	})
	if err != nil {
		return false, fmt.Errorf("hide: article %d: %w", id, err)
	}
	return changed, nil
}

// withdrawTelegram skips the article's pending Telegram deliveries and
// queues the deletion of its sent messages.
func (d Deps) withdrawTelegram(ctx context.Context, tx *store.Store, id int64) error {
	if err := tx.SkipArticleDeliveries(ctx, id, telegram.Channel, "article withdrawn"); err != nil {
		return err
	}
	if !d.Telegram {
		return nil
	}
	_, err := d.Jobs.InsertManyTx(ctx, tx.Tx, []river.InsertManyParams{{Args: telegram.DeleteArgs{ArticleID: id}}})
	return err
}
