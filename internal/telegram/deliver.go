package telegram

import (
	"context"
	"errors"
	"log/slog"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/partnerfeed/partnerfeed/internal/store"
)

// deliver sends one message, retrying what can be retried, and returns the
// row's outcome. It never takes longer than deliverTimeout.
func (r *batchRun) deliver(ctx context.Context, rec recipient) store.DeliveryOutcome {
	b := r.b
	ctx, cancel := context.WithTimeout(ctx, b.deliverTimeout())
	defer cancel()
	out := store.DeliveryOutcome{ID: rec.row.ID, Attempt: rec.row.Attempts}
	if rec.row.Attempts > 1 && strings.HasPrefix(rec.row.LastError, "interrupted") {
		possibleDuplicates.Inc()
	}
	msg := r.render(rec.lang)
	photo := msg.Photo != ""
	backoff := 500 * time.Millisecond
	for attempt := 1; ; attempt++ {
		key := rec.name
		if key == "" {
			key = strconv.FormatInt(rec.chat, 10)
		}
		done, err := b.pace.Wait(ctx, key, rec.group)
		if err != nil {
			return later(out, err)
		}
		id, err := b.sendOne(ctx, rec, msg, photo)
		done()
		if err == nil {
			messagesSent.Inc()
			out.Status, out.MessageID = store.DeliverySent, id
			return out
		}
		f, retryAfter, migrateTo := classify(err)
		if attempt >= 6 && f != gone && f != permanent {
			return later(out, err)
		}
		switch f {
		case rateLimited:
			sendRetries.WithLabelValues(f.String()).Inc()
			b.pace.Penalize(key, retryAfter)
			b.recordRateLimit(ctx, retryAfter)
		case migrated:
			sendRetries.WithLabelValues(f.String()).Inc()
			if err := b.store.MigrateTelegramChat(ctx, rec.chat, migrateTo); err != nil {
				return later(out, err)
			}
			rec.chat = migrateTo
		case badPhoto:
			sendRetries.WithLabelValues(f.String()).Inc()
			photo = false
		case gone:
			sendFailures.WithLabelValues(f.String()).Inc()
			out.Status, out.Error = store.DeliveryFailed, err.Error()
			if rec.chat != 0 {
				chatsDeactivated.Inc()
				if derr := b.store.DeactivateTelegramChat(ctx, rec.chat, err.Error()); derr != nil {
					b.log.Error("Deactivating chat failed", slog.Int64("chat", rec.chat), slog.Any("error", derr))
				}
			} else {
				b.log.Error("Telegram channel refuses the bot", slog.String("channel", rec.name), slog.Any("error", err))
			}
			return out
		case misconfigured:
			b.log.Error("Telegram refuses the bot's token or endpoint", slog.Any("error", err))
			return later(out, err)
		case permanent:
			sendFailures.WithLabelValues(f.String()).Inc()
			b.log.Error("Telegram refused a message", slog.Int64("article", rec.row.ArticleID),
				slog.String("recipient", rec.row.Recipient), slog.Any("error", err))
			out.Status, out.Error = store.DeliveryFailed, err.Error()
			return out
		default:
			sendRetries.WithLabelValues(f.String()).Inc()
			if ctx.Err() == nil && isTimeout(err) {
				possibleDuplicates.Inc() // Telegram may have sent it before we gave up
			}
			select {
			case <-ctx.Done():
				return later(out, err)
			case <-time.After(backoff):
			}
			backoff = min(2*backoff, 8*time.Second)
		}
	}
}

// recordRateLimit keeps a 429 in the store, where the console's first page
// sees it whichever replica met it; a failure to keep it is only logged.
func (b *Bot) recordRateLimit(ctx context.Context, retryAfter time.Duration) {
	if err := b.store.RecordTelegramRateLimit(context.WithoutCancel(ctx), time.Now(), retryAfter); err != nil {
		b.log.Warn("Recording a Telegram rate limit failed", slog.Any("error", err))
	}
}

// later returns a row to pending: its job fails and River retries it.
func later(out store.DeliveryOutcome, err error) store.DeliveryOutcome {
	sendRetries.WithLabelValues("later").Inc()
	out.Status, out.Error = store.DeliveryPending, err.Error()
	return out
}

func isTimeout(err error) bool {
	return errors.Is(err, context.DeadlineExceeded) || strings.Contains(err.Error(), "timeout")
}

// sendOne makes one request and returns the sent message's id.
func (b *Bot) sendOne(ctx context.Context, rec recipient, msg Rendered, photo bool) (int64, error) {
	base := tgbotapi.BaseChat{ChatID: rec.chat, ChannelUsername: rec.name, DisableNotification: b.silent()}
	var c tgbotapi.Chattable
	if photo {
		p := tgbotapi.PhotoConfig{BaseFile: tgbotapi.BaseFile{BaseChat: base, File: tgbotapi.FileURL(msg.Photo)},
			Caption: msg.Text, ParseMode: tgbotapi.ModeHTML}
		c = p
	} else {
		// Without a photo (or when it was refused) the text goes alone; a
		// caption is valid message text too.
		c = tgbotapi.MessageConfig{BaseChat: base, Text: msg.Text, ParseMode: tgbotapi.ModeHTML}
	}
	// A request once started is not cancelled with the job (at shutdown):
	// cancelled mid-flight, it might have been delivered and be sent again.
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), b.set.sendTimeout)
	defer cancel()
	m, err := b.api.Send(sctx, c)
	return int64(m.MessageID), err
}
