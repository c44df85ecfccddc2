package telegram

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/riverqueue/river"

	"github.com/partnerfeed/partnerfeed/internal/jobs"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// Register adds the send worker and its queue to the daemon's job registry.
func (b *Bot) Register(reg *jobs.Registry) {
	river.AddWorker(reg.Workers, &SendWorker{Bot: b})
	reg.Queues[Queue] = river.QueueConfig{MaxWorkers: 2}
}

// Run is the bot's background loop: it resumes unfinished deliveries, connects
// (retrying while Telegram is unreachable), sets the command list, and then
// receives updates by long polling (or, in webhook mode, registers the
// webhook). It returns when ctx ends.
func (b *Bot) Run(ctx context.Context) error {
	go b.recoverLoop(ctx)
	for wait := time.Second; ; wait = min(2*wait, time.Minute) {
		cctx, cancel := context.WithTimeout(ctx, b.set.sendTimeout)
		err := b.api.Connect(cctx)
		cancel()
		if err == nil {
			break
		}
		b.log.Warn("Telegram unreachable", slog.Any("error", err), slog.Duration("retry_in", wait))
		if !sleep(ctx, wait) {
			return ctx.Err()
		}
	}
	b.log.Info("Telegram bot connected", slog.String("bot", b.api.Self.UserName))
	b.setCommands(ctx)
	if b.cfg.Telegram.Mode == "webhook" {
		url := strings.TrimRight(b.cfg.Site.BaseURL, "/") + b.WebhookPath()
		if err := b.api.SetWebhook(ctx, url, b.webhookToken()); err != nil {
			b.log.Error("Setting the Telegram webhook failed", slog.Any("error", err))
		}
		<-ctx.Done()
		return ctx.Err()
	}
	if err := b.api.DeleteWebhook(ctx); err != nil {
		b.log.Warn("Deleting the Telegram webhook failed", slog.Any("error", err))
	}
	return b.poll(ctx)
}

// setCommands publishes the command list in every language the bot speaks.
func (b *Bot) setCommands(ctx context.Context) {
	names := []string{"start", "partners", "follow", "unfollow", "list", "latest", "language", "stop", "help"}
	for _, lang := range append([]string{""}, Languages...) {
		l := lang
		if l == "" {
			l = chooseLanguage(b.cfg.Site.Language, "")
		}
		var cmds []tgbotapi.BotCommand
		for _, n := range names {
			cmds = append(cmds, tgbotapi.BotCommand{Command: n, Description: tr(l, "cmd_"+n)})
		}
		c := tgbotapi.NewSetMyCommands(cmds...)
		c.LanguageCode = lang
		sctx, cancel := context.WithTimeout(ctx, b.set.sendTimeout)
		if err := b.api.Request(sctx, c); err != nil {
			b.log.Warn("Setting the Telegram commands failed", slog.String("language", lang), slog.Any("error", err))
		}
		cancel()
	}
}

// poll receives updates by long polling. The offset is stored after each
// update, so a restart neither loses nor repeats updates (except the one
// being handled at a crash, and handlers are idempotent).
func (b *Bot) poll(ctx context.Context) error {
	offset, err := b.store.TelegramUpdateOffset(ctx)
	if err != nil {
		return err
	}
	wait := time.Second
	for ctx.Err() == nil {
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

// WebhookPath is where Telegram posts updates in webhook mode; it contains
// the configured secret.
func (b *Bot) WebhookPath() string {
	return "/telegram/webhook/" + b.cfg.Telegram.WebhookSecret.Value()
}

// webhookToken is the secret_token given to setWebhook (Telegram allows only
// [A-Za-z0-9_-] there, so it is derived from the secret).
func (b *Bot) webhookToken() string {
	sum := sha256.Sum256([]byte("partnerfeed-telegram-webhook:" + b.cfg.Telegram.WebhookSecret.Value()))
	return hex.EncodeToString(sum[:])
}

// ServeWebhook receives one update. It checks the secret in the path and in
// the X-Telegram-Bot-Api-Secret-Token header, skips updates already handled,
// and answers 200 once the update is handled.
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
	ctx := r.Context()
	offset, err := b.store.TelegramUpdateOffset(ctx)
	if err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	if u.UpdateID >= offset {
		b.handle(ctx, u)
		if err := b.store.SetTelegramUpdateOffset(context.WithoutCancel(ctx), u.UpdateID+1); err != nil {
			b.log.Error("Storing the Telegram offset failed", slog.Any("error", err))
		}
	}
	w.WriteHeader(http.StatusOK)
}

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

// sleep waits d or until ctx ends; it reports whether ctx is still alive.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
