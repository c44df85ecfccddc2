package telegram

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"log/slog"
	"net/http"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// WebhookPrefix starts the path of the webhook (WebhookPath).
const WebhookPrefix = "/telegram/webhook/"

// WebhookPath is where Telegram posts updates in webhook mode; it contains
// the configured secret.
func (b *Bot) WebhookPath() string {
	return WebhookPrefix + b.cfg.Telegram.WebhookSecret.Value()
}

// webhookToken is the secret_token given to setWebhook (Telegram allows only
// [A-Za-z0-9_-] there, so it is derived from the secret).
func (b *Bot) webhookToken() string {
	sum := sha256.Sum256([]byte("partnerfeed-telegram-webhook:" + b.cfg.Telegram.WebhookSecret.Value()))
	return hex.EncodeToString(sum[:])
}

// ServeWebhook receives one update. It checks the secret in the path and in
// the X-Telegram-Bot-Api-Secret-Token header, skips updates already
// accepted, and answers 200 once the update is in the inbox; the replica
// holding the inbox lease handles it (drainInbox).
func (b *Bot) ServeWebhook(w http.ResponseWriter, r *http.Request) {
	secret := b.cfg.Telegram.WebhookSecret.Value()
	if secret == "" || subtle.ConstantTimeCompare([]byte(r.PathValue("secret")), []byte(secret)) != 1 ||
		subtle.ConstantTimeCompare([]byte(r.Header.Get("X-Telegram-Bot-Api-Secret-Token")), []byte(b.webhookToken())) != 1 {
		http.NotFound(w, r)
		return
	}
	var u tgbotapi.Update
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&u); err != nil {
		http.Error(w, "bad update", http.StatusBadRequest)
		return
	}
	// Waiting for room holds Telegram back (it sends one update at a time);
	// stored before the 200: Telegram resends what it got no 200 for.
	if err := b.updates.waitRoom(r.Context()); err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	if _, err := b.accept(r.Context(), []tgbotapi.Update{u}); err != nil {
		b.log.Error("Accepting a Telegram update failed", slog.Int("update_id", u.UpdateID), slog.Any("error", err))
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	select { // wake drainInbox (if this replica handles the updates)
	case b.inboxAdded <- struct{}{}:
	default:
	}
	w.WriteHeader(http.StatusOK)
}

// drainInbox queues the inbox's updates in order whenever this replica
// accepted one, and every second for those the other replicas accepted. In
// webhook mode one replica at a time does it (Run), so that a chat's updates
// stay in order whichever replica Telegram reached.
func (b *Bot) drainInbox(ctx context.Context, held func(context.Context) error) error {
	defer b.updates.drop() // when the lease is lost, the next holder handles them
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		if err := held(ctx); err != nil {
			return err
		}
		if _, err := b.queueInbox(ctx); err != nil && ctx.Err() == nil {
			b.log.Error("Reading the Telegram inbox failed", slog.Any("error", err))
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-b.inboxAdded:
		case <-tick.C:
		}
	}
}
