package telegram

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// recoverLoop resumes deliveries a crash left behind: at start, every pending
// row gets send jobs (the jobs of a killed process stay "running" in River
// for an hour); then, regularly, rows left in sending for longer than the
// lease are returned to pending and resent (possible duplicates, counted).
func (b *Bot) recoverLoop(ctx context.Context) {
	if err := b.resume(ctx); err != nil && ctx.Err() == nil {
		b.log.Error("Resuming Telegram deliveries failed", slog.Any("error", err))
	}
	every := max(b.lease()/3, time.Second)
	for sleep(ctx, every) {
		n, articles, err := b.store.ReleaseStaleDeliveries(ctx, Channel, time.Now().Add(-b.lease()))
		if err == nil && n > 0 {
			b.log.Warn("Resending interrupted Telegram deliveries", slog.Int("rows", n))
			err = b.enqueueAll(ctx, articles)
		}
		if err != nil && ctx.Err() == nil {
			b.log.Error("Recovering Telegram deliveries failed", slog.Any("error", err))
		}
		b.countDeliveries(ctx)
	}
}

// countDeliveries updates the ledger gauge.
func (b *Bot) countDeliveries(ctx context.Context) {
	counts, err := b.store.UnfinishedDeliveryCounts(ctx, Channel)
	if err != nil {
		return
	}
	for _, st := range []string{store.DeliveryPending, store.DeliverySending, store.DeliveryFailed} {
		deliveries.WithLabelValues(st).Set(float64(counts[st]))
	}
}

// resume enqueues send jobs for every article with pending rows.
func (b *Bot) resume(ctx context.Context) error {
	articles, err := b.store.PendingDeliveryArticles(ctx, Channel)
	if err != nil {
		return err
	}
	if len(articles) > 0 {
		b.log.Info("Resuming Telegram deliveries", slog.Int("articles", len(articles)))
	}
	return b.enqueueAll(ctx, articles)
}

func (b *Bot) enqueueAll(ctx context.Context, articles []int64) error {
	var errs []error
	for _, id := range articles {
		errs = append(errs, b.store.InTx(ctx, func(tx *store.Store) error { return b.enqueue(ctx, tx, id) }))
	}
	return errors.Join(errs...)
}
