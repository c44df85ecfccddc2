package telegram

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/riverqueue/river"
)

// DeleteWindow is how old a message may be for a bot to delete it
// (deleteMessage refuses older ones).
const DeleteWindow = 48 * time.Hour

// DeleteArgs is a River job that deletes the messages an article became in
// chats and channels during the last DeleteWindow: the press office
// withdrew the article. Inserted in the transaction that hides it.
type DeleteArgs struct {
	ArticleID int64 `json:"article_id"`
}

// Kind is the River job kind.
func (DeleteArgs) Kind() string { return "telegram_delete" }

// InsertOpts puts delete jobs on the bot's queue.
func (DeleteArgs) InsertOpts() river.InsertOpts { return river.InsertOpts{Queue: Queue} }

// DeleteWorker works DeleteArgs jobs.
type DeleteWorker struct {
	river.WorkerDefaults[DeleteArgs]
	Bot *Bot
}

// Work deletes each message still known, one request each. A message
// Telegram says is gone or too old is recorded as such; any other error
// fails the job, and River retries the messages not yet deleted.
func (w *DeleteWorker) Work(ctx context.Context, job *river.Job[DeleteArgs]) error {
	b := w.Bot
	// A message in flight when the article was hidden is deleted too: the
	// job waits (River retries it) until no row is sending any more.
	counts, err := b.store.DeliveryCounts(ctx, job.Args.ArticleID, Channel)
	if err != nil {
		return err
	}
	if n := counts["sending"]; n > 0 {
		return fmt.Errorf("telegram: delete messages of article %d: %d still being sent", job.Args.ArticleID, n)
	}
	msgs, err := b.store.SentMessages(ctx, job.Args.ArticleID, Channel, time.Now().Add(-DeleteWindow))
	if err != nil {
		return err
	}
	deleted := 0
	for _, m := range msgs {
		c := tgbotapi.DeleteMessageConfig{MessageID: int(m.MessageID)}
		if strings.HasPrefix(m.Recipient, "@") {
			c.ChannelUsername = m.Recipient
		} else if c.ChatID, err = strconv.ParseInt(m.Recipient, 10, 64); err != nil {
			return fmt.Errorf("telegram: delete message: recipient %q: %w", m.Recipient, err)
		}
		why := "deleted: article withdrawn"
		if err := b.api.Request(ctx, c); err != nil {
			if f, _, _ := classify(err); f != permanent && f != gone {
				return fmt.Errorf("telegram: delete message %d: %w", m.MessageID, err)
			}
			why = "not deleted: " + err.Error()
			b.log.Warn("Telegram did not delete a withdrawn article's message", slog.Int64("article", job.Args.ArticleID),
				slog.String("recipient", m.Recipient), slog.Any("error", err))
		} else {
			deleted++
		}
		if err := b.store.MessageDeleted(ctx, m.DeliveryID, why); err != nil {
			return err
		}
	}
	b.log.Info("Deleted a withdrawn article's Telegram messages", slog.Int64("article", job.Args.ArticleID),
		slog.Int("deleted", deleted), slog.Int("known", len(msgs)))
	return nil
}
