package cli

import (
	"context"
	"log/slog"

	"github.com/partnerfeed/partnerfeed/internal/telegram"
)

// setupTelegram wires the bot into the daemon: its fan-out, its send worker
// and queue, and its background loop (or its webhook route). The bot connects
// in the background: Telegram being unreachable never delays the rest.
func (a *app) setupTelegram(ctx context.Context) error {
	if a.cfg.Telegram == nil {
		return nil
	}
	if a.cfg.Telegram.Token.Value() == "" {
		a.log.Warn("Telegram bot off: telegram.token is empty")
		return nil
	}
	bot, err := telegram.New(ctx, a.cfg, a.store, a.jobs, a.log.With(slog.String("part", "telegram")))
	if err != nil {
		return err
	}
	a.fanouts = append(a.fanouts, bot)
	if a.cfg.Telegram.Mode == "webhook" {
		a.webhook = bot.ServeWebhook
	}
	a.background = append(a.background, bot.Run)
	return nil
}
