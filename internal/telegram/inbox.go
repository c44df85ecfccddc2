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

// accept stores updates in the inbox (and the offset past them) and returns
// the ones new to it. Once it returns without error the updates are safe: a
// crash or restart handles them from the inbox, so they may be confirmed to
// Telegram.
func (b *Bot) accept(ctx context.Context, updates []tgbotapi.Update) ([]tgbotapi.Update, error) {
	if len(updates) == 0 {
		return nil, nil
	}
	rows := make([]store.TelegramUpdate, len(updates))
	now := time.Now()
	for i, u := range updates {
		payload, err := json.Marshal(u)
		if err != nil {
			return nil, fmt.Errorf("telegram: encode update %d: %w", u.UpdateID, err)
		}
		rows[i] = store.TelegramUpdate{ID: u.UpdateID, ChatID: chatOf(u), Payload: string(payload), ReceivedAt: now}
	}
	accepted, err := b.store.AcceptTelegramUpdates(ctx, rows)
	if err != nil {
		return nil, err
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
	return fresh, nil
}

// queueInbox queues every update of the inbox not queued yet, in order: the
// ones left by an earlier process (or by the replica that handled updates
// before this one), and in webhook mode the ones any replica accepted. It
// returns how many were in the inbox.
//
// It holds inboxMu from reading the inbox until the updates are queued, so
// that no worker removes an update it handled in between: the dispatcher
// forgets an update only after its removal, and would otherwise take the
// stale row for a new update and answer it twice.
func (b *Bot) queueInbox(ctx context.Context) (int, error) {
	b.inboxMu.Lock()
	defer b.inboxMu.Unlock()
	rows, err := b.store.TelegramInbox(ctx)
	if err != nil {
		return 0, err
	}
	var updates []tgbotapi.Update
	for _, r := range rows {
		var u tgbotapi.Update
		if err := json.Unmarshal([]byte(r.Payload), &u); err != nil {
			b.log.Error("Dropping an unreadable Telegram update", slog.Int("update_id", r.ID), slog.Any("error", err))
			if err := b.store.FinishTelegramUpdate(ctx, r.ID); err != nil {
				return 0, err
			}
			continue
		}
		updates = append(updates, u)
	}
	b.updates.add(updates...)
	return len(updates), nil
}

// handleQueued handles one update of the inbox and removes it from there,
// unless the daemon stopped while handling it (the handler failed and ctx
// ended): then it stays and is handled again at the next start (handlers are
// idempotent). An update handled in full is removed even if the daemon began
// to stop meanwhile, so that a restart does not answer it again.
func (b *Bot) handleQueued(ctx context.Context, u tgbotapi.Update) {
	if err := b.handle(ctx, u); err != nil && ctx.Err() != nil {
		return
	}
	b.inboxMu.Lock() // see queueInbox
	defer b.inboxMu.Unlock()
	if err := b.store.FinishTelegramUpdate(context.WithoutCancel(ctx), u.UpdateID); err != nil {
		b.log.Error("Removing a handled Telegram update failed", slog.Int("update_id", u.UpdateID), slog.Any("error", err))
	}
}
