package telegram

import (
	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/partnerfeed/partnerfeed/internal/i18n"
)

// Callback data prefixes of the inline keyboards.
const (
	toggleData   = "f:" // + partner slug: follow or unfollow
	languageData = "l:" // + language code
	unfollowData = "u:" // + partner slug: unfollow (the /unfollow keyboard)
)

// partnersKeyboard has one button per partner, two per row; followed ones are ticked.
func (b *Bot) partnersKeyboard(lang string, follows []string) tgbotapi.InlineKeyboardMarkup {
	followed := map[string]bool{}
	for _, f := range follows {
		followed[f] = true
	}
	var buttons []tgbotapi.InlineKeyboardButton
	for _, p := range b.cfg.Partners {
		label := p.Name(lang)
		if followed[p.Slug] {
			label = "✅ " + label
		}
		buttons = append(buttons, tgbotapi.NewInlineKeyboardButtonData(label, toggleData+p.Slug))
	}
	return twoPerRow(buttons)
}

// unfollowKeyboard has one button per followed partner, two per row: a tap unfollows it.
func (b *Bot) unfollowKeyboard(lang string, follows []string) tgbotapi.InlineKeyboardMarkup {
	var buttons []tgbotapi.InlineKeyboardButton
	for _, p := range b.partners(follows) {
		buttons = append(buttons, tgbotapi.NewInlineKeyboardButtonData("✖ "+p.Name(lang), unfollowData+p.Slug))
	}
	return twoPerRow(buttons)
}

// twoPerRow lays buttons out in rows of two.
func twoPerRow(buttons []tgbotapi.InlineKeyboardButton) tgbotapi.InlineKeyboardMarkup {
	var rows [][]tgbotapi.InlineKeyboardButton
	for len(buttons) > 2 {
		rows = append(rows, buttons[:2])
		buttons = buttons[2:]
	}
	if len(buttons) > 0 {
		rows = append(rows, buttons)
	}
	return tgbotapi.NewInlineKeyboardMarkup(rows...)
}

// languageKeyboard offers the languages the bot speaks.
func languageKeyboard(current string) tgbotapi.InlineKeyboardMarkup {
	var row []tgbotapi.InlineKeyboardButton
	for _, l := range i18n.Languages() {
		label := i18n.Name(l)
		if l == current {
			label = "✅ " + label
		}
		row = append(row, tgbotapi.NewInlineKeyboardButtonData(label, languageData+l))
	}
	return tgbotapi.NewInlineKeyboardMarkup(row[:3], row[3:])
}
