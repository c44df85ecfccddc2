package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// accept stores updates in the inbox (and the offset past them) and queues
// the ones new to it for the workers. Once it returns without error the
// updates are safe: a crash or restart handles them from the inbox, so they
// may be confirmed to Telegram.
func (b *Bot) accept(ctx context.Context, updates []tgbotapi.Update) error {
	if len(updates) == 0 {
		return nil
	}
	rows := make([]store.TelegramUpdate, len(updates))
	now := time.Now()
	for i, u := range updates {
		payload, err := json.Marshal(u)
		if err != nil {
			return fmt.Errorf("telegram: encode update %d: %w", u.UpdateID, err)
		}
		rows[i] = store.TelegramUpdate{ID: u.UpdateID, ChatID: chatOf(u), Payload: string(payload), ReceivedAt: now}
	}
	accepted, err := b.store.AcceptTelegramUpdates(ctx, rows)
	if err != nil {
		return err
	}
	var fresh []tgbotapi.Update
	for _, a := range accepted {
		for _, u := range updates {
			if u.UpdateID == a.ID {
				fresh = append(fresh, u)
				break
			}
		}
	}
	b.updates.add(fresh...)
	return nil
}

// resumeUpdates queues the updates left in the inbox by an earlier process
// (or by the replica that polled before this one).
func (b *Bot) resumeUpdates(ctx context.Context) error {
	rows, err := b.store.TelegramInbox(ctx)
	if err != nil {
		return err
	}
	var updates []tgbotapi.Update
	for _, r := range rows {
		var u tgbotapi.Update
		if err := json.Unmarshal([]byte(r.Payload), &u); err != nil {
			b.log.Error("Dropping an unreadable Telegram update", slog.Int("update_id", r.ID), slog.Any("error", err))
			if err := b.store.FinishTelegramUpdate(ctx, r.ID); err != nil {
				return err
			}
			continue
		}
		updates = append(updates, u)
	}
	if len(updates) > 0 {
		b.log.Info("Resuming unhandled Telegram updates", slog.Int("updates", len(updates)))
	}
	b.updates.add(updates...)
	return nil
}

// handleQueued handles one update of the inbox and removes it from there,
// unless the daemon is stopping: then it stays and is handled again at the
// next start (handlers are idempotent).
func (b *Bot) handleQueued(ctx context.Context, u tgbotapi.Update) {
	b.handle(ctx, u)
	if ctx.Err() != nil {
		return
	}
	if err := b.store.FinishTelegramUpdate(context.WithoutCancel(ctx), u.UpdateID); err != nil {
		b.log.Error("Removing a handled Telegram update failed", slog.Int("update_id", u.UpdateID), slog.Any("error", err))
	}
}
