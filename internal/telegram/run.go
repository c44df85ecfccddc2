package telegram

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/riverqueue/river"

	"github.com/partnerfeed/partnerfeed/internal/i18n"
	"github.com/partnerfeed/partnerfeed/internal/jobs"
)

// register adds the send and delete workers and their queue to the daemon's job registry,
// and the sweep "telegram" (jobs.AddSweep).
func (b *Bot) register(reg *jobs.Registry) {
	river.AddWorker(reg.Workers, &SendWorker{Bot: b})
	river.AddWorker(reg.Workers, &DeleteWorker{Bot: b})
	reg.Queues[Queue] = river.QueueConfig{MaxWorkers: 2}
	reg.AddSweep(Channel, b.store, b.log, b.Sweep)
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
	// Updates are handled once the bot knows its name (commands in groups
	// carry it); Run returns when the updates being handled are done.
	var workers sync.WaitGroup
	workers.Go(func() { b.updates.run(ctx) })
	defer workers.Wait()
	b.setCommands(ctx)
	if b.cfg.Telegram.Mode == "webhook" {
		url := strings.TrimRight(b.cfg.Site.BaseURL, "/") + b.WebhookPath()
		if err := b.api.SetWebhook(ctx, url, b.webhookToken()); err != nil {
			b.log.Error("Setting the Telegram webhook failed", slog.Any("error", err))
		}
		return b.whileLeased(ctx, inboxLease, "updates", b.drainInbox)
	}
	if err := b.api.DeleteWebhook(ctx); err != nil {
		b.log.Warn("Deleting the Telegram webhook failed", slog.Any("error", err))
	}
	return b.whileLeased(ctx, pollLease, "polling", b.poll)
}

// The leases of the work one replica does for all (Telegram allows one
// getUpdates caller per bot; one replica handles the updates in webhook mode).
const (
	pollLease  = "telegram_polling"
	inboxLease = "telegram_updates"
)

// whileLeased runs work while this replica holds the lease name; the other
// replicas stand by and take over when its holder stops or dies. what names
// the work in the log.
func (b *Bot) whileLeased(ctx context.Context, name, what string, work func(context.Context, func(context.Context) error) error) error {
	standing := false
	for ctx.Err() == nil {
		lease, ok, err := b.store.TryLease(ctx, name)
		if err != nil {
			b.log.Warn("Taking a Telegram lease failed", slog.String("work", what), slog.Any("error", err))
		}
		if !ok {
			if !standing {
				b.log.Info("Another replica does this Telegram work; standing by", slog.String("work", what))
				standing = true
			}
			sleep(ctx, 2*time.Second)
			continue
		}
		if standing {
			b.log.Info("Took this Telegram work over", slog.String("work", what))
			standing = false
		}
		err = work(ctx, lease.Check)
		lease.Release()
		if ctx.Err() == nil {
			b.log.Warn("Telegram lease lost", slog.String("work", what), slog.Any("error", err))
		}
	}
	return ctx.Err()
}

// menuCommands are the commands Telegram offers in its menu, in this order;
// each has a description "cmd_<name>" in every language.
var menuCommands = []string{"start", "partners", "follow", "unfollow", "list", "export", "latest",
	"mute", "unmute", "language", "stop", "help"}

// setCommands publishes the command list for every language the bot speaks
// (language_code), and in the site's language for everyone else.
func (b *Bot) setCommands(ctx context.Context) {
	for _, lang := range append([]string{""}, i18n.Languages()...) {
		l := lang
		if l == "" {
			l = i18n.Pick(b.cfg.Site.Language, "")
		}
		var cmds []tgbotapi.BotCommand
		for _, n := range menuCommands {
			cmds = append(cmds, tgbotapi.BotCommand{Command: n, Description: i18n.T(l, "bot.cmd_"+n)})
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
