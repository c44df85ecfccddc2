package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/partnerfeed/partnerfeed/internal/i18n"
	"github.com/partnerfeed/partnerfeed/internal/store"
)

// handleCallback answers a tap on an inline button.
func (b *Bot) handleCallback(ctx context.Context, q *tgbotapi.CallbackQuery) error {
	if q.Message == nil || q.Message.Chat == nil {
		return b.answer(ctx, q.ID, "")
	}
	chatID := q.Message.Chat.ID
	lang := b.cfg.Site.Language
	if chat, err := b.store.TelegramChat(ctx, chatID); err == nil {
		lang = i18n.Pick(chat.Language, lang)
	} else if !errors.Is(err, store.ErrNotFound) {
		return err
	} else {
		// A chat the bot does not know (yet, or any more): answer in the
		// tapping user's language, or English when the bot lacks it.
		lang = i18n.Pick(q.From.LanguageCode, lang)
		if err := b.store.UpsertTelegramChat(ctx, store.TelegramChat{ID: chatID, Kind: q.Message.Chat.Type,
			Title: q.Message.Chat.Title, Language: lang}); err != nil {
			return err
		}
	}
	if r := b.mayChange(ctx, q.Message.Chat, q.From, nil); r != allowed {
		return b.answer(ctx, q.ID, refusal(lang, r))
	}
	switch {
	case strings.HasPrefix(q.Data, toggleData):
		return b.toggle(ctx, q, chatID, lang, strings.TrimPrefix(q.Data, toggleData))
	case strings.HasPrefix(q.Data, unfollowData):
		return b.untap(ctx, q, chatID, lang, strings.TrimPrefix(q.Data, unfollowData))
	case strings.HasPrefix(q.Data, languageData):
		l := strings.TrimPrefix(q.Data, languageData)
		if !i18n.Supported(l) {
			return b.answer(ctx, q.ID, "")
		}
		if err := b.store.SetTelegramChatLanguage(ctx, chatID, l); err != nil {
			return err
		}
		edit := tgbotapi.NewEditMessageTextAndMarkup(chatID, q.Message.MessageID, i18n.T(l, "bot.lang_set"), languageKeyboard(l))
		b.edit(ctx, edit)
		return b.answer(ctx, q.ID, i18n.T(l, "bot.lang_set"))
	}
	return b.answer(ctx, q.ID, "")
}

// toggle follows or unfollows a partner and updates the keyboard in place.
func (b *Bot) toggle(ctx context.Context, q *tgbotapi.CallbackQuery, chatID int64, lang, slug string) error {
	p, ok := b.cfg.Partner(slug)
	if !ok {
		return b.answer(ctx, q.ID, "")
	}
	removed, err := b.store.UnfollowPartner(ctx, chatID, slug)
	if err != nil {
		return err
	}
	text := i18n.T(lang, "bot.cb_unfollowed", p.Name(lang))
	if !removed {
		if _, err := b.store.FollowPartner(ctx, chatID, slug); err != nil {
			return err
		}
		text = i18n.T(lang, "bot.cb_followed", p.Name(lang))
	}
	follows, err := b.store.TelegramFollows(ctx, chatID)
	if err != nil {
		return err
	}
	b.edit(ctx, tgbotapi.NewEditMessageReplyMarkup(chatID, q.Message.MessageID, b.partnersKeyboard(lang, follows)))
	return b.answer(ctx, q.ID, text)
}

// edit changes a message; "message is not modified" is no failure.
func (b *Bot) edit(ctx context.Context, c tgbotapi.Chattable) {
	sctx, cancel := context.WithTimeout(ctx, b.set.sendTimeout)
	defer cancel()
	if err := b.api.Request(sctx, c); err != nil && !strings.Contains(err.Error(), "not modified") {
		b.log.Warn("Telegram edit failed", slog.Any("error", err))
	}
}

// answer answers a callback query (Telegram shows a spinner until it is).
func (b *Bot) answer(ctx context.Context, id, text string) error {
	sctx, cancel := context.WithTimeout(ctx, b.set.sendTimeout)
	defer cancel()
	if err := b.api.Request(sctx, tgbotapi.NewCallback(id, text)); err != nil {
		return fmt.Errorf("telegram: answer callback: %w", err)
	}
	return nil
}
