package telegram

import (
	"context"
	"log/slog"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// poll receives updates by long polling. The offset is stored after each
// update, so a restart neither loses nor repeats updates (except the one
// being handled at a crash, and handlers are idempotent).
// Before each request it calls held, and stops if held reports the polling
// lease lost.
func (b *Bot) poll(ctx context.Context, held func(context.Context) error) error {
	offset, err := b.store.TelegramUpdateOffset(ctx)
	if err != nil {
		return err
	}
	wait := time.Second
	for ctx.Err() == nil {
		if err := held(ctx); err != nil {
			return err
		}
		pctx, cancel := context.WithTimeout(ctx, b.set.pollTimeout+b.set.sendTimeout)
		updates, err := b.api.Updates(pctx, offset, b.set.pollTimeout)
		cancel()
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			b.log.Warn("Telegram getUpdates failed", slog.Any("error", err), slog.Duration("retry_in", wait))
			sleep(ctx, wait)
			wait = min(2*wait, time.Minute)
			continue
		}
		wait = time.Second
		for _, u := range updates {
			if u.UpdateID < offset {
				continue
			}
			b.handle(ctx, u)
			offset = u.UpdateID + 1
			if err := b.store.SetTelegramUpdateOffset(context.WithoutCancel(ctx), offset); err != nil {
				b.log.Error("Storing the Telegram offset failed", slog.Any("error", err))
			}
		}
	}
	return ctx.Err()
}

// handle handles one update; a failure is logged, never retried forever.
func (b *Bot) handle(ctx context.Context, u tgbotapi.Update) {
	if err := b.HandleUpdate(ctx, u); err != nil && ctx.Err() == nil {
		updatesHandled.WithLabelValues("error").Inc()
		b.log.Error("Telegram update failed", slog.Int("update_id", u.UpdateID), slog.Any("error", err))
	}
}
