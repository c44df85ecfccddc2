package telegram

import (
	"context"
	"html"
	"strings"
	"time"

	"github.com/partnerfeed/partnerfeed/internal/i18n"
)

// cmdMute answers /mute [duration]: the chat keeps what it follows but gets
// no new articles until /unmute or until the duration has passed. Articles
// published meanwhile are skipped for it, not sent later (a mute that ends in
// a burst of messages would be no mute); /latest shows them.
func (b *Bot) cmdMute(ctx context.Context, c chatContext, arg string) error {
	var until time.Time
	if arg != "" {
		d, err := ParseMuteDuration(arg)
		if err != nil {
			return b.reply(ctx, c, i18n.T(c.lang, "bot.mute_bad", html.EscapeString(shorten(clean(arg), 64))), nil)
		}
		until = time.Now().Add(d)
	}
	if err := b.store.MuteTelegramChat(ctx, c.id, until); err != nil {
		return err
	}
	if until.IsZero() {
		return b.reply(ctx, c, i18n.T(c.lang, "bot.muted"), nil)
	}
	return b.reply(ctx, c, i18n.T(c.lang, "bot.muted_until", b.muteEnd(until, c.lang)), nil)
}

// cmdUnmute answers /unmute.
func (b *Bot) cmdUnmute(ctx context.Context, c chatContext) error {
	was, err := b.store.UnmuteTelegramChat(ctx, c.id)
	if err != nil {
		return err
	}
	if !was {
		return b.reply(ctx, c, i18n.T(c.lang, "bot.not_muted"), nil)
	}
	return b.reply(ctx, c, i18n.T(c.lang, "bot.unmuted"), nil)
}

// muteNote is the line /list adds for a muted chat ("" when it is not muted).
func (b *Bot) muteNote(ctx context.Context, c chatContext) (string, error) {
	muted, until, err := b.store.TelegramChatMute(ctx, c.id)
	switch {
	case err != nil || !muted:
		return "", err
	case until.IsZero():
		return i18n.T(c.lang, "bot.list_muted"), nil
	}
	return i18n.T(c.lang, "bot.list_muted_until", b.muteEnd(until, c.lang)), nil
}

// muteEnd shows when a mute ends, in the site's time zone, named ("CET",
// "UTC") or, for a zone without an abbreviation, as its offset ("UTC+03:00"):
// a chat may be anywhere.
func (b *Bot) muteEnd(t time.Time, lang string) string {
	t = t.In(b.cfg.Location)
	zone := t.Format("MST")
	if strings.HasPrefix(zone, "+") || strings.HasPrefix(zone, "-") {
		zone = "UTC" + t.Format("-07:00")
	}
	return i18n.Date(lang, t) + " " + t.Format("15:04") + " " + zone
}
