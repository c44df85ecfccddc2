package telegram

import (
	"context"
	"log/slog"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// poll receives updates by long polling. Each batch is stored in the inbox
// with the offset past it before the next getUpdates confirms it to
// Telegram, and handed to the workers: an update is either still at Telegram
// or in the inbox, so a restart loses none (and repeats only the ones being
// handled at a crash; handlers are idempotent).
// Before each request it calls held, and stops if held reports the polling
// lease lost.
func (b *Bot) poll(ctx context.Context, held func(context.Context) error) error {
	offset, err := b.store.TelegramUpdateOffset(ctx)
	if err != nil {
		return err
	}
	if n, err := b.queueInbox(ctx); err != nil {
		return err
	} else if n > 0 {
		b.log.Info("Resuming unhandled Telegram updates", slog.Int("updates", n))
	}
	// When the lease is lost, the next holder handles the queue from the inbox.
	defer b.updates.drop()
	wait := time.Second
	for ctx.Err() == nil {
		if err := held(ctx); err != nil {
			return err
		}
		if err := b.updates.waitRoom(ctx); err != nil {
			break
		}
		pctx, cancel := context.WithTimeout(ctx, b.set.pollTimeout+b.set.sendTimeout)
		updates, err := b.api.Updates(pctx, offset, b.set.pollTimeout)
		cancel()
		if err == nil {
			var fresh []tgbotapi.Update
			fresh, err = b.accept(ctx, updates)
			b.updates.add(fresh...)
		}
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			// The offset stays: Telegram sends the same updates again.
			b.log.Warn("Telegram getUpdates failed", slog.Any("error", err), slog.Duration("retry_in", wait))
			sleep(ctx, wait)
			wait = min(2*wait, time.Minute)
			continue
		}
		wait = time.Second
		for _, u := range updates {
			offset = max(offset, u.UpdateID+1)
		}
	}
	return ctx.Err()
}

// handle handles one update; a failure is logged, never retried forever.
// It returns the failure.
func (b *Bot) handle(ctx context.Context, u tgbotapi.Update) error {
	err := b.HandleUpdate(ctx, u)
	if err != nil && ctx.Err() == nil {
		updatesHandled.WithLabelValues("error").Inc()
		b.log.Error("Telegram update failed", slog.Int("update_id", u.UpdateID), slog.Any("error", err))
	}
	return err
}
