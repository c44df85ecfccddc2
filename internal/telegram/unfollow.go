package telegram

import (
	"context"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/partnerfeed/partnerfeed/internal/i18n"
)

// unfollowMenu answers /unfollow without a name: the followed cities as
// buttons, a tap unfollows one.
func (b *Bot) unfollowMenu(ctx context.Context, c chatContext) error {
	follows, err := b.store.TelegramFollows(ctx, c.id)
	if err != nil {
		return err
	}
	if len(follows) == 0 {
		return b.reply(ctx, c, i18n.T(c.lang, "bot.list_empty"), nil)
	}
	kb := b.unfollowKeyboard(c.lang, follows)
	return b.reply(ctx, c, i18n.T(c.lang, "bot.unfollow_menu"), &kb)
}

// untap unfollows a partner tapped on the /unfollow keyboard and updates the
// keyboard in place; once nothing is followed the message says so.
func (b *Bot) untap(ctx context.Context, q *tgbotapi.CallbackQuery, chatID int64, lang, slug string) error {
	p, ok := b.cfg.Partner(slug)
	if !ok {
		return b.answer(ctx, q.ID, "")
	}
	if _, err := b.store.UnfollowPartner(ctx, chatID, slug); err != nil {
		return err
	}
	follows, err := b.store.TelegramFollows(ctx, chatID)
	if err != nil {
		return err
	}
	if len(follows) == 0 {
		edit := tgbotapi.NewEditMessageText(chatID, q.Message.MessageID, i18n.T(lang, "bot.list_empty"))
		edit.ParseMode = tgbotapi.ModeHTML
		b.edit(ctx, edit)
	} else {
		b.edit(ctx, tgbotapi.NewEditMessageReplyMarkup(chatID, q.Message.MessageID, b.unfollowKeyboard(lang, follows)))
	}
	return b.answer(ctx, q.ID, i18n.T(lang, "bot.cb_unfollowed", p.Name(lang)))
}
