package telegram

import (
	"context"
	"html"
	"time"
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
			return b.reply(ctx, c, tr(c.lang, "mute_bad", html.EscapeString(shorten(clean(arg), 64))), nil)
		}
		until = time.Now().Add(d)
	}
	if err := b.store.MuteTelegramChat(ctx, c.id, until); err != nil {
		return err
	}
	if until.IsZero() {
		return b.reply(ctx, c, tr(c.lang, "muted"), nil)
	}
	return b.reply(ctx, c, tr(c.lang, "muted_until", b.muteEnd(until, c.lang)), nil)
}

// cmdUnmute answers /unmute.
func (b *Bot) cmdUnmute(ctx context.Context, c chatContext) error {
	was, err := b.store.UnmuteTelegramChat(ctx, c.id)
	if err != nil {
		return err
	}
	if !was {
		return b.reply(ctx, c, tr(c.lang, "not_muted"), nil)
	}
	return b.reply(ctx, c, tr(c.lang, "unmuted"), nil)
}

// muteNote is the line /list adds for a muted chat ("" when it is not muted).
func (b *Bot) muteNote(ctx context.Context, c chatContext) (string, error) {
	muted, until, err := b.store.TelegramChatMute(ctx, c.id)
	switch {
	case err != nil || !muted:
		return "", err
	case until.IsZero():
		return tr(c.lang, "list_muted"), nil
	}
	return tr(c.lang, "list_muted_until", b.muteEnd(until, c.lang)), nil
}

// muteEnd shows when a mute ends, in the site's time zone.
func (b *Bot) muteEnd(t time.Time, lang string) string {
	return t.In(b.cfg.Location).Format(dateLayouts[lang] + " 15:04")
}
